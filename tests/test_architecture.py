"""The package's folders are its layers: each imports only the layers below it, and only the
MkDocs wiring imports MkDocs. Read from the source with `ast`, so nothing has to be imported."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT

PACKAGE = "mkdocs_playbooks"
PACKAGE_DIR = PROJECT_ROOT / "src" / PACKAGE

ALLOWED = {
    "core": set(),
    "terminology": {"core"},
    "status": {"core"},
    "diagram": {"core"},
    "markdown": {"core"},
    "reader": {"core", "terminology", "status", "diagram"},
    "project": {"core", "terminology", "status"},
    "exchange": {"core", "terminology", "status"},
    "plugin": {"core", "terminology", "status", "diagram", "reader", "project", "markdown"},
    "cli": {"core", "terminology", "status", "diagram", "reader", "project", "exchange"},
}
"""Which other layers each layer may import (the docstring of its ``__init__.py`` says the same)."""

FRAMEWORKS = {"mkdocs", "jinja2", "markupsafe", "material", "mkdocs_static_i18n"}
FRAMEWORK_LAYERS = {"plugin"}


def imported_modules(path: Path) -> set[str]:
    """Every absolute module name `path` imports, at any depth of the file."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def forbidden_imports(layer: str, path: Path) -> list[str]:
    """The modules `path`, a file of `layer`, imports though it must not."""
    wrong = []
    for name in sorted(imported_modules(path)):
        parts = name.split(".")
        if parts[0] == PACKAGE and len(parts) > 1 and parts[1] in ALLOWED:
            if parts[1] != layer and parts[1] not in ALLOWED[layer]:
                wrong.append(name)
        elif parts[0] in FRAMEWORKS and layer not in FRAMEWORK_LAYERS:
            wrong.append(name)
    return wrong


def test_every_subpackage_is_a_known_layer() -> None:
    folders = {path.parent.name for path in PACKAGE_DIR.glob("*/__init__.py")}
    assert folders == set(ALLOWED)
    assert sorted(path.name for path in PACKAGE_DIR.glob("*.py")) == ["__init__.py"]


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    wrong = [f"{path.relative_to(PROJECT_ROOT)} imports {name}"
             for path in sorted((PACKAGE_DIR / layer).rglob("*.py"))
             for name in forbidden_imports(layer, path)]
    assert wrong == []


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_docstring_names_what_it_may_import(layer: str) -> None:
    docstring = ast.get_docstring(ast.parse((PACKAGE_DIR / layer / "__init__.py").read_text()))
    assert docstring and len(docstring.splitlines()) <= 5
    for other in ALLOWED[layer]:
        assert f"``{other}``" in docstring or "every layer" in docstring, other


def test_the_check_catches_a_core_module_importing_mkdocs(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from mkdocs.plugins import BasePlugin\n"
                   "from mkdocs_playbooks.reader.text import reader_text\n")
    assert forbidden_imports("core", bad) == [
        "mkdocs.plugins", "mkdocs.plugins.BasePlugin",
        "mkdocs_playbooks.reader.text", "mkdocs_playbooks.reader.text.reader_text",
    ]
    assert forbidden_imports("plugin", bad) == []


def test_nothing_refers_to_files_outside_the_repository() -> None:
    tracked = [path for folder in ("src", "docs", "benchmarks", "scripts")
               for path in (PROJECT_ROOT / folder).rglob("*") if path.is_file()]
    tracked += [PROJECT_ROOT / name for name in ("mkdocs.yml", "README.md", "pyproject.toml")]
    mentions = [str(path.relative_to(PROJECT_ROOT)) for path in tracked
                if path.suffix not in {".png", ".pyc"} and "STYLE.md" in path.read_text(
                    encoding="utf-8", errors="replace")]
    assert mentions == []
