"""Benchmarks of the parity check and the plugin: ``python benchmarks/run.py``."""
