"""Render diagnostics as SARIF 2.1.0, the format GitHub code scanning (and other static
analysis viewers) read: one run, the rule catalogue as the tool's rules, one result a finding.

Paths are relative to the project folder, which `playbook check` reports from; code scanning
resolves them against the repository root when the site is at the root (see the README for a
site in a subfolder).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from mkdocs_playbooks.core.diagnostics import Diagnostic, Severity
from mkdocs_playbooks.core.rules import RULES

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_NAME = "playbook"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render_sarif(found: Sequence[Diagnostic], tool_version: str) -> str:
    """A SARIF log with every rule of the catalogue and every finding, at its file and line."""
    rule_index = {rule.id: index for index, rule in enumerate(RULES)}
    rules = [
        {
            "id": rule.id,
            "name": rule.slug,
            "shortDescription": {"text": rule.summary},
            "help": {"text": rule.fix},
            "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        }
        for rule in RULES
    ]
    results = [
        {
            "ruleId": item.rule,
            "ruleIndex": rule_index[item.rule],
            "level": _LEVEL[item.severity],
            "message": {"text": "\n".join([item.message, *item.detail_lines()])},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": item.path, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": max(1, item.line)},
                },
            }],
        }
        for item in found
        if item.rule in rule_index
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": TOOL_NAME, "version": tool_version,
                "rules": rules,
            }},
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False)
