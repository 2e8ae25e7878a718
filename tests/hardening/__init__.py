"""Hardening suite: property-based, hostile-input and safe-write tests."""
