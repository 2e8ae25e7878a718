"""Localized playbooks: parse, compare and publish playbooks written in several languages.

Layers, each a subpackage; a layer imports only those listed in its own docstring:
``core`` → ``terminology``, ``status``, ``diagram`` → ``reader``, ``project`` →
``plugin`` (MkDocs wiring) and ``cli`` (the ``playbook`` command), the only entry points.
"""
