"""numpy's BLAS kept to the threads a process that answers may use."""

from __future__ import annotations

import numpy  # noqa: F401  (the BLAS to limit is numpy's, loaded before the limit as in every entry point)
from threadpoolctl import threadpool_info, threadpool_limits

from basics.threads import limit_blas_threads


def _blas_threads() -> set[int]:
    return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}


def test_blas_runs_on_the_threads_it_is_limited_to() -> None:
    with threadpool_limits(limits=2, user_api="blas"):  # the test's own limit is restored after it
        limit_blas_threads(1)
        assert _blas_threads() == {1}
