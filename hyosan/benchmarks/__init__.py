"""Benchmarks and the baselines they compare against."""
