"""Find gold-evidence quotes in documents and chunks, robust to how the corpus was extracted.

Matching works on a canonical form: Unicode NFKC, lower case, and nothing but letters and digits. That makes
a quote match across hard line wraps, blank lines, hyphenation at a line end ("e-\\nlearningtraject"),
curly versus straight quotes, bullets, markdown `**bold**` and ligatures (U+FB01).

Limits, by design:
- Word boundaries vanish, so "de man" also matches "deman" and a very short quote matches almost anywhere:
  keep quotes to a clause or a sentence (the question-set schema rejects quotes that are too short).
- Accents are kept: "creëren" does not match "creeren". Quotes must be copied, not retyped.
- Footnote markers fused into the text ("meegemaakt.[1,2]", "stellingen 15F15F") and page markers ("2/187")
  stay in the document's canonical text, so a quote that skips them does not match; quote around them.
- Real hyphens and hyphenation look the same: "nulde- en eerstelijnsactoren" is "nuldeeneerstelijnsactoren"
  whichever way it was written, which is what we want for matching but means the hyphen carries no signal.
- Text that a document repeats (the eindrapport's table of contents repeats every heading, the presentation
  lists the bouwstenen twice) makes a quote of that text "hit" every chunk holding a copy, and the same
  sentence can occur in two documents: when scoring retrieval, also require the chunk's doc_id to match.
- `evidence_hit` accepts 60% of a quote as a prefix or suffix; for quotes of a clause or more that is
  specific, but it also means a chunk holding only the first 60% of the evidence counts as a hit.
"""

from __future__ import annotations

import math
import unicodedata
from functools import lru_cache
from pathlib import Path

from ingest.documents import DocumentInfo
from ingest.loaders import LoadError, load_document
from ingest.manifest import discover

# A quote that straddles two chunks is still "found" in a chunk holding at least this share of it (as a
# contiguous prefix or suffix of its canonical characters): enough that a reader of that chunk sees the
# evidence, and far above what chance overlap of a sentence-long quote produces.
STRADDLE_FRACTION = 0.6


def canonical(text: str) -> str:
    """NFKC, lower case, letters and digits only: the form in which quotes are compared."""
    normalized = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in normalized if ch.isalnum())


def quote_in(quote: str, text: str) -> bool:
    """True when the quote occurs in the text, ignoring layout, punctuation and case."""
    needle = canonical(quote)
    return bool(needle) and needle in canonical(text)


def evidence_hit(quote: str, chunk_text: str, min_fraction: float = STRADDLE_FRACTION) -> bool:
    """True when a retrieved chunk holds the quote, or enough of it when the quote straddles a chunk boundary.

    "Enough" is a contiguous prefix or suffix of at least `min_fraction` of the quote's canonical characters:
    the end of a quote cut off at the start of the chunk, or its start cut off at the end.
    """
    needle = canonical(quote)
    if not needle:
        return False
    haystack = canonical(chunk_text)
    if needle in haystack:
        return True
    part = math.ceil(min_fraction * len(needle))
    return needle[:part] in haystack or needle[-part:] in haystack


def quote_in_document(quote: str, doc_id: str, corpus_dir: Path | str) -> bool:
    """True when the quote occurs in the corpus document `doc_id`. Raises KeyError for an unknown doc_id."""
    needle = canonical(quote)
    return bool(needle) and needle in corpus_canonical_texts(corpus_dir)[doc_id]


def corpus_canonical_texts(corpus_dir: Path | str) -> dict[str, str]:
    """doc_id -> canonical text of every readable document in the corpus folder, as ingestion sees it.

    doc_ids come from the manifest (ingest.manifest), text from the same loaders as ingestion; a file that
    cannot be read is left out. Cached until a file's modification time or size changes.
    """
    documents = discover(Path(corpus_dir)).documents
    stamp = tuple((info, _file_stamp(info.path)) for info in documents)
    return _canonical_texts(stamp)


def _file_stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=4)
def _canonical_texts(stamp: tuple[tuple[DocumentInfo, tuple[int, int]], ...]) -> dict[str, str]:
    texts: dict[str, str] = {}
    for info, _ in stamp:
        try:
            document = load_document(info)
        except LoadError:
            continue
        texts[info.doc_id] = canonical("\n".join(page.text for page in document.pages))
    return texts
