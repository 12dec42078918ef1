"""How many threads numpy's BLAS may use in this process."""

from __future__ import annotations


def limit_blas_threads(limit: int) -> None:
    """Keep the BLAS libraries loaded in this process (numpy's OpenBLAS) to at most `limit` threads, from
    now on.

    In a process that answers questions the matrices are small (one 384-wide query against a few thousand
    vectors), and idle BLAS threads spin on the cores the embedder needs: on 2 cores, the query embedding
    inside `ask` took 61 ms with BLAS on two threads and 31 ms on one (the embedder alone: 25 ms). Batch
    embedding at ingest gains from more threads, so ingest does not call this.
    """
    from threadpoolctl import threadpool_limits  # lazy: only a process that answers needs it

    threadpool_limits(limits=limit, user_api="blas")
