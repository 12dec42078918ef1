"""Bad input, tried for real: a folder full of bad files beside good ones (pipeline and `overhoop ingest`),
odd file names and encodings, and every kind of bad question (Assistant.ask and `overhoop ask --json`)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from assistant.composition import LEAD_INS
from assistant.core import NO_PASSAGES, REFUSAL, Assistant
from assistant.extractive import FALLBACK_LEAD_IN, PARTIAL_OPENINGS
from assistant.questions import EMPTY_REPLY, NO_WORDS_REPLY, NOT_DUTCH_REPLY
from basics.settings import Settings, get_settings
from ingest import pipeline
from ingest.loaders import MAX_FILE_MB
from ingest.store import open_index
from overhoop.cli import main
from tests.reliability.support import answer_body_lines, cli_env, quoted_sentences, run_overhoop
from tests.support.corpus import TINY_DOCUMENTS, hashing_settings, write_corpus
from tests.support.documents import write_bad_files, write_pdf

# Good files with awkward names and encodings, and a word from each that must come through intact.
LATIN1_TEXT = "Coördinatie van zorg\n\nDe coördinatie van ideeën over één aanpak gebeurt in de zorgraad.\n"
UTF16_TEXT = "Eén op drie\n\nEén op drie kinderen maakt een “ingrijpende” jeugdervaring mee; café-overleg.\n"
ACCENTED_TEXT = "Één nota\n\nDe crèche en de kinderopvang werken samen rond veerkracht.\n"
ODD_GOOD_FILES = {
    "latijn één.txt": (LATIN1_TEXT.encode("latin-1"), "coördinatie van ideeën"),
    "utf16 tekst.txt": (UTF16_TEXT.encode("utf-16"), "“ingrijpende” jeugdervaring mee; café-overleg"),
    "Één nota met spaties.txt": (ACCENTED_TEXT.encode("utf-8"), "De crèche en de kinderopvang"),
}


def _write_good(corpus: Path) -> None:
    write_corpus(corpus)
    for name, (data, _) in ODD_GOOD_FILES.items():
        (corpus / name).write_bytes(data)


def _write_bad(corpus: Path) -> dict[str, str]:
    """write_bad_files plus a sparse file over the size limit: {file name: reason its line must give}.

    (A sub-folder named like a file, `map.txt`, is no document of the folder: a scan passes it by.)
    """
    expected = {path.name: reason for path, reason in write_bad_files(corpus).items() if path.is_file()}
    with (corpus / "heel groot bestand.txt").open("wb") as handle:
        handle.truncate(int((MAX_FILE_MB + 1) * 1024 * 1024))
    expected["heel groot bestand.txt"] = "te groot"
    return expected


def _chunks_by_doc(settings: Settings) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for chunk in open_index(settings).chunks():
        found.setdefault(chunk.doc_id, set()).add(chunk.chunk_id)
    return found


def _doc_text(settings: Settings, doc_id: str) -> str:
    return "\n".join(c.text for c in open_index(settings).chunks() if c.doc_id == doc_id)


def _assert_one_line_each(lines: list[str], expected: dict[str, str], prefix: str = "") -> None:
    wrong = []
    for name, reason in expected.items():
        mine = [line for line in lines if line.startswith(f"{prefix}{name}:")]
        if len(mine) != 1 or reason not in mine[0]:
            wrong.append(f"{name}: want one line with {reason!r}, got {mine}")
    assert wrong == []
    assert len(lines) == len(expected), lines


# --- ingest --------------------------------------------------------------------------------------------


def test_bad_files_beside_an_existing_index_cost_one_line_each(tmp_path: Path, monkeypatch) -> None:
    corpus = tmp_path / "corpus"
    _write_good(corpus)
    settings = hashing_settings(tmp_path / "data", corpus)
    first = pipeline.ingest(settings=settings, progress=False)
    assert first.errors == [] and first.documents == len(TINY_DOCUMENTS) + len(ODD_GOOD_FILES)
    before = _chunks_by_doc(settings)

    expected = _write_bad(corpus)
    (corpus / "verdwijnt.txt").write_text("Verdwijnt\n\nDit bestand verdwijnt tijdens het lezen.")
    expected["verdwijnt.txt"] = "niet leesbaar"
    (corpus / "nieuw document.txt").write_text("Nieuw\n\nPleegouders krijgen vorming over trauma.")
    real_load = pipeline._load

    def vanishing_load(info):  # the file goes away between listing the folder and reading it
        if info.path.name == "verdwijnt.txt":
            info.path.unlink()
        return real_load(info)

    monkeypatch.setattr(pipeline, "_load", vanishing_load)
    summary = pipeline.ingest(settings=settings, progress=False, strict=True)

    _assert_one_line_each(summary.errors, expected)
    assert all("\n" not in line for line in summary.errors)
    assert summary.exit_code == 1
    assert (summary.new, summary.removed) == (1, 0)
    after = _chunks_by_doc(settings)
    assert {doc: after[doc] for doc in before} == before  # nothing already indexed is lost
    assert len(after) == len(before) + 1


def test_odd_names_and_encodings_are_ingested_intact(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write_good(corpus)
    settings = hashing_settings(tmp_path / "data", corpus)
    summary = pipeline.ingest(settings=settings, progress=False)
    assert summary.errors == []
    index = open_index(settings)
    by_title = {d["title"]: d["doc_id"] for d in index.documents()}
    for name, (data, phrase) in ODD_GOOD_FILES.items():
        title = next(line for line in _decoded(data).splitlines() if line.strip())
        assert title in by_title, (name, by_title)
        assert phrase in _doc_text(settings, by_title[title]), name
    (hit, _), *_ = index.lexical_search("coördinatie ideeën", 1)
    assert hit.doc_id == by_title["Coördinatie van zorg"]


def test_files_without_manifest_entry_are_not_redone_on_the_next_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write_good(corpus)
    write_pdf(corpus / "rapport zonder manifest.pdf")  # its title comes from its first line of text
    settings = hashing_settings(tmp_path / "data", corpus)
    assert pipeline.ingest(settings=settings, progress=False).errors == []
    assert not pipeline.is_stale(settings)
    again = pipeline.ingest(settings=settings, progress=False)
    assert (again.new, again.wrote) == (0, False)


def _decoded(data: bytes) -> str:
    for encoding in ("utf-16", "utf-8"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if text.isprintable() or "\n" in text:
            return text
    return data.decode("latin-1")


@pytest.mark.slow
def test_overhoop_ingest_names_every_bad_file_and_strict_fails(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write_good(corpus)
    env = cli_env(hashing_settings(tmp_path / "data", corpus))
    done = run_overhoop("ingest", env=env)
    assert done.returncode == 0, done.stderr
    expected = _write_bad(corpus)

    done = run_overhoop("ingest", env=env)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    _assert_one_line_each(done.stderr.splitlines(), expected, prefix="fout: ")
    assert f"ongewijzigd: {len(TINY_DOCUMENTS) + len(ODD_GOOD_FILES)}" in done.stdout
    assert f"{len(expected)} fouten" in done.stdout

    strict = run_overhoop("ingest", "--strict", env=env)
    assert strict.returncode == 1 and "Traceback" not in strict.stderr
    assert len(strict.stderr.splitlines()) == len(expected)


# --- questions -----------------------------------------------------------------------------------------

LONG_QUESTION = ("Wat doe ik bij een niet-pluisgevoel over een kind in mijn klas? " * 320)[:20_000]
# A French question full of words Dutch shares ("je", "de") may get the plain refusal instead of the
# language hint: both are a clear Dutch "no answer".
FOREIGN = (NOT_DUTCH_REPLY, REFUSAL)
# name: (question, the fixed replies allowed, or None when it must be searched)
QUESTIONS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "leeg": ("", (EMPTY_REPLY,)),
    "alleen witruimte en stuurtekens": (" \t\x00\x07\u200b \r\n", (EMPTY_REPLY,)),
    "alleen emoji": ("😀🙈🎉👍🏽🧩", (NO_WORDS_REPLY,)),
    "alleen leestekens": ("?!?... ;-) ¿¡ …", (NO_WORDS_REPLY,)),
    "Engels": ("What should I do when I am worried about a child in my class?", FOREIGN),
    "Frans": ("Que dois-je faire quand je suis inquiet pour un enfant de ma classe ?", FOREIGN),
    "HTML en script": (
        '<script>alert("x")</script><img src=x onerror=alert(1)> Wat doe ik bij een <b>niet-pluisgevoel</b>?',
        None,
    ),
    "markdown": (
        "# Kop\n**Wat** doe ik bij een [niet-pluisgevoel](javascript:alert(1))? ![x](http://example.org/x.png)",
        None,
    ),
    "stuurtekens": ("Wat\x00 doe\x1b[31m ik bij\u202e een\u200b niet-pluisgevoel?\x07\x7f", None),
    "20.000 tekens": (LONG_QUESTION, None),
}
MARKUP = ("<script", "</script", "<img", "onerror", "<b>", "javascript:", "![", "](", "**", "# Kop", "\x1b")
OPENINGS = (
    *LEAD_INS.values(),
    *PARTIAL_OPENINGS,
    FALLBACK_LEAD_IN,
    REFUSAL,
    NO_PASSAGES,
    EMPTY_REPLY,
    NO_WORDS_REPLY,
    NOT_DUTCH_REPLY,
)


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("vragen")
    settings = hashing_settings(root / "data", write_corpus(root / "corpus"))
    assert pipeline.ingest(settings=settings, progress=False).errors == []
    return settings


@pytest.fixture(scope="module")
def assistant(small_index: Settings) -> Assistant:
    return Assistant(small_index)


def _assert_clear_dutch_answer(answer: dict, question: str, replies: tuple[str, ...] | None) -> None:
    text = answer["answer"]
    assert text.startswith(OPENINGS), text[:200]
    assert not any(unicodedata.category(ch) in ("Cc", "Cf") and ch != "\n" for ch in text)
    assert not any(unicodedata.category(ch) in ("Cc", "Cf") for ch in answer["question"])
    body = "\n".join(answer_body_lines(text))  # the composer's own bold labels and bullets aside
    for markup in MARKUP:
        assert markup not in body, markup
    if replies is not None:
        assert text in replies and answer["refused"]
        return
    assert text not in (EMPTY_REPLY, NO_WORDS_REPLY, NOT_DUTCH_REPLY)
    if not answer["refused"]:
        # Everything after the lead-in is a sentence copied from a cited source, then its marker.
        sources = " ".join(c["text"] for c in answer["citations"])
        quoted = quoted_sentences(text)
        assert quoted
        for sentence in quoted:
            assert sentence in sources, sentence


@pytest.mark.parametrize("name", list(QUESTIONS))
def test_bad_question_gets_a_clear_dutch_answer(assistant: Assistant, name: str) -> None:
    question, replies = QUESTIONS[name]
    answer = assistant.ask(question)
    _assert_clear_dutch_answer(answer.to_dict(), question, replies)
    if name == "20.000 tekens":
        assert answer.notice and "langer dan" in answer.notice
        assert len(answer.question) <= assistant.settings.max_question_chars
    if name == "stuurtekens":
        assert not answer.refused and answer.citations  # the words of the question still find the answer


@pytest.fixture
def cli_settings(small_index: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    for key, value in cli_env(small_index).items():
        if key.startswith("OVERHOOP_"):
            monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    return small_index


@pytest.mark.parametrize("name", [n for n in QUESTIONS if QUESTIONS[n][0].strip()])
def test_bad_question_through_overhoop_ask_json(cli_settings: Settings, name: str, capsys) -> None:
    question, replies = QUESTIONS[name]
    assert main(["ask", "--json", question]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    _assert_clear_dutch_answer(json.loads(captured.out), question, replies)


def test_empty_question_on_the_command_line_is_one_clear_line(cli_settings: Settings, capsys) -> None:
    assert main(["ask", "--json", ""]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.strip().splitlines()) == 1
    assert "Geef een vraag" in captured.err


@pytest.mark.slow
def test_hostile_and_long_questions_in_a_real_overhoop_process(small_index: Settings) -> None:
    env = cli_env(small_index)
    for name in ("HTML en script", "20.000 tekens"):
        question, replies = QUESTIONS[name]
        done = run_overhoop("ask", "--json", question, env=env)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
        _assert_clear_dutch_answer(json.loads(done.stdout), question, replies)
