"""Headless playtests: run levels with bots as fast as the CPU allows, and report."""
