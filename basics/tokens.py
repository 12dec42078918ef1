"""The Dutch analyzer every layer matches words with: NFKC, lower case, no stop words, Snowball stems."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def _stemmer():  # noqa: ANN202 - PyStemmer has no type stubs
    import Stemmer

    return Stemmer.Stemmer("dutch")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    import stopwordsiso

    return frozenset(stopwordsiso.stopwords("nl"))


def is_stop_word(word: str) -> bool:
    """The word (any case) is a Dutch function word ("en", "dat", "we")."""
    return word.lower() in _stop_words()


def tokenize_nl(text: str) -> list[str]:
    """Dutch analyzer: NFKC, lower case, word tokens without stop words, Snowball-stemmed.

    "trauma's" and "trauma" meet (the apostrophe splits off a lone "s", which is dropped); digits stay,
    so "2023" and "3.2.1" ("3", "2", "1") remain searchable.
    """
    words = _WORD.findall(unicodedata.normalize("NFKC", text).lower().replace("_", " "))
    stops = _stop_words()
    kept = [w for w in words if w not in stops and not (len(w) == 1 and w.isalpha())]
    return _stemmer().stemWords(kept)
