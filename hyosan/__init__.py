"""Hyosan: a top-down arcade survival game where the horde hunts by sound."""
