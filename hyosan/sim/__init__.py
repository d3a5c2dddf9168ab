"""The deterministic world: numpy + pymunk only. No pygame, no wall clock, no file system."""
