"""Exchange files for translators' CAT tools: pages as XLIFF 1.2 or PO segments, and back.

May import: ``core``, ``terminology``, ``status``; nothing of MkDocs.
"""
