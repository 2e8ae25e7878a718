"""The ``playbook`` command line, and nothing else: arguments in, a layer's work, output out.

May import: every layer but ``plugin``; nothing of MkDocs.
"""
