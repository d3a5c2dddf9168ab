"""Rendering: sprite atlas loading and drawing helpers (pygame)."""
