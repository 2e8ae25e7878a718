"""Terminology: glossary files, matching, PB601/PB602/PB603 on pages that reproduce the handed-over
machine translations' mistakes, the real pages clean, and the findings in the CLI and the build.

Lines are looked up in the pages' text, never hard-coded, so content edits keep working.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from conftest import PROJECT_ROOT, build_site, findings, parity_records
from mkdocs_playbooks.cli.main import main
from mkdocs_playbooks.core.diagnostics import Diagnostic, Severity
from mkdocs_playbooks.core.parse import parse_page
from mkdocs_playbooks.terminology.check import check_page_terminology
from mkdocs_playbooks.terminology.glossary import Rendering, Term, parse_glossary

SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"
PLAYBOOK = "docs/{locale}/playbooks/commerce-strategy.md"

# (text of the real page, the machine translation's rendering, [(rule, found, approved term)])
DEFECTS = {
    "sv": [
        ("Konfigurera, prissätt, offerera (CPQ)", "Konfigurera, pris, citat",
         [("PB601", "citat", "`offert`"), ("PB601", "Konfigurera, pris,", "`CPQ`")]),
        ("## Köp {#purchase}", "## Inköp {#purchase}", [("PB601", "Inköp", "`köp`")]),
        ("Beställ igen med ett klick", "Ändra ordning med ett klick",
         [("PB601", "Ändra ordning", "`beställ igen`")]),
        ("fakturor och kreditfakturor", "fakturor och krediter",
         [("PB601", "krediter", "`kreditfaktura`")]),
        ("underhåll av webbplatsen", "underhåll på plats",
         [("PB601", "på plats", "`underhåll av webbplats`")]),
        ("Prenumerationstjänster", "Återkommande tjänster",
         [("PB602", "Återkommande tjänster", "`prenumeration`")]),
    ],
    "de": [
        ("Konfigurieren, Kalkulieren, Angebot erstellen (CPQ)",
         "Konfigurieren, Preis, Anführungszeichen",
         [("PB601", "Anführungszeichen", "`Angebot`"),
          ("PB601", "Konfigurieren, Preis,", "`CPQ`")]),
        ("Umwandlung von Angeboten in Aufträge", "Anführungszeichen zur Bestellkonversion",
         [("PB601", "Anführungszeichen", "`Angebot`"),
          ("PB601", "Bestellkonversion", "`Umwandlung`")]),
        ("Abonnementdienste", "An-/Abmeldedienst", [("PB601", "Abmeldedienst", "`Abonnement`")]),
        ("Nachbestellung mit einem Klick", "Neuanordnung mit einem Klick",
         [("PB601", "Neuanordnung", "`Nachbestellung`")]),
        ("Kontoauszüge, Rechnungen und Gutschriften anzeigen",
         "Rechnungen und Gutschriften anzeigen",
         [("PB602", "Rechnungen und Gutschriften anzeigen", "`Kontoauszug`")]),
        ("Künstliche Intelligenz (KI)", "Künstliche Intelligenz (AI)",
         [("PB601", "(AI)", "`KI`")]),
        ("Mehr Lieferoptionen", "Weitere Bereitstellungsoptionen",
         [("PB601", "Bereitstellungsoptionen", "`Lieferoption`")]),
    ],
}


def terminology(found: list[Diagnostic]) -> list[Diagnostic]:
    return [item for item in found if item.rule.startswith("PB6")]


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, 1) if text in line)


def mistranslate(project: Path, locale: str) -> list[tuple[int, str, str, str]]:
    """Put the machine translation's renderings into the real page; return the expected
    findings as (line, rule, found, approved term), in line order."""
    path = project / PLAYBOOK.format(locale=locale)
    text = path.read_text(encoding="utf-8")
    for good, bad, _ in DEFECTS[locale]:
        assert text.count(good) == 1, f"the real page no longer says {good!r}"
        text = text.replace(good, bad)
    path.write_text(text, encoding="utf-8")
    expected = [
        (line_of(path, bad), rule, found, approved)
        for _, bad, wanted in DEFECTS[locale]
        for rule, found, approved in wanted
    ]
    return sorted(expected, key=lambda item: item[0])


def glossary_from(text: str, locale: str = "sv"):
    glossary, problems = parse_glossary(f"glossary/{locale}.yml", locale, text.encode("utf-8"))
    assert problems == []
    return glossary


# Matching.


@pytest.mark.parametrize(
    ("rendering", "match", "text", "found"),
    [
        ("Anführungszeichen", "word", "Konfigurieren, Preis, Anführungszeichen",
         "Anführungszeichen"),
        ("Anführungszeichen", "prefix", "Anführungszeichen zur Bestellkonversion",
         "Anführungszeichen"),
        ("Anführungszeichen", "word", "Bestellanführungszeichen", None),
        ("Anführungszeichen", "substring", "Die Bestellanführungszeichen",
         "Bestellanführungszeichen"),
        ("Angebot", "prefix", "Angebotsanfrage per Self-Service", "Angebotsanfrage"),
        ("offert", "prefix", "Självbetjäningsoffertförfrågan", None),
        ("offert", "substring", "Självbetjäningsoffertförfrågan",
         "Självbetjäningsoffertförfrågan"),
        ("köp", "prefix", "## Inköp", None),
        ("köp", "prefix", "Slutför köpet", "köpet"),
        ("krediter", "word", "fakturor och kreditfakturor", None),
        ("krediter", "word", "fakturor och krediter.", "krediter"),
        ("ändra ordning", "prefix", "ÄNDRA   ORDNINGEN med ett klick", "ÄNDRA   ORDNINGEN"),
        ("Überlegungen", "word", "## ÜBERLEGUNGEN", "ÜBERLEGUNGEN"),
        ("(AI)", "word", "Künstliche Intelligenz (AI)", "(AI)"),
        ("(AI)", "word", "AI und KI", None),
    ],
)
def test_renderings_match_on_unicode_word_boundaries_without_case(
    rendering: str, match: str, text: str, found: str | None
) -> None:
    assert Rendering(rendering, match).search(text) == found


@pytest.mark.parametrize(
    ("text", "has_term"),
    [("Quote-to-order conversion", True), ("Self-service quotes", True),
     ("a quotation", False), ("misquoted", False), ("Configure, price, QUOTE", True)],
)
def test_source_terms_match_whole_words_and_plurals(text: str, has_term: bool) -> None:
    term = Term(("quote",), (Rendering("offert"),))
    assert term.in_source(text) is has_term


def test_code_is_not_text() -> None:
    glossary = glossary_from(
        "terms:\n  - source: quote\n    approved: [offert]\n    forbidden:\n"
        "      - rendering: citat\n        note: A quotation.\n"
    )
    raw = (
        "---\ntitle: Citat\n---\n\n# Sida\n\n```text\ncitat\n```\n\n    citat i indragen kod\n\n"
        "Ett `citat` i kod, men ett citat i text.\n"
    )
    page = parse_page("docs/sv/a.md", "a.md", "sv", raw.encode("utf-8"))
    found = check_page_terminology(page, [], glossary)
    assert [(item.line, item.rule, item.found) for item in found] == [
        (2, "PB601", "Citat"), (13, "PB601", "citat")
    ]


# The handed-over mistakes, reproduced on the real pages.


@pytest.mark.parametrize("locale", ["sv", "de"])
def test_machine_translation_mistakes_are_flagged_at_their_line_with_the_approved_term(
    project: Path, locale: str
) -> None:
    expected = mistranslate(project, locale)
    found = findings(project)
    assert [(item.line, item.rule, item.found) for item in found] == [
        (line, rule, text) for line, rule, text, _ in expected
    ]
    path = PLAYBOOK.format(locale=locale)
    for item, (_, _, _, approved) in zip(found, expected, strict=True):
        assert item.path == path
        assert item.hint.startswith("Use ") and approved in item.hint
        assert approved in item.expected
        wanted = Severity.WARNING if item.rule == "PB601" else Severity.INFO
        assert item.severity is wanted


def test_the_real_pages_are_clean_under_the_shipped_glossaries(project: Path) -> None:
    for locale in ("sv", "de"):
        path = PROJECT_ROOT / "glossary" / f"{locale}.yml"
        glossary, problems = parse_glossary(f"glossary/{locale}.yml", locale, path.read_bytes())
        assert problems == []
        assert len(glossary.terms) >= 30
        assert sum(len(term.forbidden) for term in glossary.terms) >= 15
    assert findings(project) == []


def test_without_a_glossary_folder_terminology_is_not_checked(project: Path) -> None:
    mistranslate(project, "de")
    shutil.rmtree(project / "glossary")
    assert terminology(findings(project)) == []


def test_severity_is_configured_by_slug(project: Path) -> None:
    mistranslate(project, "de")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("      source_locale: en\n",
                     "      source_locale: en\n      severity:\n        term-missing: warning\n"
                     "        term-forbidden: ignore\n"),
        encoding="utf-8",
    )
    found = terminology(findings(project))
    assert [(item.rule, item.severity) for item in found] == [("PB602", Severity.WARNING)]


# The shipped glossaries against the handed-over translations themselves.


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the handed-over translations are not here")
@pytest.mark.parametrize(
    ("locale", "flagged", "not_flagged"),
    [
        ("sv",
         ["Lås upp kärnfunktioner", "# Commerce strategi", "det land som är e-handel",
          "låsa upp dina", "## Medvetenhet", "Personlig upplevelse", "Konfigurera, pris, citat",
          "## Inköp", "Ändra ordning med ett klick", "fakturor och krediter",
          "underhåll på plats", "Commerce strategiramverk"],
         ["Arbetsflöde och integration för inköp", "Konvertering av offert till order"]),
        ("de",
         ["Entsperren Sie", "zum Entsperren", "## Bewusstsein", "## Überlegungen",
          "Preisidentifizierung", "Konfigurieren, Preis, Anführungszeichen",
          "Anführungszeichen zur Bestellkonversion", "An-/Abmeldedienst", "Zahlungsrechnung",
          "Versand- und Versandstatus", "Neuanordnung mit einem Klick",
          "Künstliche Intelligenz (AI)", "Weitere Bereitstellungsoptionen",
          "Wartung des Standorts"],
         ["Beschaffungs-Workflow", "Kauf"]),
    ],
)
def test_the_shipped_glossaries_flag_the_handed_over_translations(
    project: Path, locale: str, flagged: list[str], not_flagged: list[str]
) -> None:
    page = project / PLAYBOOK.format(locale=locale)
    shutil.copyfile(SEEDS / f"commerce-strategy.{locale}.md", page)
    found = [item for item in findings(project) if item.path == PLAYBOOK.format(locale=locale)]
    warned = {item.line for item in found if item.rule == "PB601"}
    missing = {line_of(page, text) for text in flagged} - warned
    assert not missing, f"not flagged: lines {sorted(missing)}"
    assert not {line_of(page, text) for text in not_flagged} & warned


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the handed-over translations are not here")
def test_a_dropped_term_in_the_german_translation_is_reported(project: Path) -> None:
    page = project / PLAYBOOK.format(locale="de")
    shutil.copyfile(SEEDS / "commerce-strategy.de.md", page)
    missing = [item for item in findings(project) if item.rule == "PB602"]
    assert [(item.line, item.expected) for item in missing] == [
        (line_of(page, "Rechnungen und Gutschriften anzeigen"), "`Kontoauszug` or `Kontoauszüge`")
    ]


# Broken glossaries.


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (b"terms:\n  - source: quote\n    approved: [offert\n", 3, "not valid YAML"),
        (b"terms:\n  - source: quote\n    approved: []\n", 3, "at least one"),
        (b"terms:\n  - source: quote\n    approved: offert\n    match: exact\n", 4,
         "`match` is `exact`"),
        (b"terms:\n  - source: quote\n    approved: [offert]\n    forbidden:\n"
         b"      - rendering: offert\n        note: No.\n", 5, "approved as well"),
        (b"terms:\n  - source: quote\n    approved: [offert]\n    source: citat\n", 4,
         "appears twice"),
        (b"terms:\n  - source: quote\n    approved: [offert]\n    forbidden: citat\n", 4,
         "`forbidden` must be a list"),
        (b"terms:\n  - source: quote\n    approved: [offert]\n"
         b"  - source: till\n    approved: [kassa]\n    forbidden:\n"
         b"      - {rendering: offert, note: Wrong.}\n", 4, "approves it"),
        (b"- quote\n", 1, "must be a mapping"),
        (b"terms:\n  - source: \xffquote\n", 2, "not UTF-8"),
        (b"", 1, "empty"),
    ],
)
def test_a_broken_glossary_is_named_with_file_and_line(
    project: Path, content: bytes, line: int, message: str
) -> None:
    (project / "glossary/sv.yml").write_bytes(content)
    found = [item for item in findings(project) if item.rule == "PB603"]
    assert [(item.location(), item.rule, item.severity) for item in found] == [
        (f"glossary/sv.yml:{line}", "PB603", Severity.ERROR)
    ]
    assert message in found[0].message


def test_the_cli_names_a_broken_glossary_without_a_traceback(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "glossary/de.yml").write_text("terms:\n  - source: [quote\n", encoding="utf-8")
    monkeypatch.chdir(project)
    code = main(["check"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in out + err
    assert re.search(r"^glossary/de\.yml:2: PB603 glossary-invalid: the glossary is not valid "
                     r"YAML", out, re.MULTILINE)


# Every way of running the check.


@pytest.mark.parametrize("output_format", ["text", "json", "github", "junit"])
def test_every_output_format_carries_the_terminology_findings(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    output_format: str,
) -> None:
    expected = [(line, rule) for line, rule, _, _ in mistranslate(project, "de")]
    path = PLAYBOOK.format(locale="de")
    monkeypatch.chdir(project)
    code = main(["check", "--format", output_format])
    out = capsys.readouterr().out
    assert code == 0  # warnings and infos do not fail without --strict
    if output_format == "text":
        reported = [(int(m[1]), m[2]) for m in re.finditer(
            rf"^{re.escape(path)}:(\d+): (PB6\d\d) ", out, re.MULTILINE)]
    elif output_format == "json":
        reported = [(item["line"], item["rule"]) for item in json.loads(out)["findings"]
                    if item["path"] == path]
    elif output_format == "github":
        reported = [(int(m[2]), m[3]) for m in re.finditer(
            rf"^::(warning|notice) file={re.escape(path)},line=(\d+),title=(PB6\d\d) ", out,
            re.MULTILINE)]
    else:
        reported = sorted(  # JUnit groups the findings by rule
            (int(case.get("line", "0")), case.get("classname", "").split(".")[1])
            for case in ET.fromstring(out).iter("testcase") if case.get("file") == path
        )
    assert reported == expected
    monkeypatch.chdir(project)
    assert main(["check", "--strict"]) == 1
    capsys.readouterr()


def test_the_plugin_reads_its_glossary_dir_and_fails_a_strict_build(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (project / "glossary").rename(project / "termbase")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      source_locale: en\n", "      source_locale: en\n      glossary_dir: termbase\n"
        ),
        encoding="utf-8",
    )
    expected = mistranslate(project, "sv")
    assert [item.line for item in terminology(findings(project))] == [e[0] for e in expected]
    with caplog.at_level(logging.INFO), pytest.raises(Abort):
        build_site(project, strict=True)
    path = PLAYBOOK.format(locale="sv")
    assert parity_records(caplog) == [
        f"{path}:{line}: {rule} {'term-forbidden' if rule == 'PB601' else 'term-missing'}: "
        + next(item.message for item in findings(project)
               if (item.line, item.rule, item.found) == (line, rule, found))
        for line, rule, found, _ in expected
    ]
