"""What readers see: notices, the status page, the library, per-locale search, PDFs, and the
theme folder (``theme/``: templates, CSS and JS) that the plugin adds to the site's theme.

May import: ``core``, ``terminology``, ``status``, ``diagram``.
"""

from pathlib import Path

THEME_DIR = Path(__file__).parent / "theme"
"""Templates and assets the plugin puts between a site's ``custom_dir`` and its theme."""
