"""The language passes of a build share what Jinja compiled: each pass makes a new environment,
which would otherwise compile every template of the theme again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader

from mkdocs_playbooks.plugin.template_cache import SharedTemplateCode


class CountingEnvironment(Environment):
    compiled: list[str] = []

    def compile(self, source: Any, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        if name is not None:  # a template (expressions have no name)
            CountingEnvironment.compiled.append(name)
        return super().compile(source, name, *args, **kwargs)


def a_pass(folder: Path, shared: SharedTemplateCode) -> Environment:
    return CountingEnvironment(loader=FileSystemLoader(str(folder)), bytecode_cache=shared)


def test_a_template_is_compiled_once_for_every_pass_until_its_source_changes(
    tmp_path: Path,
) -> None:
    (tmp_path / "page.html").write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    shared = SharedTemplateCode()
    CountingEnvironment.compiled = []
    for title in ("en", "sv", "de"):
        rendered = a_pass(tmp_path, shared).get_template("page.html").render(title=title)
        assert rendered == f"<h1>{title}</h1>"
    assert CountingEnvironment.compiled == ["page.html"]

    (tmp_path / "page.html").write_text("<h2>{{ title }}</h2>", encoding="utf-8")
    assert a_pass(tmp_path, shared).get_template("page.html").render(title="fr") == "<h2>fr</h2>"
    assert CountingEnvironment.compiled == ["page.html", "page.html"]
