"""Benchmarks and the baselines they compare against."""

from __future__ import annotations
