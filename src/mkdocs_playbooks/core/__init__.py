"""The pure core: page model, parsing, the docs tree, comparison, rules and diagnostics.

Imports no other layer of this package, and nothing of MkDocs or Jinja.
"""
