"""WCAG 2.1 AA as axe-core sees it, and the framework diagram by keyboard.

axe-core (the version pinned in tests/browser/axe/) runs in Chromium on every page type, in every
locale and both palettes, with the rule sets wcag2a, wcag2aa, wcag21aa and best-practice, and
must find nothing. A keyboard test tabs through a playbook page and reaches every link of the
diagram in reading order, each with a visible focus outline.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from browser.conftest import FALLBACK_PAGE, local_context
from browser.test_diagram_browser import contrast

PREFIXES = {"en": "", "sv": "sv/", "de": "de/"}
SCHEMES = {"light": "default", "dark": "slate"}
PAGE_TYPES = {
    "home": "",
    "playbook": "playbooks/commerce-strategy/",
    "status": "translation-status/",
    "404": "404.html",
}
FALLBACK_URL = FALLBACK_PAGE.removesuffix(".md") + "/"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"]

_RUN_AXE = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
    return result.violations.flatMap(violation => violation.nodes.map(node => ({
        rule: violation.id, impact: violation.impact, help: violation.help,
        target: node.target.join(' '), summary: node.failureSummary,
    })));
}"""


@pytest.fixture(scope="module", params=list(SCHEMES))
def scheme_context(request, browser) -> Iterator[tuple[str, object]]:
    """One browser context per palette, shared by the module's pages (both local sites)."""
    context = local_context(browser, "http://127.0.0.1:", color_scheme=request.param)
    try:
        yield request.param, context
    finally:
        context.close()


def expect_no_violations(scheme_context, url: str, axe_script: str) -> None:
    """axe-core finds nothing on the page at `url`; else each violation, one line each: rule,
    impact, target and summary."""
    scheme, context = scheme_context
    page = context.new_page()
    try:
        page.goto(url)
        page.add_script_tag(content=axe_script)
        violations = [
            f"{found['rule']} ({found['impact']}: {found['help']}) at {found['target']}: "
            + " ".join(found["summary"].split())
            for found in page.evaluate(_RUN_AXE, AXE_TAGS)
        ]
    finally:
        page.close()
    assert not violations, f"{url} ({scheme}):\n" + "\n".join(violations)


def expect_palette(scheme: str, context, url: str) -> None:
    page = context.new_page()
    try:
        page.goto(url)
        assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
    finally:
        page.close()


@pytest.mark.parametrize("locale", PREFIXES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_axe_violations(scheme_context, site_url, axe_script, page_type, locale):
    url = f"{site_url}{PREFIXES[locale]}{PAGE_TYPES[page_type]}"
    if page_type == "home":
        expect_palette(*scheme_context, url)  # the palette really is the one named
    expect_no_violations(scheme_context, url, axe_script)


@pytest.mark.parametrize("locale", [locale for locale in PREFIXES if locale != "en"])
def test_no_axe_violations_on_a_page_shown_as_fallback(scheme_context, varied_site_url,
                                                       axe_script, locale):
    url = f"{varied_site_url}{PREFIXES[locale]}{FALLBACK_URL}"
    page = scheme_context[1].new_page()
    try:
        page.goto(url)  # it is the fallback: the not-translated notice, the English text
        assert page.locator(".playbook-notice--not-translated").count() == 1
        assert page.locator("article [lang=en] h1").count() == 1
    finally:
        page.close()
    expect_no_violations(scheme_context, url, axe_script)


@pytest.mark.parametrize("locale", [locale for locale in PREFIXES if locale != "en"])
def test_no_axe_violations_on_a_library_with_every_state(scheme_context, varied_site_url,
                                                         axe_script, locale):
    expect_no_violations(scheme_context, f"{varied_site_url}{PREFIXES[locale]}", axe_script)


# For the focused element: where it is, its name and its outline as computed.
_FOCUSED = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const svg = element.closest('svg.pbd');
    return {
        inDiagram: Boolean(svg && svg.getBoundingClientRect().width > 0),
        label: element.getAttribute('aria-label'),
        href: element.getAttribute('href'),
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth),
        outlineColor: style.outlineColor,
        background: getComputedStyle(document.body).backgroundColor,
        box: element.getBoundingClientRect().toJSON(),
    };
}"""
_DIAGRAM_LINKS = """() => [...document.querySelectorAll('figure.pbd-figure svg.pbd')]
    .filter(svg => svg.getBoundingClientRect().width > 0)
    .flatMap(svg => [...svg.querySelectorAll('a')])
    .map(link => [link.getAttribute('aria-label'), link.getAttribute('href')])"""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_keyboard_reaches_every_diagram_link_with_a_visible_focus(browser, site_url, scheme):
    context = local_context(browser, site_url, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(f"{site_url}playbooks/commerce-strategy/")
        expected = [tuple(link) for link in page.evaluate(_DIAGRAM_LINKS)]
        assert len(expected) > 20  # every stage, capability and goal of the playbook
        reached = []
        for _ in range(len(expected) + 200):  # the header, navigation and text come first
            page.keyboard.press("Tab")
            focused = page.evaluate(_FOCUSED)
            if focused["inDiagram"]:
                reached.append((focused["label"], focused["href"]))
                name = focused["label"]
                assert focused["outlineStyle"] not in ("none", "hidden"), name
                assert focused["outlineWidth"] >= 2, name
                assert contrast(focused["outlineColor"], focused["background"]) >= 3, name
                box = focused["box"]  # scrolled into view: the reader sees where focus is
                assert box["width"] > 0 and box["y"] >= 0 and box["y"] + box["height"] <= 900
            elif reached:
                break  # past the diagram
        assert reached == expected
    finally:
        context.close()
