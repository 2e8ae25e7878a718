"""Per-locale termbases (``glossary/<locale>.yml``): read and validate them, match their terms.

A glossary file is a mapping with one key, ``terms``, a list of entries::

    terms:
      - source: quote                 # English term (or a list of forms), whole word
        approved: [Angebot]           # the renderings a translation should use
        match: prefix                 # how renderings match: word, prefix (default), substring
        note: A sales quote.          # optional, shown with the findings
        forbidden:                    # known wrong renderings, each with why
          - rendering: Anführungszeichen
            note: Quotation marks, not a price offer.
            scope: anywhere           # anywhere (default) or aligned: only where the
                                      # aligned source stage or capability has the term

Matching ignores case and is Unicode-aware. ``word`` matches whole words, ``prefix`` also
words that start with the rendering (inflections, compounds it begins: *Angebot* in
*Angebotsanfrage*), ``substring`` also inside words (*offert* in *Självbetjäningsoffert*).
English source terms match whole words, plural *-s* included. Nothing here raises on a bad
file: every problem becomes a PB603 diagnostic naming the file and line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mkdocs_playbooks.core.diagnostics import Diagnostic
from mkdocs_playbooks.core.file_memo import FileMemo
from mkdocs_playbooks.core.regular_file import read_regular_file
from mkdocs_playbooks.core.rules import diagnostic
from mkdocs_playbooks.core.text import without_code_spans

MATCH_MODES = ("word", "prefix", "substring")
DEFAULT_MATCH = "prefix"
SCOPES = ("anywhere", "aligned")
DEFAULT_SCOPE = "anywhere"
GLOSSARY_SUFFIX = ".yml"

_LETTER = r"[^\W_]"
_NULL_TAG = "tag:yaml.org,2002:null"
_TERM_KEYS = {"source", "approved", "match", "note", "forbidden", "sense", "context"}
SENSES = ("any", "noun")
# Words after which an English word is a verb, not a noun: "to return", "will return",
# "it returns" (and "do plugins return", two words back).
_VERB_CUES = frozenset({
    "to", "will", "would", "can", "could", "may", "might", "must", "should", "shall", "do",
    "does", "did", "not", "don't", "doesn't", "it", "they", "we", "you", "he", "she", "who",
    "which", "that", "this", "also", "often",
})
# Words that, right after it, make an English word a verb taking an object: "returns the
# timestamp", "returns a list".
_CONTEXT_WORDS = 4  # how near a context word must be, in words either side
_OBJECT_CUES = frozenset({"the", "a", "an", "its", "their", "your", "different"})
_NOT_PROSE = re.compile(r"\[!(?:DNL|UICONTROL)[ \t]+[^\]]*+\]|\]\([^)]*+\)")  # code: below
_FORBIDDEN_KEYS = {"rendering", "note", "match", "scope"}
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _phrase(text: str) -> str:
    """The text as a pattern in which any run of white space matches any other."""
    return r"\s+".join(re.escape(word) for word in text.split())


def _starts_with_letter(text: str) -> bool:
    return bool(re.match(_LETTER, text))


def _ends_with_letter(text: str) -> bool:
    return bool(re.search(_LETTER + "$", text))


def _whole_words_around(text: str, start: int, end: int) -> str:
    """The matched span widened to the words it touches: what a translator sees in the page."""
    while start > 0 and re.match(_LETTER, text[start - 1]):
        start -= 1
    while end < len(text) and re.match(_LETTER, text[end]):
        end += 1
    return text[start:end]


@dataclass(frozen=True)
class Rendering:
    """A target-language term as the glossary spells it, and how it matches page text."""

    text: str
    match: str = DEFAULT_MATCH

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        # Compiled on first use: most renderings are never searched for in a given build, and
        # compiling all of a glossary's took a tenth of a second at every `mkdocs build`.
        guard_start = self.match != "substring" and _starts_with_letter(self.text)
        guard_end = self.match == "word" and _ends_with_letter(self.text)
        pattern = (
            (f"(?<!{_LETTER})" if guard_start else "")
            + _phrase(self.text)
            + (f"(?!{_LETTER})" if guard_end else "")
        )
        return re.compile(pattern, re.IGNORECASE)

    def search(self, text: str) -> str | None:
        """The words of `text` this rendering matches first, or None."""
        found = self.pattern.search(text)
        return _whole_words_around(text, found.start(), found.end()) if found else None


@dataclass(frozen=True)
class ForbiddenRendering:
    """A known wrong rendering of a term, why it is wrong, and where it counts as wrong."""

    rendering: Rendering
    note: str
    scope: str = DEFAULT_SCOPE

    @property
    def anywhere(self) -> bool:
        return self.scope == "anywhere"


@dataclass(frozen=True)
class Term:
    """One glossary entry: a source term, its approved and its forbidden renderings."""

    sources: tuple[str, ...]
    approved: tuple[Rendering, ...]
    forbidden: tuple[ForbiddenRendering, ...] = ()
    note: str = ""
    line: int = 1
    sense: str = "any"  # "noun": not where the English word is used as a verb
    context: tuple[str, ...] = ()  # when given, the term counts only beside one of these words
    source_pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        forms = "|".join(
            _phrase(form) + ("s?" if _ends_with_letter(form) else "") for form in self.sources
        )
        pattern = f"(?<!{_LETTER})(?:{forms})(?!{_LETTER})"
        object.__setattr__(self, "source_pattern", re.compile(pattern, re.IGNORECASE))

    @property
    def name(self) -> str:
        return self.sources[0]

    def in_source(self, text: str) -> bool:
        """True when the English `text` uses the term in its sense, in prose (code spans, UI
        labels, do-not-localize tokens and link targets are not prose)."""
        prose = without_code_spans(text) if "`" in text else text
        prose = _NOT_PROSE.sub(" ", prose) if "[" in prose else prose
        return any(
            (self.sense != "noun" or not _verb_position(prose, found.start(), found.end()))
            and (not self.context or self._beside_context(prose, found.start(), found.end()))
            for found in self.source_pattern.finditer(prose)
        )

    def _beside_context(self, text: str, start: int, end: int) -> bool:
        """One of the context words is in the match or within a few words of it."""
        before = " ".join(re.findall(r"[\w'’-]+", text[:start])[-_CONTEXT_WORDS:])
        after = " ".join(re.findall(r"[\w'’-]+", text[end:])[:_CONTEXT_WORDS])
        around = f"{before} {text[start:end]} {after}"
        return any(_has_word(around, word) for word in self.context)

    def forbidden_in(self, text: str) -> Iterator[tuple[ForbiddenRendering, str]]:
        """Each forbidden rendering found in `text`, with the words it matched."""
        for wrong in self.forbidden:
            hit = wrong.rendering.search(text)
            if hit:
                yield wrong, hit

    def approved_in(self, text: str) -> bool:
        return any(rendering.search(text) for rendering in self.approved)

    def approved_list(self) -> str:
        """``\\`Angebot\\``` or ``\\`offert\\` or \\`offerera\\```, for messages."""
        return " or ".join(f"`{rendering.text}`" for rendering in self.approved)


@dataclass(frozen=True)
class Glossary:
    """A locale's termbase; `path` is the file as shown to people."""

    locale: str
    path: str
    terms: tuple[Term, ...]
    # Every pattern of a kind in one, so that the many lines without a term cost one search.
    _any_forbidden: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _any_source: re.Pattern[str] = field(init=False, repr=False, compare=False)
    # The same without look-arounds, on each rendering's first word only: a look-behind at the
    # start of every alternative stops the engine from skipping ahead to where one can begin,
    # which made a line 100 µs on real pages. What these do not find, the exact ones cannot.
    _forbidden_prefilter: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _source_prefilter: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        forbidden = [
            wrong.rendering for term in self.terms for wrong in term.forbidden if wrong.anywhere
        ]
        object.__setattr__(self, "_any_forbidden", _any_of([r.pattern for r in forbidden]))
        object.__setattr__(self, "_any_source", _any_of([t.source_pattern for t in self.terms]))
        object.__setattr__(self, "_forbidden_prefilter",
                           _first_words_of([rendering.text for rendering in forbidden]))
        object.__setattr__(self, "_source_prefilter",
                           _first_words_of([form for t in self.terms for form in t.sources]))

    def lexicon(self) -> list[tuple[Callable[[str], bool], Callable[[str], bool]]]:
        """Each term as a pair of tests, (English text has it, translated text has an approved
        rendering): the bilingual lexicon the stage alignment of :mod:`core.align` reads."""
        return [(term.in_source, term.approved_in) for term in self.terms]

    def may_forbid(self, text: str) -> bool:
        """False when no forbidden rendering of scope anywhere is in `text`."""
        return bool(self._forbidden_prefilter.search(text) and self._any_forbidden.search(text))

    def may_have_source_term(self, text: str) -> bool:
        """False when `text` has none of the glossary's source terms."""
        return bool(self._source_prefilter.search(text) and self._any_source.search(text))

    def may_forbid_in_page(self, text: str) -> bool:
        """False when no line of the page `text` (its whole file) can have a forbidden
        rendering: one search for the page instead of one a line, on most pages the only one."""
        return bool(self._forbidden_prefilter.search(text))

    @cached_property
    def source_forms(self) -> str:
        """The source forms of each term, in order, as one text (whose hash is kept): equal for
        glossaries whose terms match the same source texts, which can share what was found."""
        return "\n".join("\t".join(term.sources) for term in self.terms)

    def source_terms_in(self, text: str) -> tuple[int, ...]:
        """The positions in `terms` of the terms `text` (a source text) has."""
        if not self.may_have_source_term(text):
            return ()
        return tuple(index for index, term in enumerate(self.terms) if term.in_source(text))


def _first_words_of(texts: list[str]) -> re.Pattern[str]:
    """One pattern without look-arounds for the first word of each text (never, for none)."""
    words = sorted({text.split()[0].casefold() for text in texts if text.split()})
    return re.compile("|".join(re.escape(word) for word in words) or "(?!)", re.IGNORECASE)


def _has_word(text: str, word: str) -> bool:
    pattern = rf"(?<!{_LETTER}){_phrase(word)}(?!{_LETTER})"
    return re.search(pattern, text, re.IGNORECASE) is not None


def _verb_position(text: str, start: int, end: int) -> bool:
    """True when the words around `text[start:end]` make it a verb."""
    before = re.findall(r"[\w'’]+", text[:start].lower())
    after = re.findall(r"[\w'’]+", text[end:end + 40].lower())
    return bool(before) and (
        before[-1] in _VERB_CUES or len(before) > 1 and before[-2] in ("do", "does", "did")
        or bool(after) and after[0] in _OBJECT_CUES
    )


def _any_of(patterns: list[re.Pattern[str]]) -> re.Pattern[str]:
    """One pattern that matches where any of `patterns` does (never, for none)."""
    alternatives = "|".join(f"(?:{pattern.pattern})" for pattern in patterns) or "(?!)"
    return re.compile(alternatives, re.IGNORECASE)


class _Invalid(Exception):
    """A bad glossary construct, at a 1-based line of the file."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _mapping(node: Node, what: str, allowed: set[str], required: set[str]) -> dict[str, Node]:
    """The keys of a YAML mapping node; unknown, repeated or missing keys are errors."""
    if not isinstance(node, MappingNode):
        raise _Invalid(_line(node), f"{what} must be a mapping with the keys "
                       + ", ".join(f"`{key}`" for key in sorted(allowed)))
    keys: dict[str, Node] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, ScalarNode) else ""
        if key not in allowed:
            raise _Invalid(_line(key_node), f"{what}: unknown key `{key}`; use "
                           + ", ".join(f"`{name}`" for name in sorted(allowed)))
        if key in keys:
            raise _Invalid(_line(key_node), f"{what}: key `{key}` appears twice")
        keys[key] = value_node
    missing = sorted(required - keys.keys())
    if missing:
        raise _Invalid(_line(node), f"{what}: key `{missing[0]}` is missing")
    return keys


def _text(node: Node, what: str) -> str:
    if not isinstance(node, ScalarNode) or node.tag == _NULL_TAG or not node.value.strip():
        raise _Invalid(_line(node), f"{what} must be a non-empty text")
    return " ".join(node.value.split())


def _texts(node: Node, what: str) -> tuple[str, ...]:
    """A text or a non-empty list of texts."""
    if isinstance(node, SequenceNode):
        if not node.value:
            raise _Invalid(_line(node), f"{what} must list at least one text")
        return tuple(_text(item, what) for item in node.value)
    return (_text(node, what),)


def _choice(node: Node | None, what: str, choices: tuple[str, ...], default: str) -> str:
    if node is None:
        return default
    value = _text(node, what)
    if value not in choices:
        raise _Invalid(_line(node), f"{what} is `{value}`; use one of "
                       + ", ".join(f"`{choice}`" for choice in choices))
    return value


def _forbidden(
    node: Node, term: str, match: str, approved: set[str]
) -> list[ForbiddenRendering]:
    what = f"a forbidden rendering of `{term}`"
    keys = _mapping(node, what, _FORBIDDEN_KEYS, {"rendering", "note"})
    own_match = _choice(keys.get("match"), f"{what}: `match`", MATCH_MODES, match)
    note = _text(keys["note"], f"{what}: `note`")
    scope = _choice(keys.get("scope"), f"{what}: `scope`", SCOPES, DEFAULT_SCOPE)
    texts = _texts(keys["rendering"], f"{what}: `rendering`")
    for text in texts:
        if text.casefold() in approved:
            raise _Invalid(_line(keys["rendering"]), f"{what}: `{text}` is approved as well")
    return [ForbiddenRendering(Rendering(text, own_match), note, scope) for text in texts]


def _term(node: Node) -> Term:
    keys = _mapping(node, "a glossary entry", _TERM_KEYS, {"source", "approved"})
    sources = _texts(keys["source"], "`source`")
    what = f"the entry for `{sources[0]}`"
    match = _choice(keys.get("match"), f"{what}: `match`", MATCH_MODES, DEFAULT_MATCH)
    approved = tuple(
        Rendering(text, match) for text in _texts(keys["approved"], f"{what}: `approved`")
    )
    forbidden_node = keys.get("forbidden")
    if forbidden_node is not None and not isinstance(forbidden_node, SequenceNode):
        raise _Invalid(_line(forbidden_node), f"{what}: `forbidden` must be a list")
    approved_texts = {rendering.text.casefold() for rendering in approved}
    forbidden = tuple(
        rendering
        for item in (forbidden_node.value if forbidden_node is not None else [])
        for rendering in _forbidden(item, sources[0], match, approved_texts)
    )
    note = _text(keys["note"], f"{what}: `note`") if "note" in keys else ""
    sense = _choice(keys.get("sense"), f"{what}: `sense`", SENSES, "any")
    context = _texts(keys["context"], f"{what}: `context`") if "context" in keys else ()
    return Term(sources, approved, forbidden, note, _line(node), sense, context)


def parse_glossary(path: str, locale: str, raw: bytes) -> tuple[Glossary, list[Diagnostic]]:
    """Read one glossary file. Bad entries are left out and reported; never raises."""
    problems: list[Diagnostic] = []
    terms: list[Term] = []
    try:
        root = yaml.compose(raw.decode("utf-8-sig"), Loader=_SafeLoader)
        if root is None:
            raise _Invalid(1, "the glossary is empty; it needs a `terms:` list")
        entries = _mapping(root, "the glossary", {"terms"}, {"terms"})["terms"]
        if not isinstance(entries, SequenceNode):
            raise _Invalid(_line(entries), "`terms` must be a list of entries")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(diagnostic("PB603", path, line, "the glossary is not UTF-8 text"))
        return Glossary(locale, path, ()), problems
    except yaml.YAMLError as error:
        # Where the broken construct opens (an unclosed bracket), else where reading stopped.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        problems.append(diagnostic("PB603", path, mark.line + 1 if mark else 1,
                                   f"the glossary is not valid YAML: {reason}"))
        return Glossary(locale, path, ()), problems
    except _Invalid as error:
        problems.append(diagnostic("PB603", path, error.line, error.message))
        return Glossary(locale, path, ()), problems
    for node in entries.value:
        try:
            terms.append(_term(node))
        except _Invalid as error:
            problems.append(diagnostic("PB603", path, error.line, error.message))
    problems += _contradictions(path, terms)
    return Glossary(locale, path, tuple(terms)), problems


def _contradictions(path: str, terms: list[Term]) -> list[Diagnostic]:
    """A rendering forbidden everywhere by one entry and approved by another cannot both hold."""
    approved = {rendering.text.casefold(): term for term in terms for rendering in term.approved}
    return [
        diagnostic(
            "PB603", path, term.line,
            f"the entry for `{term.name}` forbids `{wrong.rendering.text}` everywhere, but the "
            f"entry for `{approved[wrong.rendering.text.casefold()].name}` approves it",
            hint="Give the forbidden rendering `scope: aligned`, or drop one of the two.",
        )
        for term in terms
        for wrong in term.forbidden
        if wrong.anywhere and wrong.rendering.text.casefold() in approved
    ]


def load_glossaries(
    folder: Path | None, locales: Iterable[str], display: Callable[[Path], str],
    memo: FileMemo | None = None,
) -> tuple[Mapping[str, Glossary], list[Diagnostic]]:
    """Each locale's ``<folder>/<locale>.yml`` that exists; no folder means no glossaries.
    With a `memo`, a glossary file that did not change is not read again."""
    glossaries: dict[str, Glossary] = {}
    problems: list[Diagnostic] = []
    if folder is None or not folder.is_dir():
        return glossaries, problems
    for locale in locales:
        path = folder / f"{locale}{GLOSSARY_SUFFIX}"
        if not path.exists():
            continue
        shown = display(path)
        read = functools.partial(_read_glossary, path, shown, locale)
        glossary, found = read() if memo is None else memo.get(str(path), (shown, locale), read)
        if glossary is not None:
            glossaries[locale] = glossary
        problems += found
    return glossaries, problems


def _read_glossary(path: Path, shown: str, locale: str
                   ) -> tuple[Glossary | None, list[Diagnostic]]:
    try:
        raw = read_regular_file(path)  # a FIFO is reported, not waited on
    except OSError as error:
        return None, [diagnostic("PB603", shown, 1, f"cannot read the glossary: {error.strerror}")]
    return parse_glossary(shown, locale, raw)
