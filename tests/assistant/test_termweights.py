"""Term weights: the weighted coverage every ranking and answer decision rests on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from assistant.termweights import TermWeights, weighted_coverage

ROOT = Path(__file__).resolve().parents[2]
# Weights whose float sum depends on the order they are added in.
COVERAGE = """
from assistant.termweights import TermWeights, weighted_coverage
w = TermWeights(idf={"aa": 0.1, "bb": 0.2, "cc": 0.3, "dd": 0.7, "ee": 1e-16, "ff": 3.3}, unseen=1.0)
print(repr(weighted_coverage(["aa", "bb", "cc", "dd", "ee", "ff"], {"aa", "cc", "ee"}, w)))
"""


def test_coverage_is_the_weighted_share_of_the_distinct_query_terms_in_the_text() -> None:
    weights = TermWeights(idf={"trauma": 3.0, "kind": 1.0}, unseen=5.0)
    assert weighted_coverage(["trauma", "kind", "kind"], {"trauma"}, weights) == 0.75
    assert weighted_coverage([], {"trauma"}, weights) == 0.0


def test_coverage_does_not_depend_on_the_process_s_string_hashing() -> None:
    # A sum over a set of strings follows the set's order, which changes with PYTHONHASHSEED from one process
    # to the next: the same question got another answer in another run (forty-third session: a held-out
    # answer swapped a sentence for a line between two runs of the same code).
    results = set()
    for seed in range(8):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        done = subprocess.run(
            [sys.executable, "-c", COVERAGE], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        results.add(done.stdout.strip())
    assert len(results) == 1, results
