"""Benchmark: a realistic claims database generator and the load harness."""
