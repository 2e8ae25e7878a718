"""A playbook page printed: no navigation or search, the notice kept, the diagram whole on one
page, link targets written out. Chromium's PDF of it is rendered to PNG with pdftoppm
(poppler-utils) into test-artifacts/ for a person to look at."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SITE_URL = "https://playbooks.example.org/"  # site_url in mkdocs.yml: links print with it
PAGE = "sv/playbooks/commerce-strategy/"
A4_HEIGHT_MM, PAGE_MARGIN_MM = 297, 10
PX_PER_MM = 96 / 25.4

_AFTER = "element => getComputedStyle(element, '::after').content"


@pytest.fixture
def printed(page, site_url):
    page.goto(site_url + PAGE)
    page.emulate_media(media="print", color_scheme="light")
    return page


def test_print_leaves_out_navigation_and_search_and_keeps_the_notice(printed):
    for hidden in (".md-header", ".md-search", ".md-sidebar--primary", ".md-sidebar--secondary",
                   ".md-footer"):
        assert printed.locator(hidden).first.is_hidden(), hidden
    assert printed.locator(".playbook-notice--machine-translated").is_visible()
    assert printed.locator("article h1").is_visible()


def test_print_writes_out_where_links_lead(printed):
    notice_link = printed.locator(".playbook-notice a")
    target = SITE_URL + "playbooks/commerce-strategy/"
    assert notice_link.get_attribute("data-print-href") == target
    assert notice_link.evaluate(_AFTER) == f'" <{target}>"'
    downloads = printed.locator("figure.pbd-figure figcaption a")
    assert downloads.count() == 2
    for index in range(2):
        assert downloads.nth(index).evaluate(_AFTER).startswith(f'" <{SITE_URL}sv/assets/')
    # Links within the page and the diagram's boxes say nothing more.
    assert printed.locator(".md-content a[href^='#'][data-print-href]").count() == 0
    assert printed.locator("svg.pbd a[data-print-href]").count() == 0


def test_print_keeps_the_diagram_whole_on_one_page(printed):
    figure = printed.locator("figure.pbd-figure")
    assert figure.evaluate("f => getComputedStyle(f).breakInside") == "avoid"
    printable = (A4_HEIGHT_MM - 2 * PAGE_MARGIN_MM) * PX_PER_MM
    printed.set_viewport_size({"width": round((210 - 2 * PAGE_MARGIN_MM) * PX_PER_MM),
                               "height": round(printable)})
    assert 0 < figure.bounding_box()["height"] <= printable
    shown = printed.locator("svg.pbd--wide")  # the page is wide enough for the columns
    assert shown.is_visible()


def test_printed_playbook_as_pdf_and_png(printed, artifacts: Path, tmp_path: Path):
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm not found (apt-get install poppler-utils; scripts/test.sh does)")
    pdf = artifacts / "print-sv-commerce-strategy.pdf"
    margin = f"{PAGE_MARGIN_MM}mm"
    printed.pdf(path=str(pdf), format="A4", print_background=True,
                margin={"top": margin, "bottom": margin, "left": margin, "right": margin})
    assert pdf.read_bytes().startswith(b"%PDF-")
    for old in artifacts.glob("print-sv-commerce-strategy-*.png"):
        old.unlink()
    subprocess.run([pdftoppm, "-png", "-r", "60", str(pdf),
                    str(artifacts / "print-sv-commerce-strategy")], check=True, timeout=60)
    pages = sorted(artifacts.glob("print-sv-commerce-strategy-*.png"))
    assert 2 <= len(pages) <= 6, pages
