"""Localized playbooks: parse, compare and publish playbooks written in several languages."""
