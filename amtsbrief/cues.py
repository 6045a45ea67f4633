"""The segmenter's cue words, read once from ``models/cues.json`` and compiled to regular expressions.

The rules are data (``models/``), so they can be read, cited and extended without touching code.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
_PACKAGED_MODELS = Path(__file__).resolve().parent / "_models"


def models_dir() -> Path:
    """Where the rule files live: ``models/`` of a checkout, else a packaged copy."""
    return MODELS_DIR if MODELS_DIR.is_dir() else _PACKAGED_MODELS


@cache
def load_model(name: str) -> dict:
    """A JSON rule file from ``models/`` (cached: loaded once per process)."""
    with open(models_dir() / name, encoding="utf-8") as handle:
        return json.load(handle)


def _alternation(patterns: list[str]) -> str:
    return "(?:" + "|".join(patterns) + ")"


# --- the same alternations, faster -----------------------------------------------------------------------
#
# Python's regex engine tries the words of an alternation one after another, and under IGNORECASE it
# cannot skip a word by its first letter cheaply: a header line costs about 20 µs against the hundred
# field labels, and a letter asks a few hundred times. ``_by_first_letter`` groups the words by their
# first letter, written as a case-sensitive class of every character that letter matches under
# IGNORECASE (``[Iiİı]``), so the engine skips a whole group with one class test. Words that can
# match at the same place all share their first letter's group and keep their order in it, so the
# first word that matches, and everything the pattern then does, is the same: the same matches.

_QUANTIFIERS = ("?", "*", "+", "{")


@cache
def bmp_characters() -> str:
    """Every character of the Basic Multilingual Plane but the surrogates (no other plane has a case
    partner of a Latin letter, see tests/test_cues_alternation.py)."""
    from array import array

    codes = array("I", range(0xD800))
    codes.extend(range(0xE000, 0x10000))
    return codes.tobytes().decode("utf-32-le" if sys.byteorder == "little" else "utf-32-be")


@cache
def _case_class(letter: str) -> str:
    """Every character ``letter`` matches under IGNORECASE (``"i"`` → ``"Iiİı"``)."""
    return "".join(sorted(set(re.compile(re.escape(letter), re.I).findall(bmp_characters()))))


def _top_level_bar(regex: str) -> bool:
    """Whether ``regex`` has a ``|`` outside any group or class (its words would not share the first letter)."""
    depth, position, in_class = 0, 0, False
    while position < len(regex):
        char = regex[position]
        if char == "\\":
            position += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if regex[position + 1:position + 2] == "^":
                position += 1
            if regex[position + 1:position + 2] == "]":
                position += 1  # a leading ] is a member
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
        position += 1
    return False


def _first_letter(word: str) -> str | None:
    """The letter ``word`` starts with, where it is a plain letter matched once (not ``a?``, ``a*`` …)."""
    if word[:1].isalpha() and word[1:2] not in _QUANTIFIERS and not _top_level_bar(word):
        return word[0]
    return None


def _by_first_letter(words: list[str]) -> str:
    """``_alternation(words)`` for a pattern compiled with IGNORECASE (and not inside ``(?-i:…)``), grouped
    by first letter; the plain alternation where a word does not start with a plain letter."""
    letters = [_first_letter(word) for word in words]
    if not words or None in letters:
        return _alternation(words)
    groups: dict[str, list[str]] = {}
    for letter, word in zip(letters, words):
        groups.setdefault(_case_class(letter), []).append(word[1:])
    if len("".join(groups)) != len(set("".join(groups))):
        return _alternation(words)  # two classes overlap: a word could match where another group's does
    return "(?:" + "|".join(f"(?-i:[{re.escape(members)}])(?:{'|'.join(rests)})" for members, rests in groups.items()) + ")"


class _EndsWithColon:
    """A pattern each of whose alternatives ends in ``:$``, searched only in text that ends with a colon.

    ``search`` gives what the pattern's own ``search`` gives: without ``re.M`` its ``$`` matches at the end
    or before a final line break only, so text that does not end in ``:`` (or ``:\n``) holds no match, and
    the scan of a whole paragraph (its ``.{0,80}`` tried from every word) is not needed.
    """

    def __init__(self, pattern: re.Pattern):
        self._pattern = pattern
        self.pattern, self.flags = pattern.pattern, pattern.flags

    def search(self, text: str, *args):
        if not args and not text.endswith((":", ":\n")):
            return None
        return self._pattern.search(text, *args)

    def __getattr__(self, name: str):
        return getattr(self._pattern, name)


def _colon_led(patterns: list[str], flags: int):
    """The alternation of ``patterns`` compiled; wrapped in :class:`_EndsWithColon` where every one ends in ``:$``."""
    compiled = re.compile(_alternation(patterns), flags)
    if flags & re.M or not all(p.endswith(":$") and not p.endswith("\\:$") and not _top_level_bar(p) for p in patterns):
        return compiled
    return _EndsWithColon(compiled)


_KNOWN_LABELS = 1024
_UNKNOWN_LABEL = object()  # a label not seen yet (its path may be None)


@dataclass(frozen=True)
class Cues:
    """Compiled cue patterns; build with :func:`cues`."""

    field_label: re.Pattern          # "Label: value" → groups label, value
    label_only: re.Pattern           # "Label:" or "Label" alone (its value in the next cell)
    field_label_spaced: re.Pattern   # "Label Value" (one space), as an information block sets it
    field_pair: re.Pattern           # "Label, Label: value value" (two fields under one label)
    label_start: re.Pattern          # a label at the line's start: what each of the four above begins with
    label_to_path: tuple[tuple[re.Pattern, str], ...]
    reference_label: re.Pattern      # a label of the Bezugszeichenzeile (no colon needed)
    authority: re.Pattern
    department: re.Pattern
    not_department: re.Pattern
    delivery: re.Pattern
    copies_label: re.Pattern
    subject_label: re.Pattern
    regarding_label: re.Pattern
    footer_label: re.Pattern
    answer_lead: re.Pattern
    inquiry_lead: re.Pattern
    # For each of ``label_to_path``: every character its word's first letter matches (None: not a plain letter).
    label_first_letters: tuple[str | None, ...] = ()
    # First character of a label → the ``label_to_path`` entries whose word can start with it, in order
    # (filled as labels come; not part of the cues' identity).
    _candidates: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    # Label → its contract path, for the labels seen (letters repeat theirs: "Telefon", "Az."); at most
    # _KNOWN_LABELS of them, so that a long batch of odd labels cannot grow it without bound.
    _paths: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def is_department(self, text: str) -> bool:
        """A unit line (``Referat Kreistag/Wahlen``, ``Ordnungsamt``), not an authority or a head's title."""
        return bool(self.department.match(text)) and not self.not_department.match(text) \
            and not self.authority.match(" " + text.lstrip())

    def path_for_label(self, label: str) -> str | None:
        """The contract path a field label stands for (``"Telefax"`` → ``"contact.fax"``)."""
        path = self._paths.get(label, _UNKNOWN_LABEL)
        if path is _UNKNOWN_LABEL:
            if len(self._paths) >= _KNOWN_LABELS:
                self._paths.clear()
            path = self._paths[label] = self._path_for(label)
        return path

    def _path_for(self, label: str) -> str | None:
        label = label.strip().rstrip(":.").strip() if not label.strip().endswith("Az.") else label.strip()
        for pattern, path in self._label_candidates(label[:1]):
            if pattern.fullmatch(label) or pattern.fullmatch(label + "."):
                return path
        return None

    def _label_candidates(self, first: str) -> tuple[tuple[re.Pattern, str], ...]:
        """The entries of ``label_to_path`` a label starting with ``first`` can match, in order: a word that
        starts with another letter can match neither the label nor the label with a dot."""
        candidates = self._candidates.get(first)
        if candidates is None:
            candidates = self._candidates[first] = tuple(
                entry for entry, letters in zip(self.label_to_path, self.label_first_letters)
                if not first or letters is None or first in letters)
        return candidates


# A label may carry its translation after a slash: "Telefon / Phone", "Servicetelefon / Service phone".
def ordinary_case(text: str) -> str:
    """A line set in capitals in ordinary case ("LANDRATSAMT TUTTLINGEN" → "Landratsamt Tuttlingen"), so that the
    cue words, written in ordinary case, find it; any other line as it is."""
    return text.title() if text.isupper() else text


# Labels of numbers that are the addressee's, not the letter's (Kundennummer, Kassenzeichen, BG-Nummer):
# read as labelled fields, so the header is zoned right, but they fill no field (corpus/GUIDELINES.md).
NO_FIELD = "none"
_NOTE = r"\([^()\d]{3,40}\)\s*"  # a parenthesised note without digits: "(bitte bei Antwort angeben)"


@cache
def cues() -> Cues:
    """The compiled cues (built once per process)."""
    data = load_model("cues.json")
    labels = {path: words for path, words in data["field_labels"].items() if not path.startswith("_")}
    # Longest labels first, so "Zentrales Telefax" wins over "Telefax" and "Ihre Nachricht vom" over "Ihre Nachricht".
    ordered = sorted(((word, path) for path, words in labels.items() for word in words), key=lambda item: -len(item[0]))
    all_labels = _by_first_letter([word for word, _ in ordered])
    field_label = re.compile(
        rf"^\s*(?P<label>{all_labels})(?:\s*/\s*[\w\-.]+(?: [a-z][\w\-.]*)?)?\s*(?::|\.(?=\s)|\s(?=[\d+]|(?!{_NOTE}$)\()|\s{{2,}}(?=\S)|(?-i:(?<=[A-ZÄÖÜ]{{2}}))\s(?=\S))\s*(?P<value>.*)$", re.I)
    field_pair = re.compile(rf"^\s*(?P<first>{all_labels})\s*,\s*(?P<second>{all_labels})\s*:\s*(?P<value>\S.*)$", re.I)
    field_label_spaced = re.compile(rf"^\s*(?P<label>{all_labels})\s+(?P<value>\S.*)$", re.I)
    # A printed instruction after the label, "Mein Zeichen (Bei Antwort angeben)", is no value: the
    # value stands below it.
    label_only = re.compile(rf"^\s*(?P<label>{all_labels})(?:\s*/\s*[\w\-.]+(?: [a-z][\w\-.]*)?)?\s*:?\s*(?:{_NOTE})?\s*$", re.I)
    # The four patterns above start alike, so a line this one does not match matches none of them
    # (most lines of a header start with no label: one test instead of four).
    label_start = re.compile(rf"^\s*(?:{all_labels})", re.I)
    label_to_path = tuple((re.compile(word, re.I), path) for word, path in ordered)
    reference_words = [word for word, path in ordered if path.startswith("references.") or path == NO_FIELD or path in ("contact.phone", "contact.handler", "contact.fax", "contact.email", "contact.room")]
    reference_label = re.compile(rf"(?<![\w])(?:{_by_first_letter(reference_words)})(?![\w])", re.I)
    return Cues(
        field_label=field_label,
        label_only=label_only,
        field_label_spaced=field_label_spaced,
        field_pair=field_pair,
        label_start=label_start,
        label_to_path=label_to_path,
        label_first_letters=tuple(_case_class(letter) if (letter := _first_letter(word)) else None for word, _ in ordered),
        reference_label=reference_label,
        authority=re.compile(rf"(?:^|\s|-){_alternation(data['authority_words']['words'])}(?![a-zäöüß])"),
        department=re.compile(rf"^\s*{_alternation(data['department_words']['words'])}"),
        not_department=re.compile(rf"^\s*{_alternation(data['department_words']['not'])}"),
        delivery=re.compile(_alternation(data["delivery"]["patterns"]), re.I),
        copies_label=re.compile(rf"^\s*(?P<label>{_alternation(data['copies']['labels'])})\s*(?::|\s(?=[A-ZÄÖÜ]))\s*(?P<value>.*)$"),
        subject_label=re.compile(rf"^\s*(?P<label>{_by_first_letter(data['subject']['labels'])})(?:\s*:|(?-i:(?<=[A-ZÄÖÜ]{{3}}))\s+(?=\S))\s*(?P<value>.*)$", re.I),
        regarding_label=re.compile(rf"^\s*(?P<label>{_alternation(data['subject']['regarding_labels'])}|BEZUG|HIER)(?:\s*:|(?<=[A-ZÄÖÜ]{{3}})\s+(?=\S))\s*(?P<value>.*)$"),
        footer_label=re.compile(rf"^\s*{_by_first_letter(data['footer']['labels'])}\b", re.I),
        answer_lead=_colon_led(data["answer_leads"]["patterns"], re.I),
        inquiry_lead=_colon_led(data["inquiry_leads"]["patterns"], re.I),
    )


# --- one home per vocabulary ---------------------------------------------------------------------------
#
# ``models/vocabulary.json`` holds the word lists (weekdays, months, bank words, countries …) and the named
# patterns built from them (page numbers, date lines …). A pattern names a list as ``{{weekdays}}``, which
# becomes the list's alternation, so each word stands in one place whatever uses it; ``{{date}}`` is the
# date reader's own pattern (``fields.dates.WRITTEN``), as dates are the reader's to know.

_LIST_REFERENCE = re.compile(r"\{\{(\w+)\}\}")


@cache
def vocabulary(name: str) -> tuple[str, ...]:
    """The word list ``name`` of ``models/vocabulary.json`` (entries are regular expressions)."""
    return tuple(load_model("vocabulary.json")["lists"][name]["words"])


def _reader_patterns() -> dict[str, str]:
    """Patterns a field reader owns, for patterns here that must find what it reads (``{{date}}``)."""
    from amtsbrief.fields import dates  # the readers import this module: import them when first needed

    return {"date": dates.WRITTEN}


def _expand(regex: str) -> str:
    def fill(match: re.Match) -> str:
        name = match.group(1)
        if name in _READERS:
            return "(?:" + _reader_patterns()[name] + ")"
        return _alternation(list(vocabulary(name)))
    return _LIST_REFERENCE.sub(fill, regex)


_READERS = ("date",)


@cache
def pattern(name: str) -> re.Pattern:
    """The named pattern ``name`` of ``models/vocabulary.json``, compiled (with its lists filled in)."""
    entry = load_model("vocabulary.json")["patterns"][name]
    regex = entry["regex"]
    if isinstance(regex, list):
        regex = "".join(regex)
    flags = 0
    for letter in entry.get("flags", ""):
        flags |= {"i": re.I, "m": re.M, "s": re.S, "x": re.X}[letter]
    return re.compile(_expand(regex), flags)


def words(*names: str) -> str:
    """The word lists ``names`` of ``models/vocabulary.json`` as one alternation, to build a pattern in code."""
    return _alternation([word for name in names for word in vocabulary(name)])


def pattern_digest(compiled: re.Pattern) -> str:
    """A short fingerprint of a pattern's text: a shortcut read from that text by hand holds for it alone."""
    return hashlib.sha1(compiled.pattern.encode()).hexdigest()[:16]


# --- what a pattern can start with -------------------------------------------------------------------------
#
# Most lines of a header start with a letter no label starts with. ``lead_characters(pattern)`` reads a pattern's
# parse tree once for the characters its first match can start with (after a leading ``^\s*``), so that a
# line starting with another character is known not to match, without running the pattern. The answer
# only ever over-approximates: a construct it does not follow (a negated class, ``.``, ``\w``, a
# backreference, a character with case partners outside the Basic Multilingual Plane) lets every line through.

_ANY = None  # "any character may come first"
_NO_OP = object()  # an opcode this Python's parser does not have (atomic groups came in 3.11)


def regex_parser():
    """Python's own regular-expression parser (``re._parser`` from 3.11 on, ``sre_parse`` before)."""
    try:
        from re import _parser
    except ImportError:  # Python 3.10
        import sre_parse as _parser
    return _parser


def group_folds_case(ignore_case: bool, add: int, remove: int) -> bool:
    """Whether a group's inside folds case: the pattern outside it does (``ignore_case``) or the group's
    own flags turn it on (``(?i:…)``), and they do not turn it off (``(?-i:…)``)."""
    return (ignore_case or bool(add & re.I)) and not remove & re.I


_CASE_SAFE_BELOW = 0x2000  # below this, a character's case partners (under IGNORECASE) are all in the BMP


@cache
def _spaces() -> frozenset[str]:
    """The characters ``\\s`` matches (all in the BMP, as ``str.isspace``)."""
    return frozenset(re.compile(r"\s").findall(bmp_characters()))


def _with_case(characters: set[str], ignore_case: bool) -> set[str] | None:
    if not ignore_case:
        return characters
    if any(ord(char) >= _CASE_SAFE_BELOW for char in characters):
        return _ANY
    return {partner for char in characters for partner in _case_class(char)}


def _first_of_sequence(items, ignore_case: bool) -> tuple[set[str] | None, bool]:
    """(the characters a match of ``items`` can start with, or ``_ANY``; whether it can match empty)."""
    sre = regex_parser()  # its module re-exports the opcodes
    found: set[str] = set()
    for op, av in items:
        first, empty = _ANY, False
        if op is sre.LITERAL:
            first = _with_case({chr(av)}, ignore_case)
        elif op is sre.IN:
            first = _class_members(av, ignore_case)
        elif op is sre.BRANCH:
            first, empty = set(), False
            for branch in av[1]:
                branch_first, branch_empty = _first_of_sequence(branch, ignore_case)
                if branch_first is _ANY:
                    first = _ANY
                    break
                first |= branch_first
                empty = empty or branch_empty
        elif op is sre.SUBPATTERN:
            _, add, remove, inner = av
            first, empty = _first_of_sequence(inner, group_folds_case(ignore_case, add, remove))
        elif op is getattr(sre, "ATOMIC_GROUP", _NO_OP):
            first, empty = _first_of_sequence(av, ignore_case)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", _NO_OP)):
            low, _, inner = av
            first, empty = _first_of_sequence(inner, ignore_case)
            empty = empty or low == 0
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            first, empty = set(), True  # zero width (a lookahead's own demand is left out: more, never fewer)
        if first is _ANY:
            return _ANY, False
        found |= first
        if not empty:
            return found, False
    return found, True


def _class_members(av, ignore_case: bool) -> set[str] | None:
    sre = regex_parser()  # its module re-exports the opcodes
    members: set[str] = set()
    spaces: frozenset[str] = frozenset()  # caseless: no case partners to add
    for op, value in av:
        if op is sre.LITERAL:
            members.add(chr(value))
        elif op is sre.RANGE and value[1] - value[0] < 512:
            members.update(map(chr, range(value[0], value[1] + 1)))
        elif op is sre.CATEGORY and value is sre.CATEGORY_SPACE:
            spaces = _spaces()
        else:
            return _ANY  # a negated class, \d, \w, a wide range: not followed
    with_case = _with_case(members, ignore_case)
    return _ANY if with_case is _ANY else with_case | spaces


@cache
def lead_characters(pattern: re.Pattern) -> frozenset[str] | None:
    """The characters a text's first non-blank character must be among for ``pattern.match`` (and
    ``fullmatch``) to match it; None where that cannot be told.

    A match starts at the text's start; a leading ``^\\s*`` (of the pattern, or of each of its
    alternatives) may take the blanks before the first non-blank character, and what follows it cannot
    start with a blank (else None), so it starts at that character."""
    first = _lead_first(list(regex_parser().parse(pattern.pattern, pattern.flags).data), bool(pattern.flags & re.I))
    return None if first is _ANY else frozenset(first)


def _lead_first(items: list, ignore_case: bool) -> set[str] | None:
    sre = regex_parser()  # its module re-exports the opcodes
    if items[:1] == [(sre.AT, sre.AT_BEGINNING)]:
        items = items[1:]
    if items and items[0][0] is sre.MAX_REPEAT and items[0][1][:2] == (0, sre.MAXREPEAT) \
            and list(items[0][1][2]) == [(sre.IN, [(sre.CATEGORY, sre.CATEGORY_SPACE)])]:
        items = items[1:]  # ^\s*
    if len(items) == 1 and items[0][0] is sre.BRANCH:
        found: set[str] = set()
        for branch in items[0][1][1]:
            first = _lead_first(list(branch), ignore_case)
            if first is _ANY:
                return _ANY
            found |= first
        return found
    first, empty = _first_of_sequence(items, ignore_case)
    if first is _ANY or empty or first & _spaces():
        return _ANY
    return first


# --- what a pattern can take ----------------------------------------------------------------------------------


def characters_taken(pattern: re.Pattern) -> frozenset[str] | None:
    """Every character a match of ``pattern`` can take (a look-around takes none); None where that cannot be
    told (``.``, ``\\d``, ``\\w``, a negated class, a wide range, a backreference …)."""
    taken = _taken(regex_parser().parse(pattern.pattern, pattern.flags), bool(pattern.flags & re.I))
    return None if taken is _ANY else frozenset(taken)


def _taken(items, ignore_case: bool) -> set[str] | None:
    sre = regex_parser()  # its module re-exports the opcodes
    found: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars = _with_case({chr(av)}, ignore_case)
        elif op is sre.IN:
            chars = _class_members(av, ignore_case)
        elif op is sre.BRANCH:
            branches = [_taken(branch, ignore_case) for branch in av[1]]
            chars = _ANY if _ANY in branches else set().union(*branches)
        elif op is sre.SUBPATTERN:
            _, add, remove, inner = av
            chars = _taken(inner, group_folds_case(ignore_case, add, remove))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", _NO_OP)):
            chars = _taken(av[2], ignore_case)
        elif op is getattr(sre, "ATOMIC_GROUP", _NO_OP):
            chars = _taken(av, ignore_case)
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            chars = set()
        else:
            return _ANY
        if chars is _ANY:
            return _ANY
        found |= chars
    return found
