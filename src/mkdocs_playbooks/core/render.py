"""Render one list of diagnostics for people (text), tools (JSON) and CI (GitHub, JUnit)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict

from mkdocs_playbooks.core.diagnostics import Diagnostic, Severity
from mkdocs_playbooks.core.rules import RULES, RULES_BY_ID

JSON_FORMAT_VERSION = 1
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render_text_one(item: Diagnostic) -> str:
    """``path:line: PB301 stage-missing: message`` and indented expected/found/hint lines."""
    return "\n".join([item.headline(), *("    " + line for line in item.detail_lines())])


def summary_line(found: Iterable[Diagnostic]) -> str:
    counts = Counter(item.severity for item in found)
    if not counts:
        return "no findings"
    parts = [
        f"{counts[level]} {level.label}{'s' if counts[level] != 1 else ''}"
        for level in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if counts[level]
    ]
    return ", ".join(parts)


def render_text(found: Sequence[Diagnostic]) -> str:
    """Every finding as :func:`render_text_one`, then a summary line."""
    return "\n".join([*map(render_text_one, found), f"translation parity: {summary_line(found)}"])


def render_json(found: Sequence[Diagnostic]) -> str:
    """A JSON document: format version, counts per severity and every finding's fields."""
    counts = Counter(item.severity.label for item in found)
    document = {
        "version": JSON_FORMAT_VERSION,
        "summary": {level.label: counts[level.label]
                    for level in (Severity.ERROR, Severity.WARNING, Severity.INFO)},
        "findings": [
            {**asdict(item), "severity": item.severity.label} for item in found
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def render_github(found: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands: one ``::error file=…,line=…,title=…::…`` per finding,
    which GitHub shows as an annotation on that line of the pull request, then a summary."""
    lines = []
    for item in found:
        properties = ",".join(
            f"{name}={_github_escape(value, is_property=True)}"
            for name, value in (("file", item.path), ("line", str(item.line)),
                                ("title", f"{item.rule} {item.slug}"))
        )
        message = "\n".join([item.message, *item.detail_lines()])
        lines.append(f"::{_GITHUB_LEVEL[item.severity]} {properties}::{_github_escape(message)}")
    return "\n".join([*lines, f"translation parity: {summary_line(found)}"])


def _github_escape(text: str, *, is_property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


def render_junit(found: Sequence[Diagnostic], failing: Severity = Severity.ERROR) -> str:
    """JUnit XML: one test case per rule that passes when the rule found nothing, and one
    failing test case per finding at or above `failing` (below it, the case passes and carries
    the finding as output), so a CI server's test view matches the exit code."""
    by_rule: dict[str, list[Diagnostic]] = {rule.id: [] for rule in RULES}
    for item in found:
        by_rule.setdefault(item.rule, []).append(item)
    suite = ET.Element("testsuite", name="translation parity")
    failures = 0
    for rule_id, items in by_rule.items():
        if not items:
            ET.SubElement(suite, "testcase", classname=f"parity.{rule_id}",
                          name=f"{rule_id} {RULES_BY_ID[rule_id].slug}")
        for item in items:
            case = ET.SubElement(suite, "testcase", classname=f"parity.{item.rule}",
                                 name=f"{item.rule} {item.slug}: {item.location()}",
                                 file=item.path, line=str(item.line))
            details = "\n".join([item.headline(), *item.detail_lines()])
            if item.severity >= failing:
                failures += 1
                ET.SubElement(case, "failure", message=item.message,
                              type=item.severity.label).text = details
            else:
                ET.SubElement(case, "system-out").text = f"{item.severity.label}: {details}"
    suite.set("tests", str(len(suite)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suites = ET.Element("testsuites", name="playbook check", tests=suite.get("tests", "0"),
                        failures=str(failures), errors="0")
    suites.append(suite)
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)
