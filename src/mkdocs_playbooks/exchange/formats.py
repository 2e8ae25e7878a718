"""Exchange files in XLIFF 1.2 and PO, read and written by translate-toolkit.

One file holds one page: a unit per segment, its id (XLIFF ``id``, PO ``msgctxt``), its source
and target with the markup as placeholders (XLIFF ``<x id="1"/>``, which CAT tools lock; PO
``{1}``), a state, the segment's context and the glossary notes. The export's facts (which
page, which source commit, the pages' checksums) ride in the file's header: XLIFF ``<header>``
notes, PO ``X-Playbook-…`` header fields.

Reading never raises anything but :class:`ExchangeError`, which names the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from lxml import etree
from translate.storage import po, xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables.xliff import X

from mkdocs_playbooks.exchange.inline import Part, Placeholder

FORMATS = ("xliff", "po")
SUFFIXES = {"xliff": ".xlf", "po": ".po"}

TRANSLATED, NEEDS_REVIEW, NEW, REVIEWED = "translated", "needs review", "new", "reviewed"
"""A unit's state. *reviewed*: a person signed the target off (XLIFF ``signed-off``/``final``)."""

_HEADER_ORIGIN = "mkdocs-playbooks"
_XLIFF_NEW = xliff.xliffunit.statemap["new"]
_PO_FIELD_PREFIX = "X-Playbook-"
_PO_PLACEHOLDER = re.compile(r"\{(\d+)\}")


class Xliff12Unit(xliff.xliffunit):
    namespace = xliff.xliffunit.namespace.replace("1.1", "1.2")


class Xliff12File(xliff.xlifffile):
    """translate-toolkit's XLIFF store, writing version 1.2 (it reads 1.1 and 1.2)."""

    UnitClass = Xliff12Unit
    XMLskeleton = xliff.xlifffile.XMLskeleton.replace("1.1", "1.2")
    namespace = xliff.xlifffile.namespace.replace("1.1", "1.2")


class ExchangeError(Exception):
    """An exchange file cannot be used; `line` is 0 when the whole file is meant."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path, self.line, self.message = path, line, message


@dataclass(frozen=True)
class Unit:
    id: str
    source: tuple[Part, ...]
    target: tuple[Part, ...] | None  # None: no translation
    state: str
    context: str = ""
    location: str = ""  # page path:line
    notes: tuple[str, ...] = ()
    line: int = 0  # where the unit stands in the exchange file (when read)
    previous: tuple[Part, ...] | None = None  # the source the target was made from, if other


@dataclass(frozen=True)
class ExchangeFile:
    """A page's segments for one locale, and the facts of the export."""

    source_locale: str
    locale: str
    source_path: str  # the source page, as shown to people (docs/en/…)
    facts: dict[str, str]
    units: tuple[Unit, ...]
    path: str = ""  # the exchange file itself (when read)
    header_lines: dict[str, int] = field(default_factory=dict)


def describe_states(units: Sequence[Unit]) -> str:
    """``60 segments: 59 translated, 1 needs review``"""
    states = [unit.state for unit in units]
    counts = ", ".join(f"{states.count(state)} {state}" for state in dict.fromkeys(states))
    return f"{len(states)} segments" + (f": {counts}" if counts else "")


def write_exchange(document: ExchangeFile, file_format: str) -> bytes:
    return _write_xliff(document) if file_format == "xliff" else _write_po(document)


def read_exchange(path: str, raw: bytes) -> ExchangeFile:
    """Read an exchange file; the format is told from its content, not its name."""
    if raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return _read_xliff(path, raw)
    return _read_po(path, raw)


# XLIFF ---------------------------------------------------------------------------------------

def _write_xliff(document: ExchangeFile) -> bytes:
    store = Xliff12File(sourcelanguage=document.source_locale)
    store.settargetlanguage(document.locale)
    store.switchfile(document.source_path, createifmissing=True)
    store.removedefaultfile()
    file_node = store.getfilenode(document.source_path)
    file_node.set("datatype", "x-markdown")
    header = etree.Element(store.namespaced("header"))
    file_node.insert(0, header)  # XLIFF 1.2 puts the header before the body
    for name, value in document.facts.items():
        note = etree.SubElement(header, store.namespaced("note"), {"from": _HEADER_ORIGIN})
        note.text = f"{name}: {value}"
    for item in document.units:
        unit = store.addsourceunit("", filename=document.source_path)
        unit.setid(item.id)
        unit.rich_source = [_rich(item.source)]
        if item.target is not None:
            unit.rich_target = [_rich(item.target)]
            unit.set_state_n({TRANSLATED: unit.S_TRANSLATED, REVIEWED: unit.S_SIGNED_OFF,
                              NEW: _XLIFF_NEW}.get(item.state, unit.S_NEEDS_REVIEW))
        unit.createcontextgroup("segment", [("x-segment-context", item.context),
                                            ("sourcefile", item.location.rsplit(":", 1)[0]),
                                            ("linenumber", item.location.rsplit(":", 1)[1])],
                                purpose="location")
        for note in item.notes:
            unit.addnote(note, origin="developer")
    return bytes(store)


def _rich(parts: Sequence[Part]) -> StringElem:
    return StringElem([part if isinstance(part, str) else X(id=str(part.number))
                       for part in parts])


def _read_xliff(path: str, raw: bytes) -> ExchangeFile:
    try:
        store = xliff.xlifffile.parsestring(raw)
    except etree.XMLSyntaxError as error:
        raise ExchangeError(path, error.lineno or 1, f"not well-formed XML: {error.msg}") from None
    except (ValueError, TypeError, AttributeError, StopIteration) as error:
        raise ExchangeError(path, 1, f"not an XLIFF 1.x file: {error}") from None
    dtd = store.document.docinfo.internalDTD
    if dtd is not None:
        # Entities would be left unexpanded (the parser resolves none, for safety): refuse them.
        raise ExchangeError(path, 1, "has a document type declaration (<!DOCTYPE …>); an "
                            "XLIFF file needs none: remove it and any &entity; references")
    files = store.getfilenames()
    if len(files) != 1:
        raise ExchangeError(path, 1, f"holds {len(files)} <file> elements; an export holds "
                            "exactly one page")
    file_node = store.getfilenode(files[0])
    facts, header_lines = {}, {}
    header = store.getheadernode(file_node)
    for note in header.iterchildren(store.namespaced("note")) if header is not None else ():
        if note.get("from") == _HEADER_ORIGIN and ": " in (note.text or ""):
            name, value = (note.text or "").split(": ", 1)
            facts[name], header_lines[name] = value, note.sourceline or 1
    units = tuple(_xliff_unit(path, unit) for unit in store.units if unit.getid())
    return ExchangeFile(file_node.get("source-language") or "", store.gettargetlanguage() or "",
                        files[0], facts, units, path, header_lines)


def _xliff_unit(path: str, unit: xliff.xliffunit) -> Unit:
    line = unit.xmlelement.sourceline or 1
    try:
        return _read_xliff_unit(path, line, unit)
    except (TypeError, ValueError, AttributeError) as error:  # markup translate-toolkit cannot
        raise ExchangeError(path, line, f"cannot read this unit: {error}") from None


def _read_xliff_unit(path: str, line: int, unit: xliff.xliffunit) -> Unit:
    unit_id = unit.getid().split("\x04")[-1]
    source = tuple(_parts(path, line, unit.rich_source))
    target = tuple(_parts(path, line, unit.rich_target)) if unit.target else None
    state_n = unit.get_state_n()
    if state_n < unit.S_NEEDS_REVIEW and target == source:
        target = None  # a copy of the source waiting to be translated (`export --copy-source`)
    if target is None:
        state = NEW
    elif state_n >= unit.S_SIGNED_OFF:
        state = REVIEWED
    elif state_n >= unit.S_TRANSLATED:
        state = TRANSLATED
    else:  # to review, or new text in a unit still marked new (tools that keep the state)
        state = NEEDS_REVIEW
    return Unit(unit_id, source, target, state, line=line)


def _parts(path: str, line: int, rich: Sequence[StringElem]) -> Iterator[Part]:
    for element in rich:
        yield from _flatten(path, line, element)


def _flatten(path: str, line: int, element: object) -> Iterator[Part]:
    if isinstance(element, str):
        yield element
    elif isinstance(element, X):
        number = str(element.id or "")
        if not number.isdecimal():
            raise ExchangeError(path, line, f"placeholder <x id=\"{number}\"/> is not one of "
                                "this segment's")
        yield Placeholder(int(number), "")
    elif type(element) is StringElem:
        for sub in element.sub:
            yield from _flatten(path, line, sub)
    else:
        name = type(element).__name__.lower()
        raise ExchangeError(path, line, f"inline element <{name}> is not allowed here: keep "
                            "the segment's <x/> placeholders as they are and add no other markup")


# PO ------------------------------------------------------------------------------------------

def _write_po(document: ExchangeFile) -> bytes:
    store = po.pofile()
    store.updateheader(add=True, Project_Id_Version=document.facts.get("page", ""),
                       Language=document.locale, X_Playbook_Source_Language=(
        document.source_locale), X_Playbook_Source_Page=document.source_path,
        **{_po_field(name): value for name, value in document.facts.items()})
    for item in document.units:
        unit = store.addsourceunit(_po_text(item.source))
        unit.setcontext(item.id)
        unit.addlocation(item.location)
        unit.addnote(item.context, origin="developer")
        for note in item.notes:
            unit.addnote(note, origin="developer")
        if item.target is not None:
            unit.target = _po_text(item.target)
            unit.markfuzzy(item.state == NEEDS_REVIEW)
        if item.previous is not None:
            unit.prev_source = _po_text(item.previous)  # `#| msgid`: tools show the change
    return bytes(store)


def _po_field(name: str) -> str:
    """``source-commit`` -> ``X_Playbook_Source_Commit`` (translate-toolkit's spelling of
    ``X-Playbook-Source-Commit``)."""
    return (_PO_FIELD_PREFIX + name.title()).replace("-", "_")


def _po_text(parts: Sequence[Part]) -> str:
    return "".join(part if isinstance(part, str) else f"{{{part.number}}}" for part in parts)


def _read_po(path: str, raw: bytes) -> ExchangeFile:
    try:
        text = raw.decode("utf-8-sig")
        store = po.pofile.parsestring(raw)
    except UnicodeDecodeError as error:
        raise ExchangeError(path, raw.count(b"\n", 0, error.start) + 1,
                            "not UTF-8 text") from None
    except (ValueError, TypeError, IndexError) as error:
        raise ExchangeError(path, _po_error_line(error), f"not a PO file: {error}") from None
    header = store.parseheader()
    facts = {name[len(_PO_FIELD_PREFIX):].lower(): value for name, value in header.items()
             if name.startswith(_PO_FIELD_PREFIX)}
    source_locale = facts.pop("source-language", "")
    source_path = facts.pop("source-page", "")
    header_lines = {name: _line_of(text, f'"{_PO_FIELD_PREFIX}{name.title()}:') for name in facts}
    units = []
    for unit in store.units:
        if unit.isheader() or unit.isobsolete():
            continue
        context = unit.getcontext()
        line = _line_of(text, f"msgctxt {_po_quoted(context)}") if context else 1
        target = (tuple(_po_parts(unit.target)) if unit.target else None)
        state = NEW if target is None else NEEDS_REVIEW if unit.isfuzzy() else TRANSLATED
        units.append(Unit(context, tuple(_po_parts(unit.source)), target, state, line=line))
    return ExchangeFile(source_locale, str(header.get("Language", "")), source_path, facts,
                        tuple(units), path, header_lines)


def _po_parts(text: str) -> Iterator[Part]:
    position = 0
    for match in _PO_PLACEHOLDER.finditer(text):
        if match.start() > position:
            yield text[position:match.start()]
        yield Placeholder(int(match.group(1)), "")
        position = match.end()
    if position < len(text):
        yield text[position:]


def _po_quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _line_of(text: str, needle: str) -> int:
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def _po_error_line(error: Exception) -> int:
    found = re.search(r"line (\d+)", str(error))
    return int(found.group(1)) if found else 1
