"""The framework diagram: layout, text widths, line breaking, syllables, SVG, PNG, palette, cache.

May import: ``core``.
"""
