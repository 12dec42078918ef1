"""Benchmarks of the OverHoop assistant: latency, ingest, memory and scale (`overhoop bench`)."""
