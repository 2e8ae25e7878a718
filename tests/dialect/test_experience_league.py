"""The Experience League dialect through real Python-Markdown, and in a real site build."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from conftest import TWO_LOCALE_CONFIG, build_site
from mkdocs_playbooks.markdown.experience_league import CALLOUT_CLASSES, callout_title

DIALECT = "mkdocs_playbooks.markdown.experience_league"


def render(text: str, language: str = "en") -> str:
    return markdown.markdown(
        text, extensions=[DIALECT, "fenced_code"],
        extension_configs={DIALECT: {"language": language}},
    )


@pytest.mark.parametrize("kind", sorted(CALLOUT_CLASSES))
def test_every_callout_is_an_admonition_with_its_title(kind: str) -> None:
    html = render(f">[!{kind}]\n>\n>Check the *totals* first.\n\nAfter.\n", "de")
    assert f'<div class="admonition {CALLOUT_CLASSES[kind]}">' in html
    assert f'<p class="admonition-title">{callout_title(kind, "de")}</p>' in html
    assert "<p>Check the <em>totals</em> first.</p>\n</div>\n<p>After.</p>" in html
    assert "[!" not in html


def test_titles_follow_the_locale_with_english_as_the_fallback() -> None:
    assert callout_title("NOTE", "sv") == "Obs"
    assert callout_title("NOTE", "de-DE") == "Hinweis"
    assert callout_title("WARNING", "fr") == "Warning"


def test_a_tab_set_is_content_tabs() -> None:
    html = render(
        ">[!BEGINTABS]\n\n>[!TAB First]\n\nOne **bold**.\n\n>[!TAB [!DNL Cloud]]\n\n"
        ">[!TIP]\n>\n>Inside a tab.\n\n>[!ENDTABS]\n\nAfter the tabs.\n"
    )
    assert '<div class="tabbed-set tabbed-alternate"' in html
    assert '<label for="__tabbed_1_1">First</label><label for="__tabbed_1_2">Cloud</label>' in html
    assert "<p>One <strong>bold</strong>.</p>" in html
    assert '<div class="admonition tip">' in html
    assert html.rstrip().endswith("<p>After the tabs.</p>")


def test_inline_tokens_are_their_text_and_ui_labels_are_marked() -> None:
    html = render("Open [!DNL Commerce Intelligence] and click **[!UICONTROL Save & Close]**.\n")
    assert html == (
        '<p>Open Commerce Intelligence and click <strong><span class="uicontrol">'
        "Save &amp; Close</span></strong>.</p>"
    )


def test_a_callout_indented_in_a_list_item_stays_in_it() -> None:
    html = render("1. Open the report.\n\n    >[!NOTE]\n    >\n    >Only admins see it.\n\n"
                  "1. Save it.\n")
    assert '<li>\n<p>Open the report.</p>\n<div class="admonition note">' in html
    assert "<p>Only admins see it.</p>\n</div>\n</li>" in html


def test_a_callout_indented_by_three_spaces_stays_in_its_item() -> None:
    html = render("* Guests have no id.\n\n   >[!NOTE]\n   >\n   >Use the email.\n\n## Next\n")
    assert '<li>\n<p>Guests have no id.</p>\n<div class="admonition note">' in html
    assert "<p>Use the email.</p>" in html


def test_a_callout_indented_by_three_spaces_after_a_paragraph_is_top_level() -> None:
    html = render("Cohorts are grouped.\n\n   >[!NOTE]\n   >\n   >Not by the same date.\n")
    assert '<p>Cohorts are grouped.</p>\n<div class="admonition note">' in html


def test_a_ui_label_may_hold_code() -> None:
    html = render("Click **[!UICONTROL Upload `.csv` file]**.\n")
    assert '<span class="uicontrol">Upload <code>.csv</code> file</span>' in html


def test_code_is_left_as_written() -> None:
    html = render("Type `[!DNL x]`.\n\n```\n>[!NOTE]\n[!UICONTROL y]\n```\n")
    assert "<code>[!DNL x]</code>" in html
    assert ">[!NOTE]\n[!UICONTROL y]" in html.replace("&gt;", ">")


def test_a_ui_label_with_a_colon_is_not_a_link_definition() -> None:
    assert render("[!UICONTROL Interval]: None\n") == (
        '<p><span class="uicontrol">Interval</span>: None</p>'
    )


def test_image_attributes_are_applied() -> None:
    html = render('![Chart](chart.png){width="800" zoomable="yes"}\n')
    assert '<img alt="Chart" src="chart.png" width="800" zoomable="yes" />' in html


def test_a_site_renders_the_dialect_in_each_language(tmp_path: Path) -> None:
    config = TWO_LOCALE_CONFIG.replace(
        "plugins:", f"theme:\n  name: material\nmarkdown_extensions:\n  - {DIALECT}\nplugins:"
    )
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    keys = ("source-git-commit: 0123456789abcdef0123456789abcdef01234567\n"
            "source-wordcount: '5'\nworkflow-type: ht\nht-degree: 100%\n")
    for locale, extra, text in (("en", "", "Save it"), ("sv", keys, "Spara den")):
        folder = tmp_path / "docs" / locale
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(
            f"---\ntitle: Use [!DNL Acme]\ndescription: D.\ncontent-id: c1\n{extra}---\n\n"
            "# Use [!DNL Acme]\n\n"
            f">[!IMPORTANT]\n>\n>{text} in [!UICONTROL Settings].\n",
            encoding="utf-8",
        )
    site = build_site(tmp_path)
    english = (site / "index.html").read_text(encoding="utf-8")
    swedish = (site / "sv" / "index.html").read_text(encoding="utf-8")
    assert '<p class="admonition-title">Important</p>' in english
    assert '<p class="admonition-title">Viktigt</p>' in swedish
    assert '<span class="uicontrol">Settings</span>' in swedish
    assert "<title>Use Acme" in swedish and "[!DNL" not in swedish
