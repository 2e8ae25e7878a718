"""Property-based: on any page, segments cover disjoint pieces of it, in order, and putting
their text back gives the page byte for byte; a changed text lands only in its own span."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_playbooks.core.parse import parse_page
from mkdocs_playbooks.exchange.inline import Placeholder, join_parts, split_inline
from mkdocs_playbooks.exchange.segments import page_segments, render_body

PROPERTIES = settings(max_examples=300, deadline=None,
                      suppress_health_check=[HealthCheck.too_slow])

# Pieces Markdown gives meaning to, and plain words between them.
PIECES = st.sampled_from([
    "# ", "## ", "### ", "- ", "* ", "1. ", "    ", "  ", "> ", "!!! note \"T\"", "| ", " |",
    "---", "===", "```", "~~~", "`", "``", "*", "**", "_", "__", "[", "]", "(", ")", "![",
    "](x.md)", "](#a)", "{#a}", "{: .c}", "{1}", "[!DNL X]", "<br>", "<div>", "<!--", "-->",
    "\\", "\\*", "word", "Wörter", " ", "\n", "\n\n", "\t", "\r\n",
])
PAGES = st.lists(PIECES, max_size=60).map("".join)
FRONT = st.sampled_from(["", "---\ntitle: T\ndescription: D\n---\n", "---\ntitle: [x\n---\n"])


@PROPERTIES
@given(front=FRONT, body=PAGES)
def test_segments_render_back_to_the_page(front: str, body: str) -> None:
    page = parse_page("docs/en/p.md", "p.md", "en", (front + body).encode("utf-8"))
    segments = page_segments(page)
    body_segments = [s for s in segments if s.start >= 0]
    ends = [(s.start - len(s.wrap[0]), s.end + len(s.wrap[1])) for s in body_segments]
    assert all(start < end for start, end in ends)
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:], strict=False))  # disjoint, in order
    assert len({s.id for s in segments}) == len(segments)  # ids are unique on a page
    for segment in body_segments:
        assert page.text[segment.start:segment.end] == segment.text
    assert render_body(page, segments, {s.id: s.outer(s.text) for s in segments}) == page.text
    if body_segments:
        first = body_segments[0]
        changed = render_body(page, segments, {first.id: first.outer("ÄNDRAD")})
        start = first.start - len(first.wrap[0])
        assert changed == page.text[:start] + first.outer("ÄNDRAD") + page.text[
            first.end + len(first.wrap[1]):]


@PROPERTIES
@given(text=PAGES)
def test_inline_parts_join_back_and_number_placeholders_in_order(text: str) -> None:
    parts = split_inline(text)
    assert join_parts(parts) == text
    numbers = [part.number for part in parts if isinstance(part, Placeholder)]
    assert numbers == list(range(1, len(numbers) + 1))
    assert not any(isinstance(a, str) and isinstance(b, str)
                   for a, b in zip(parts, parts[1:], strict=False))
