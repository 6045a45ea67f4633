"""The segmenter's cue words, read once from ``models/cues.json`` and compiled to regular expressions.

The rules are data (``models/``), so they can be read, cited and extended without touching code.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
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
def _bmp() -> str:
    """Every character of the Basic Multilingual Plane but the surrogates (no other plane has a case
    partner of a Latin letter, see tests/test_cues_alternation.py)."""
    from array import array

    codes = array("I", range(0xD800))
    codes.extend(range(0xE000, 0x10000))
    return codes.tobytes().decode("utf-32-le" if sys.byteorder == "little" else "utf-32-be")


@cache
def _case_class(letter: str) -> str:
    """Every character ``letter`` matches under IGNORECASE (``"i"`` → ``"Iiİı"``)."""
    return "".join(sorted(set(re.compile(re.escape(letter), re.I).findall(_bmp()))))


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

    def is_department(self, text: str) -> bool:
        """A unit line (``Referat Kreistag/Wahlen``, ``Ordnungsamt``), not an authority or a head's title."""
        return bool(self.department.match(text)) and not self.not_department.match(text) \
            and not self.authority.match(" " + text.lstrip())

    def path_for_label(self, label: str) -> str | None:
        """The contract path a field label stands for (``"Telefax"`` → ``"contact.fax"``)."""
        label = label.strip().rstrip(":.").strip() if not label.strip().endswith("Az.") else label.strip()
        first = label[:1]
        for (pattern, path), letters in zip(self.label_to_path, self.label_first_letters):
            if first and letters is not None and first not in letters:
                continue  # the word starts with another letter: neither form can match it
            if pattern.fullmatch(label) or pattern.fullmatch(label + "."):
                return path
        return None


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
