"""Which font draws which character of the PNG diagram: Roboto, then the Noto families, chosen
per run of text by what each font's character map (read with fontTools) covers.

Roboto (the theme's font, shipped by the ``font-roboto`` package) covers Latin, Greek and
Cyrillic. Every other script comes from Google's Noto fonts as Debian packages them
(``fonts-noto-core``: Noto Sans, Arabic, Hebrew, Devanagari, Thai, …; ``fonts-noto-cjk``: Noto
Sans CJK), found in the usual font folders; ``scripts/setup.sh`` installs both when it can.
Han characters are drawn in the CJK face of the page's language (Japanese, Simplified or
Traditional Chinese, Korean), since the same code point has a different shape in each.

A character that no font on the machine covers is reported by :func:`uncovered_characters`
(the plugin warns, naming the package to install) rather than drawn silently as a box.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import font_roboto

FONT_FOLDERS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local" / "share" / "fonts",
    Path.home() / ".fonts",
    Path("/Library/Fonts"),
)
"""Where Noto fonts are looked for; ``PLAYBOOK_FONT_DIRS`` (folders separated by the path
separator) is searched first."""

ROBOTO_LATIN = frozenset([*range(0x20, 0x250), *range(0x2000, 0x2070)])
"""Code points Roboto has in both weights wherever they are printable (Basic Latin through
Latin Extended-B, and General Punctuation with the hyphen wrapping adds; tests/diagram/
test_scripts.py reads its character map to check). Text made
only of them is Roboto's without reading any character map, so a Latin-only site never loads
fontTools."""

NOTO_PACKAGES = "fonts-noto-core fonts-noto-cjk"
"""The Debian packages that hold every Noto font this module looks for."""

# The face of the Noto Sans CJK collection for each language (the collection's own order).
_CJK_FACES = {"ja": "JP", "ko": "KR", "zh": "SC", "zh-hans": "SC", "zh-cn": "SC", "zh-sg": "SC",
              "zh-hant": "TC", "zh-tw": "TC", "zh-hk": "HK", "zh-mo": "HK"}
_CJK_ORDER = ("JP", "KR", "SC", "TC", "HK")

# Noto families tried after Roboto, in this order, before any other Noto Sans font found.
_PREFERRED = ("NotoSans", "NotoSansCJK", "NotoSansArabic", "NotoSansHebrew")


@dataclass(frozen=True)
class FontFace:
    """One face of one font file: `index` picks it inside a collection (``.ttc``)."""

    family: str  # the name CSS and SVG know it by
    path: str
    index: int = 0


def _cjk_face(locale: str) -> str:
    locale = locale.replace("_", "-").lower()
    return _CJK_FACES.get(locale) or _CJK_FACES.get(locale.split("-")[0], "JP")


def _font_folders() -> list[Path]:
    extra = [Path(item) for item in os.environ.get("PLAYBOOK_FONT_DIRS", "").split(os.pathsep)
             if item]
    return [folder for folder in (*extra, *FONT_FOLDERS) if folder.is_dir()]


@cache
def _noto_files(bold: bool) -> dict[str, str]:
    """Noto Sans font files on this machine, by file stem without its style
    (``NotoSansArabic``), in the weight asked for; the first folder that has one wins."""
    style = "Bold" if bold else "Regular"
    found: dict[str, str] = {}
    for folder in _font_folders():
        for path in sorted(folder.rglob(f"NotoSans*-{style}.tt[fc]")):
            found.setdefault(path.name.rsplit("-", 1)[0], str(path))
    return found


@cache
def font_faces(locale: str, bold: bool) -> tuple[FontFace, ...]:
    """Every face that may draw text of `locale`, in the order they are tried."""
    roboto = font_roboto.font_files["RobotoBold" if bold else "Roboto"]
    faces = [FontFace("Roboto", roboto)]
    noto = _noto_files(bold)
    names = [*(name for name in _PREFERRED if name in noto),
             *sorted(name for name in noto if name not in _PREFERRED)]
    for name in names:
        if name == "NotoSansCJK":
            region = _cjk_face(locale)
            faces.append(FontFace(f"Noto Sans CJK {region}", noto[name],
                                  _CJK_ORDER.index(region)))
        elif not name.startswith("NotoSansMono"):
            family = "Noto Sans " + name.removeprefix("NotoSans")
            faces.append(FontFace(family.strip(), noto[name]))
    return tuple(faces)


@cache
def character_map(face: FontFace) -> frozenset[int]:
    """The code points `face` has a glyph for."""
    from fontTools.ttLib import TTCollection, TTFont  # a fifth of a second: only when needed

    if face.path.lower().endswith(".ttc"):
        collection = TTCollection(face.path, lazy=True)
        try:
            cmap = collection.fonts[face.index].getBestCmap()
        finally:
            collection.close()
    else:
        with TTFont(face.path, lazy=True) as font:
            cmap = font.getBestCmap()
    return frozenset(cmap)


def _draws_nothing(char: str) -> bool:
    """Characters no font needs to have: spaces are advances, format characters invisible."""
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


@cache
def face_for(char: str, locale: str, bold: bool) -> FontFace | None:
    """The first face that has a glyph for `char`; None when none has."""
    code = ord(char)
    for face in font_faces(locale, bold):
        if code in character_map(face):
            return face
    return None


def font_runs(text: str, locale: str, bold: bool) -> list[tuple[str, FontFace]]:
    """`text` cut into runs, each drawn in one face. A combining mark stays in its base
    character's run when that face has it; a character no face has goes to the first face,
    and is reported by :func:`uncovered_characters`."""
    fallback = font_faces(locale, bold)[0]
    if _roboto_latin(text):
        return [(text, fallback)] if text else []
    runs: list[tuple[str, FontFace]] = []
    for char in text:
        previous = runs[-1][1] if runs else None
        joins = previous is not None and (
            unicodedata.combining(char) or _draws_nothing(char) or char == " "
        ) and (ord(char) in character_map(previous) or _draws_nothing(char))
        face = previous if joins and previous else face_for(char, locale, bold) or fallback
        if runs and runs[-1][1] == face:
            runs[-1] = (runs[-1][0] + char, face)
        else:
            runs.append((char, face))
    return runs


def _roboto_latin(text: str) -> bool:
    return all(ord(char) in ROBOTO_LATIN for char in text)


def uncovered_characters(text: str, locale: str, bold: bool) -> set[str]:
    """The characters of `text` that no font on this machine can draw."""
    if _roboto_latin(text):
        return set()
    return {char for char in set(text)
            if not _draws_nothing(char) and face_for(char, locale, bold) is None}


def css_font_stack(locale: str) -> str:
    """The families the PNG draws `locale` in, for the SVG's CSS: the same order, named the
    way fontconfig (Noto Sans CJK JP) and web fonts (Noto Sans JP) call them, and the same on
    every machine."""
    cjk = _cjk_face(locale)
    names = ["Roboto", "Noto Sans", f"Noto Sans CJK {cjk}", f"Noto Sans {cjk}",
             "Noto Sans Arabic", "Noto Sans Hebrew", "Liberation Sans", "Arial", "Helvetica"]
    return ", ".join(f"'{name}'" if " " in name else name for name in names) + ", sans-serif"
