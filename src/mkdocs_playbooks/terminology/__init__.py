"""Glossaries (termbases per locale) and the terminology rules that check translations against them.

May import: ``core``.
"""
