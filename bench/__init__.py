"""Benchmarks: each module prints its figures next to its targets."""
