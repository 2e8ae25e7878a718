"""The catalogue of parity rules: stable ids in families, a slug, a default severity, a fix.

Families: PB1xx files and pages, PB2xx front matter, PB3xx stages, PB4xx capability lists,
PB5xx images and links, PB6xx terminology, PB7xx text kept verbatim. Ids never change
meaning; retired ids are not reused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mkdocs_playbooks.core.diagnostics import Diagnostic, Severity


@dataclass(frozen=True)
class Rule:
    id: str
    slug: str
    severity: Severity
    summary: str
    fix: str


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES: tuple[Rule, ...] = (
    Rule("PB101", "page-missing", _E, "A source page has no counterpart in a locale.",
         "Translate the page, or scaffold it with `playbook new-locale LOCALE --missing-only`."),
    Rule("PB102", "page-orphaned", _W, "A locale page has no source page.",
         "Delete or rename the page so that it matches a page of the source locale."),
    Rule("PB103", "page-unreadable", _E,
         "A page cannot be read as UTF-8 text, or a folder or symlink cannot be followed.",
         "Save the file as UTF-8 (a BOM is fine) and remove NUL bytes."),
    Rule("PB104", "page-empty", _E, "A page is empty.",
         "Write the page, or delete it if the locale should fall back to the source."),
    Rule("PB201", "front-matter-invalid", _E, "The front matter is not valid YAML.",
         "Fix the YAML between the two `---` lines; quote values that contain `:` or `#`."),
    Rule("PB202", "front-matter-missing", _E, "A playbook has no front matter block.",
         "Start the file with `---`, the keys, and a closing `---`."),
    Rule("PB203", "front-matter-key-missing", _E, "A required front matter key is missing.",
         "Add the key the schema (`preset`, `page_keys`, `translation_keys`) asks of playbooks."),
    Rule("PB204", "front-matter-key-dropped", _W,
         "A key present in the source front matter is absent in the translation.",
         "Copy the key from the source page and translate its value if it is text."),
    Rule("PB205", "front-matter-value", _E,
         "A front matter value has a shape the theme or the status cannot use.",
         "Write title and description as text, hide and tags as lists of names, "
         "source-wordcount as a whole number."),
    Rule("PB301", "stage-missing", _E, "A stage of the source is missing in the translation.",
         "Add the stage heading with the same `{#anchor}` as the source."),
    Rule("PB302", "stage-extra", _E, "The translation has a stage the source does not have.",
         "Remove the stage, or give it the anchor of the source stage it translates."),
    Rule("PB303", "stage-order", _E, "The translation's stages are in another order.",
         "Move the stage so that stages follow the source's order."),
    Rule("PB304", "stage-anchor", _W, "A stage's anchor differs from the source's.",
         "Give the heading the source's `{#anchor}` so shared links land on the same stage."),
    Rule("PB305", "stage-duplicate", _E, "The translation has the same stage twice.",
         "Delete the repeated stage; each source stage is translated once."),
    Rule("PB401", "capability-count", _E,
         "A stage's capability list has a different number of top-level items.",
         "Make each capability one bullet, in the source's order; do not merge or split items."),
    Rule("PB402", "capability-prose", _E, "A capability list was turned into prose.",
         "Turn the paragraph back into a bullet list, one capability per bullet."),
    Rule("PB501", "reference-missing", _E,
         "An image or internal link of the source has no counterpart in the translation.",
         "Add the image or link; keep its target exactly as in the source."),
    Rule("PB502", "reference-unresolved", _E, "An image or internal link points at nothing.",
         "Fix the path: it is relative to the page's file and must stay inside the project."),
    Rule("PB503", "reference-escapes", _E,
         "A reference, or a symlink under docs/ or assets/, points outside the project.",
         "Use a path inside `docs/` or the top-level `assets/` folder."),
    Rule("PB601", "term-forbidden", _W,
         "A translation uses a rendering the locale's glossary lists as wrong.",
         "Use the approved term the glossary gives for the source term."),
    Rule("PB602", "term-missing", _I,
         "A stage or capability whose source has a glossary term lacks every approved "
         "rendering of it.",
         "Use one of the glossary's approved renderings, or add the good term you used to the "
         "glossary."),
    Rule("PB603", "glossary-invalid", _E, "A glossary file cannot be read or has a bad entry.",
         "Fix the file at the line given; see the glossary format in the README."),
    Rule("PB701", "verbatim-changed", _E,
         "A `[!DNL …]` token or code span of the source is not in the translation unchanged.",
         "Copy the token or code span from the source exactly; translate only the text around "
         "it (`[!UICONTROL …]` labels may be translated)."),
)

RULES_BY_ID: Mapping[str, Rule] = {rule.id: rule for rule in RULES}
RULES_BY_SLUG: Mapping[str, Rule] = {rule.slug: rule for rule in RULES}


def lookup(key: str) -> Rule:
    """Find a rule by id (``PB301``) or slug (``stage-missing``)."""
    rule = RULES_BY_ID.get(key.upper()) or RULES_BY_SLUG.get(key.lower())
    if rule is None:
        raise KeyError(f"unknown rule {key!r}")
    return rule


def diagnostic(
    rule_id: str,
    path: str,
    line: int,
    message: str,
    *,
    expected: str = "",
    found: str = "",
    hint: str = "",
) -> Diagnostic:
    """Build a diagnostic with the rule's default severity; the rule's fix is the default hint."""
    rule = RULES_BY_ID[rule_id]
    return Diagnostic(
        rule=rule.id,
        slug=rule.slug,
        severity=rule.severity,
        path=path,
        line=max(1, line),
        message=message,
        expected=expected,
        found=found,
        hint=hint or rule.fix,
    )
