"""Sound: a mixer wrapper that reacts to the world's events; silent when there is no device."""
