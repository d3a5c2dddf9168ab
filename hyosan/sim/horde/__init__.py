"""Horde kernels: spatial hash, zombie store, breed table."""
