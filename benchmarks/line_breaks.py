"""How often the diagram's line breaking cuts a Japanese or Chinese word across two lines.

    python benchmarks/line_breaks.py

Wraps each text of the sample site's Japanese and Chinese playbooks (tests/fixtures/scripts),
plus a few longer sentences, at every width from 6 to 28 characters, in two ways: UAX #14 with
kinsoku alone, and with budoux's phrase model on top. A break counts as inside a word when,
for Japanese, it falls between two katakana or two kanji (a katakana run is one loanword; most
kanji pairs are one word), and for Chinese, inside a word jieba finds. Prints the counts.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mkdocs_playbooks.core.parse import parse_page  # noqa: E402
from mkdocs_playbooks.diagram import wrap  # noqa: E402

KATAKANA = re.compile(r"[ァ-ヺー]")
KANJI = re.compile(r"[一-鿿々]")
SIZE = 14
WIDTHS = range(6 * SIZE, 29 * SIZE, SIZE)
EXTRA = {
    "ja": ["オンラインストアを開くには、準備と慎重な立ち上げ、そしてその後の着実な成長が必要です。",
           "顧客ごとの価格設定とカスタマイズされた商品カタログ",
           "ショッピングカートとチェックアウトの最適化", "キャンペーンとプロモーションの管理"],
    "zh-Hans": ["开设网上商店需要充分的准备、谨慎的上线，以及上线之后的稳步增长。",
                "为每位客户设置专属价格并定制商品目录", "优化购物车与结账流程"],
}


def texts(locale: str) -> list[str]:
    rel = "playbooks/launch.md"
    path = ROOT / "tests" / "fixtures" / "scripts" / "docs" / locale / rel
    page = parse_page(str(path), rel, locale, path.read_bytes())
    found = [stage.title for stage in page.stages]
    found += [item.text for stage in page.stages for item in stage.capabilities.items]
    return found + EXTRA[locale]


def japanese_cuts(lines: list[str]) -> int:
    return sum(
        bool(KATAKANA.match(a[-1]) and KATAKANA.match(b[0]) or KANJI.match(a[-1])
             and KANJI.match(b[0]))
        for a, b in zip(lines, lines[1:], strict=False)
    )


def chinese_cuts(lines: list[str]) -> int:
    import jieba  # the judge: its own segmentation, not the wrapper's

    text = "".join(lines)
    inside = set()
    position = 0
    for word in jieba.cut(text):
        inside.update(range(position + 1, position + len(word)))
        position += len(word)
    ends, cuts = 0, 0
    for line in lines[:-1]:
        ends += len(line)
        cuts += ends in inside
    return cuts


def main() -> None:
    print(f"widths {WIDTHS.start // SIZE}..{WIDTHS.stop // SIZE - 1} characters")
    cases = [
        ("ja", "UAX #14 + kinsoku", lambda t, w: wrap.wrap_text(t, w, SIZE, locale="und"),
         japanese_cuts),
        ("ja", "+ budoux (used)", lambda t, w: wrap.wrap_text(t, w, SIZE, locale="ja"),
         japanese_cuts),
        ("zh-Hans", "UAX #14 + kinsoku", lambda t, w: wrap.wrap_text(t, w, SIZE, locale="und"),
         chinese_cuts),
        ("zh-Hans", "+ budoux (used)", lambda t, w: wrap.wrap_text(t, w, SIZE, locale="zh-Hans"),
         chinese_cuts),
    ]
    for locale, name, wrapper, judge in cases:
        breaks = cuts = lines = 0
        for text in texts(locale):
            for width in WIDTHS:
                wrapped = wrapper(text, width)
                breaks += len(wrapped) - 1
                cuts += judge(wrapped)
                lines += len(wrapped)
        print(f"{locale:8} {name:26} {breaks:4} breaks, {cuts:4} inside a word "
              f"({100 * cuts / breaks:.1f}%), {lines} lines")


if __name__ == "__main__":
    main()
