"""Benchmark tooling: synthetic articles, a query-count header and `bench/run.py`."""
