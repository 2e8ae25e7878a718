"""Operations on a whole project that the plugin and the command line share: the check, and
scaffolding a new locale (pages and the ``mkdocs.yml`` edit).

May import: ``core``, ``terminology``, ``status``.
"""
