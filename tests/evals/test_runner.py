"""`overhoop eval` end to end on the tiny index (hashing embedder), and once on the real corpus (slow)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from basics.settings import Settings, get_settings
from evals import cli as eval_cli
from evals import runner, thresholds
from evals.schema import EvalItem
from ingest.pipeline import ingest
from overhoop.cli import main
from tests.support.corpus import HASHING_REFUSAL_THRESHOLD

SECRET_QUESTION = "Hoeveel kost een parkeerkaart voor de gemeente Zwijndrecht?"


def question(
    item_id: str, text: str, item_type: str, evidence: list[tuple[str, str]], points: list[str], **kw
):
    return {
        "id": item_id,
        "question": text,
        "type": item_type,
        "persona": "coach",
        "history": kw.get("history", []),
        "evidence": [{"doc_id": d, "quote": q} for d, q in evidence],
        "answer_points": points,
        "difficulty": "easy",
    }


QUESTIONS = [
    question(
        "q-1",
        "Wat doe ik met een niet-pluis-gevoel over een kind?",
        "practical",
        [("signalen", "Bespreek je zorgen met een collega of met de vertrouwensarts")],
        ["zorgen bespreken met een collega of de vertrouwensarts"],
    ),
    question(
        "q-2",
        "Hoeveel eerstelijnszones werkten in de derde fase aan trajecten?",
        "fact",
        [("onderzoek", "In de derde fase werkten zestig eerstelijnszones aan trajecten")],
        ["zestig eerstelijnszones"],
    ),
    question(
        "q-3",
        "Welke rol speelden de zorgraden in de samenwerking?",
        "lessons",
        [("onderzoek", "De zorgraden speelden een faciliterende rol bij het opzetten van de samenwerking")],
        ["faciliterende rol van de zorgraden"],
    ),
    question("q-4", SECRET_QUESTION, "unanswerable", [], []),
    question(
        "q-5",
        "en wat betekent dat voor leerkrachten?",
        "followup",
        [("bouwstenen", "Leerkrachten leren signalen van stress bij kinderen herkennen")],
        ["signalen van stress herkennen"],
        history=[
            {"role": "user", "content": "Waarover gaat de zesde bouwsteen?"},
            {"role": "assistant", "content": "Over traumasensitief werken in scholen."},
        ],
    ),
]


@pytest.fixture(scope="module")
def tiny(tiny_index: Settings) -> dict[str, Path]:
    questions = tiny_index.data_dir.parent / "vragen.jsonl"
    questions.write_text("".join(json.dumps(q) + "\n" for q in QUESTIONS), encoding="utf-8")
    return {"corpus": tiny_index.corpus_dir, "data": tiny_index.data_dir, "questions": questions}


@pytest.fixture()
def env(tiny: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    monkeypatch.setenv("OVERHOOP_DATA_DIR", str(tiny["data"]))
    monkeypatch.setenv("OVERHOOP_CORPUS_DIR", str(tiny["corpus"]))
    monkeypatch.setenv("OVERHOOP_EMBEDDER", "hashing")
    monkeypatch.setenv("OVERHOOP_REFUSAL_THRESHOLD", str(HASHING_REFUSAL_THRESHOLD))
    get_settings.cache_clear()
    return tiny


def run_eval(env: dict[str, Path], out: Path, *extra: str) -> int:
    return main(["eval", "--questions", str(env["questions"]), "--out", str(out), *extra])


def test_full_run_writes_reports_with_every_system(env: dict[str, Path], tmp_path: Path):
    out = tmp_path / "rapport"
    assert run_eval(env, out) == 0
    assert {"report.md", "report.html", "results.json"} <= {p.name for p in out.iterdir()}
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert {"command", "settings", "systems", "sets"} <= set(results)
    assert list(results["sets"]) == ["tuning"]  # --questions: one set
    tuning = results["sets"]["tuning"]
    assert {"summary", "by_type", "by_document", "calibration", "items", "worst"} <= set(tuning)
    assert list(tuning["summary"]) == ["overhoop", "dense", "bm25", "naive"]
    for summary in tuning["summary"].values():
        for key in ("hit@1", "hit@3", "hit@5", "hit@10", "recall@5", "mrr", "ndcg@10", "latency_p50_ms"):
            assert summary[key] is not None
        for key in ("answered_answerable", "partial_answerable", "declined_unanswerable"):
            assert summary[key] is not None
        assert summary["n_answerable"] == 4 and summary["n_unanswerable"] == 1
    assert tuning["summary"]["naive"]["refusal_acc_unanswerable"] == 0.0  # it never refuses
    assert tuning["summary"]["naive"]["declined_unanswerable"] == 0.0
    assert tuning["summary"]["naive"]["offtopic_answers"] is None  # stuffed context is not judged
    assert set(tuning["by_type"]["overhoop"]) == {"practical", "fact", "lessons", "unanswerable", "followup"}
    assert set(tuning["by_document"]["overhoop"]) == {"signalen", "onderzoek", "bouwstenen"}
    report = (out / "report.md").read_text(encoding="utf-8")
    assert f"--out {out}" in report.splitlines()[2]
    assert "| overhoop |" in report and "| naive |" in report


def test_a_question_that_uses_the_documents_words_is_found_first(env: dict[str, Path], tmp_path: Path):
    assert run_eval(env, tmp_path / "out") == 0
    results = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    items = results["sets"]["tuning"]["items"]
    q2 = next(r for r in items if r["id"] == "q-2" and r["system"] == "bm25")
    # q-2 repeats the evidence's words: BM25 ranks the onderzoek chunk first.
    assert q2["retrieval"]["hit@1"] == 1.0 and q2["retrieval"]["mrr"] == 1.0
    assert q2["found"][0] == [0]


def test_question_text_stays_in_the_report_folder(env: dict[str, Path], tmp_path: Path):
    out = tmp_path / "out"
    assert run_eval(env, out) == 0
    needle = SECRET_QUESTION.encode("utf-8")
    assert any(needle in path.read_bytes() for path in out.iterdir())
    for path in env["data"].rglob("*"):
        if path.is_file():
            assert needle not in path.read_bytes(), path


def test_default_output_folder_gets_a_latest_copy(
    env: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(runner, "REPORTS_DIR", tmp_path / "reports")
    assert main(["eval", "--quick", "--questions", str(env["questions"])]) in (0, 1)
    folders = sorted(p.name for p in (tmp_path / "reports").iterdir())
    assert "latest" in folders and len(folders) == 2
    assert (tmp_path / "reports" / "latest" / "report.html").is_file()


def test_quick_exits_one_below_a_threshold(
    env: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    for metric in thresholds.QUICK_THRESHOLDS:
        monkeypatch.setitem(thresholds.QUICK_THRESHOLDS, metric, 0.0)
    assert run_eval(env, tmp_path / "ok", "--quick") == 0
    monkeypatch.setitem(thresholds.QUICK_THRESHOLDS, "hit@5", 1.01)
    assert run_eval(env, tmp_path / "fail", "--quick") == 1
    err = capsys.readouterr().err
    assert "hit@5" in err and "Traceback" not in err
    results = json.loads((tmp_path / "fail" / "results.json").read_text(encoding="utf-8"))
    assert list(results["sets"]["tuning"]["summary"]) == list(runner.QUICK_SYSTEMS)
    assert results["thresholds"]["failures"] and results["thresholds"]["set"] == "tuning"


@pytest.fixture()
def two_sets(env: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A questions folder laid out like evals/questions: tuning files on top, the held-out set below."""
    folder = tmp_path / "questions"
    (folder / "heldout").mkdir(parents=True)
    lines = env["questions"].read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "vragen.jsonl").write_text("".join(lines[:3]), encoding="utf-8")
    held_out = "".join(line.replace('"id": "q-', '"id": "ho-q-') for line in lines[2:])
    (folder / "heldout" / "vragen.jsonl").write_text(held_out, encoding="utf-8")
    monkeypatch.setattr(eval_cli, "QUESTIONS_DIR", folder)
    monkeypatch.setattr(eval_cli, "HELDOUT_DIR", folder / "heldout")
    return folder


def test_default_run_reports_tuning_and_held_out_side_by_side(two_sets: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert main(["eval", "--out", str(out)]) == 0
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert list(results["sets"]) == ["tuning", "heldout"]
    tuning, held_out = results["sets"]["tuning"], results["sets"]["heldout"]
    assert (tuning["n"], held_out["n"]) == (3, 3)
    assert {r["id"] for r in held_out["items"]} == {"ho-q-3", "ho-q-4", "ho-q-5"}
    assert not any(r["id"].startswith("ho-") for r in tuning["items"])
    # Nothing is chosen by looking at the held-out set: no threshold sweep, no worst items.
    assert held_out["held_out"] and held_out["calibration"] == {} and held_out["worst"] == []
    assert list(held_out["summary"]) == ["overhoop", "dense", "bm25", "naive"]
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "| overhoop | tuning | 3 |" in report and "| overhoop | heldout | 3 |" in report


def test_set_option_runs_one_set(two_sets: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["eval", "--set", "heldout", "--out", str(tmp_path / "h")]) == 0
    results = json.loads((tmp_path / "h" / "results.json").read_text(encoding="utf-8"))
    assert list(results["sets"]) == ["heldout"] and "--set heldout" in results["command"]
    # --quick measures the tuning set against its bars: alone on the held-out set it has nothing to check.
    assert main(["eval", "--quick", "--set", "heldout", "--out", str(tmp_path / "q")]) == 2
    assert "--quick" in capsys.readouterr().err


def test_without_a_held_out_folder_the_tuning_set_runs_alone(
    two_sets: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.setattr(eval_cli, "HELDOUT_DIR", tmp_path / "nergens")
    assert main(["eval", "--set", "both", "--out", str(tmp_path / "out")]) == 0
    results = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert list(results["sets"]) == ["tuning"]
    assert "Geen achtergehouden set" in capsys.readouterr().err
    assert main(["eval", "--set", "heldout", "--out", str(tmp_path / "none")]) == 2


def test_calibrate_refuses_the_held_out_set(two_sets: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["eval", "calibrate", "--questions", str(two_sets / "heldout")]) == 2
    assert "nooit om te kalibreren" in capsys.readouterr().err


def test_missing_index_says_to_ingest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny, capsys):
    monkeypatch.setenv("OVERHOOP_DATA_DIR", str(tmp_path / "leeg"))
    monkeypatch.setenv("OVERHOOP_EMBEDDER", "hashing")
    get_settings.cache_clear()
    assert main(["eval", "--questions", str(tiny["questions"]), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "overhoop ingest" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_bad_question_file_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    assert main(["eval", "--questions", str(bad)]) == 2
    assert "bad.jsonl regel 1" in capsys.readouterr().err


def test_quick_subset_is_stable_and_covers_every_type():
    types = ["practical", "lessons", "fact", "multi_doc", "paraphrase", "followup"]
    items = []
    for n in range(40):
        item_type = types[n % len(types)] if n < 39 else "unanswerable"
        fields = question(
            f"id-{n:03d}", "vraag?", item_type, [("d", "een citaat van voldoende lengte")], ["p"]
        )
        if item_type == "unanswerable":
            fields |= {"evidence": [], "answer_points": []}
        if item_type == "followup":
            fields["history"] = [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}]
        items.append(EvalItem.model_validate(fields))
    subset = runner.quick_subset(items)
    assert {i.type for i in subset} == set(types) | {"unanswerable"}
    # Every 4th of each type: 39 items of 6 types (7 or 6 each) give 2 each, the lone unanswerable 1.
    assert len(subset) == 13
    assert [i.id for i in runner.quick_subset(list(reversed(items)))] == [i.id for i in subset]


@pytest.mark.slow
def test_quick_eval_passes_on_the_real_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """The CI gate: the real corpus, the default embedder, the shipped question set and thresholds."""
    summary = ingest(progress=False)  # into the isolated data dir; fast once corpus/vectors/ is shipped
    assert not summary.errors
    code = main(["eval", "--quick", "--out", str(tmp_path / "quick")])
    assert code == 0, capsys.readouterr().err


def test_calibrate_needs_enough_questions_of_both_kinds(
    env: dict[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    # 4 answerable and 1 unanswerable: too few to fit the query adapter (it comes first), the ranker or
    # the decision, and to cross-validate any of them; nothing is written.
    from assistant.query_adapter import MODEL_FILE

    shipped = {p.name: p.read_bytes() for p in MODEL_FILE.parent.iterdir()}
    assert main(["eval", "calibrate", "--questions", str(env["questions"]), "--write"]) == 2
    assert "te weinig vragen met bewijs om de zoekvector aan te passen" in capsys.readouterr().err
    monkeypatch.setenv("OVERHOOP_QUERY_ADAPTER", "false")
    get_settings.cache_clear()
    assert main(["eval", "calibrate", "--questions", str(env["questions"]), "--write"]) == 2
    assert "minstens 5 vragen met gevonden bewijs" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in MODEL_FILE.parent.iterdir()} == shipped


def test_cross_fit_needs_enough_questions_with_evidence(env: dict[str, Path], tmp_path: Path, capsys):
    assert run_eval(env, tmp_path / "out", "--cross-fit") == 2
    assert "te weinig vragen met bewijs om de zoekvector aan te passen" in capsys.readouterr().err


def test_cross_fit_adds_a_tuning_row_of_what_the_adapter_has_not_learned(
    env: dict[str, Path], tmp_path: Path
):
    # 24 answerable questions (the tiny set's four, six times) are enough to fit the adapter in 5 folds.
    answerable = [q for q in QUESTIONS if q["type"] != "unanswerable"]
    many = [dict(q, id=f"{q['id']}-{n}") for n in range(6) for q in answerable]
    questions = tmp_path / "veel.jsonl"
    questions.write_text("".join(json.dumps(q) + "\n" for q in many), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["eval", "--questions", str(questions), "--cross-fit", "--out", str(out)]) == 0
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert "--cross-fit" in results["command"]
    summary = results["sets"]["tuning"]["summary"]
    assert list(summary) == ["overhoop", "dense", "bm25", "naive", runner.CROSS_FIT]
    assert summary[runner.CROSS_FIT]["n"] == 24 and summary[runner.CROSS_FIT]["hit@5"] is not None
    assert runner.CROSS_FIT in [s["name"] for s in results["systems"]]
    assert f"| {runner.CROSS_FIT} |" in (out / "report.md").read_text(encoding="utf-8")
