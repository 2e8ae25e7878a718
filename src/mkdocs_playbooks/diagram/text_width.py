"""Estimate how wide a line of text is drawn, without a font file, so layouts are deterministic.

The widths below are upper bounds, in thousandths of an em: for each character, the widest
advance among Roboto (the theme's font and the one the PNG is drawn with), Liberation Sans
(Arial's metrics, the usual fallback) and DejaVu Sans (the widest common fallback), rounded
up to 25. A line that fits by this estimate fits in any of those fonts; the diagram tests check
the table against every one of these fonts they can find. Greek, Cyrillic, Hebrew and Arabic
letters come from ``script_widths.json`` (measured the same way, with Noto Sans and the Noto
fonts of those scripts too, by ``scripts/measure_script_widths.py``).
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib import resources

_REGULAR = {
    275: "'",
    300: "Iijlıł",
    325: " ,.\xa0·‘’‚",
    350: ":;|¦",
    375: "-fľŀſ‐‑",
    400: "()[]tŧ",
    425: "!/\\r¡²³¹",
    475: '"ªº',
    500: "*`¨°´¸",
    525: "sz“”„",
    550: "c",
    575: "?JL_¯ĳĿŁ",
    600: "kvxyĸ•",
    625: "FTaeo§«»¿ðøŦ",
    650: "$0123456789bdghnpqu{}¢£¥µ¶ßþđŋ€",
    675: "EKPSYÞ–",
    700: "ABVXZħ",
    725: "CR¤",
    750: "NUŊ",
    775: "DHÐĐ",
    800: "&GOQØ",
    825: "wĲŉ",
    850: "#+<=>^~¬±×÷",
    875: "M",
    925: "Ħ",
    975: "%m¼½¾",
    1000: "W©®Ææ—…™",
    1025: "@œ",
    1075: "Œ",
}

_BOLD = {
    325: "'",
    350: " ijl\xa0ı",
    375: "/I|¦ł",
    400: ",.:;·‘’‚",
    425: "-\\‐‑",
    450: "f²³¹ſ",
    475: "!()[]¡",
    500: "`rt¨°´¸ľŧ",
    525: '"*',
    575: "J_ª¯ºŀ",
    600: "csz",
    625: "?¿",
    650: "Lx§«¶»ĿŁ–•",
    675: "akvyĸ“”„",
    700: "$0123456789EFTeo¢£¤¥ðøĳŦ€",
    725: "SYbdghnpqu{}ßþđŋ",
    750: "CPZµÞ",
    775: "ABKRVX",
    800: "ħ",
    825: "GU",
    850: "#+<=>DHN^~¬±Ð×÷ĐŊ",
    875: "&OQØĲ",
    925: "w",
    975: "Ħ",
    1000: "@M©®ŉ—…™",
    1025: "%",
    1050: "m¼½¾æ",
    1100: "Æœ",
    1125: "W",
    1175: "Œ",
}

_UNKNOWN = 1000  # a character outside the table: as wide as an em, to stay on the safe side
_WIDE = 1000  # East Asian full-width characters


def _by_character(table: dict[int, str]) -> dict[str, int]:
    return {char: width for width, chars in table.items() for char in chars}


_WIDTHS = {False: _by_character(_REGULAR), True: _by_character(_BOLD)}


@cache
def _script_widths() -> dict[bool, dict[str, int]]:
    text = resources.files(__package__).joinpath("script_widths.json").read_text("utf-8")
    table = json.loads(text)
    return {False: table["regular"], True: table["bold"]}


@cache
def _char_width(char: str, bold: bool) -> int:
    widths = _WIDTHS[bold]
    if char in widths:
        return widths[char]
    scripts = _script_widths()[bold]
    if char in scripts:
        return scripts[char]
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Cf"):
        return 0  # combining marks and format characters take no room of their own
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return _WIDE
    base = unicodedata.normalize("NFD", char)[0]
    # An accented letter is as wide as its base letter in these fonts (the table lists the
    # few exceptions, such as ľ, explicitly).
    return widths.get(base, _UNKNOWN)


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width of `text` set in a `size`-pixel sans-serif font, never less than the real one."""
    return sum(_char_width(char, bold) for char in text) * size / 1000
