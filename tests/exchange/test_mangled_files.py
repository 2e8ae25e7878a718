"""Property-based: whatever happens to an exported file's bytes, an import either works or
refuses it with an ExchangeError; it never raises anything else."""

from __future__ import annotations

from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PLAYBOOK, copy_project, git
from mkdocs_playbooks.core.settings import load_settings
from mkdocs_playbooks.core.tree import DocsTree, load_tree
from mkdocs_playbooks.exchange.export import export_page
from mkdocs_playbooks.exchange.formats import ExchangeError, write_exchange
from mkdocs_playbooks.exchange.importer import ImportOptions, plan_import
from mkdocs_playbooks.status.git_history import GitRepository, open_repository

MANGLED = settings(max_examples=60, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
NOISE = st.sampled_from([b"<", b">", b"/", b"\"", b"&", b";", b"x", b"{", b"}", b"1", b"\n",
                         b"\\", b"#", b",", b" ", b"\xff", b"\x00", b"<x id=\"9\"/>", b"]]>"])


class Exported(NamedTuple):
    tree: DocsTree
    repo: GitRepository
    files: dict[str, bytes]  # the Swedish playbook's export, by format


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    root = copy_project(tmp_path_factory.mktemp("mangled") / "project")
    git(root, "init", "-q")
    settings = load_settings(root / "mkdocs.yml")
    tree, _ = load_tree(settings.root, settings.docs_dir, settings.source_locale,
                        settings.locale_codes)
    repo = open_repository(root)
    document = export_page(tree, "sv", PLAYBOOK, repo, None).document
    return Exported(tree, repo, {name: write_exchange(document, name) for name in ("xliff", "po")})


def mangle(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    for position, cut, noise in edits:
        at = position % (len(data) + 1)
        data = data[:at] + noise + data[at + cut:]
    return data


@pytest.mark.parametrize("file_format", ["xliff", "po"])
@MANGLED
@given(edits=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 8), NOISE),
                      min_size=1, max_size=4))
def test_a_mangled_file_is_imported_or_refused(
    exported: Exported, file_format: str, edits: list[tuple[int, int, bytes]]
) -> None:
    data = mangle(exported.files[file_format], edits)
    try:
        plan_import(exported.tree, exported.repo, [("page.x", data)], ImportOptions())
    except ExchangeError as error:
        assert error.path == "page.x" and error.line >= 0 and error.message
