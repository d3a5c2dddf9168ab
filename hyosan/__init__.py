"""Hyosan: a top-down arcade survival game where the horde hunts by sound."""

__version__ = "0.1.0"
