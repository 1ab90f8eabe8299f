"""Benchmarks of presscut against other tools; not part of the installed package."""
