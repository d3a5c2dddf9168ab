"""Horde kernels: spatial hash, zombie store, breed table."""

from __future__ import annotations
