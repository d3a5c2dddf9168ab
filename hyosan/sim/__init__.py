"""Pure-numpy simulation kernels (no pygame, no pymunk, no wall clock)."""

from __future__ import annotations
