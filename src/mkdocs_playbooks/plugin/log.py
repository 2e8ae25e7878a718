"""The plugin's logger. Messages start with ``playbook:``, the name users give the plugin in
mkdocs.yml, rather than the package's name (MkDocs prefixes a logger's top-level name)."""

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("playbook")
