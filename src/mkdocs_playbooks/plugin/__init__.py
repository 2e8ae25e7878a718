"""The MkDocs wiring, and nothing else: events handed to the layers that do the work.

May import: every layer but ``cli``; the only layer that imports MkDocs.
"""
