"""Write src/mkdocs_playbooks/diagram/script_widths.json: for each Greek, Cyrillic, Hebrew
and Arabic letter, the widest advance (thousandths of an em, rounded up to 25) among the fonts
the diagram may be drawn in, so text_width() stays an upper bound without a font file.

Run after installing the fonts (scripts/setup.sh): .venv/bin/python scripts/measure_script_widths.py
Arabic letters are measured alone and joined on either side (between tatweels), the widest
counting; tests/diagram/test_scripts.py checks the table against the same fonts.
"""

from __future__ import annotations

import json
import math
import unicodedata
from pathlib import Path

import font_roboto
from fontTools.ttLib import TTFont
from PIL import ImageFont

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "mkdocs_playbooks" / "diagram" / "script_widths.json"
SYSTEM = Path("/usr/share/fonts/truetype")
RANGES = [(0x0370, 0x0400), (0x0400, 0x0530), (0x0590, 0x0600), (0x0600, 0x0700)]
TATWEEL = "\u0640"


def font_files(bold: bool) -> list[str]:
    style = "Bold" if bold else "Regular"
    files = [font_roboto.font_files["RobotoBold" if bold else "Roboto"],
             str(SYSTEM / "noto" / f"NotoSans-{style}.ttf"),
             str(SYSTEM / "noto" / f"NotoSansArabic-{style}.ttf"),
             str(SYSTEM / "noto" / f"NotoSansHebrew-{style}.ttf"),
             str(SYSTEM / "liberation" / f"LiberationSans-{style}.ttf"),
             str(SYSTEM / "dejavu" / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"))]
    missing = [file for file in files if not Path(file).is_file()]
    if missing:
        raise SystemExit(f"missing fonts (run scripts/setup.sh as root): {missing}")
    return files


def widest(char: str, fonts: list[tuple[ImageFont.FreeTypeFont, set[int]]]) -> int:
    widths = [0.0]
    for font, cmap in fonts:
        if ord(char) not in cmap:
            continue  # not in this font: another one draws it
        widths.append(font.getlength(char))
        if unicodedata.bidirectional(char) == "AL":
            tatweel = font.getlength(TATWEEL)
            for joined in (TATWEEL + char, char + TATWEEL, TATWEEL + char + TATWEEL):
                widths.append(font.getlength(joined) - tatweel * joined.count(TATWEEL))
    return math.ceil(max(widths) / 25) * 25  # the fonts are loaded at 1000 pixels an em


def main() -> None:
    table = {}
    for bold in (False, True):
        fonts = []
        for file in font_files(bold):
            with TTFont(file, lazy=True) as font:
                cmap = set(font.getBestCmap())
            fonts.append((ImageFont.truetype(file, 1000, layout_engine=ImageFont.Layout.RAQM),
                          cmap))
        widths = {}
        for start, end in RANGES:
            for code in range(start, end):
                char = chr(code)
                if unicodedata.category(char) in ("Cn", "Mn", "Me", "Cf"):
                    continue  # unassigned, or drawn on another letter (text_width counts 0)
                width = widest(char, fonts)
                if width:
                    widths[char] = width
        table["bold" if bold else "regular"] = widths
    OUT.write_text(json.dumps(table, ensure_ascii=False, sort_keys=True, indent=0) + "\n",
                   encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(table['regular'])} characters")


if __name__ == "__main__":
    main()
