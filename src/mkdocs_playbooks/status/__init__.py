"""Translation freshness: what git and word counts say about each translated page; its report.

May import: ``core``.
"""
