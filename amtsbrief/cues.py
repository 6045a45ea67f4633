"""The segmenter's cue words, read once from ``models/cues.json`` and compiled to regular expressions.

The rules are data (``models/``), so they can be read, cited and extended without touching code.
"""

from __future__ import annotations

import json
import re
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


@dataclass(frozen=True)
class Cues:
    """Compiled cue patterns; build with :func:`cues`."""

    field_label: re.Pattern          # "Label: value" → groups label, value
    label_only: re.Pattern           # "Label:" or "Label" alone (its value in the next cell)
    field_label_spaced: re.Pattern   # "Label Value" (one space), as an information block sets it
    field_pair: re.Pattern           # "Label, Label: value value" (two fields under one label)
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

    def is_department(self, text: str) -> bool:
        """A unit line (``Referat Kreistag/Wahlen``, ``Ordnungsamt``), not an authority or a head's title."""
        return bool(self.department.match(text)) and not self.not_department.match(text) \
            and not self.authority.match(" " + text.lstrip())

    def path_for_label(self, label: str) -> str | None:
        """The contract path a field label stands for (``"Telefax"`` → ``"contact.fax"``)."""
        label = label.strip().rstrip(":.").strip() if not label.strip().endswith("Az.") else label.strip()
        for pattern, path in self.label_to_path:
            if pattern.fullmatch(label) or pattern.fullmatch(label + "."):
                return path
        return None


# A label may carry its translation after a slash: "Telefon / Phone", "Servicetelefon / Service phone".
_NOTE = r"\([^()\d]{3,40}\)\s*"  # a parenthesised note without digits: "(bitte bei Antwort angeben)"


@cache
def cues() -> Cues:
    """The compiled cues (built once per process)."""
    data = load_model("cues.json")
    labels = {path: words for path, words in data["field_labels"].items() if not path.startswith("_")}
    # Longest labels first, so "Zentrales Telefax" wins over "Telefax" and "Ihre Nachricht vom" over "Ihre Nachricht".
    ordered = sorted(((word, path) for path, words in labels.items() for word in words), key=lambda item: -len(item[0]))
    all_labels = _alternation([word for word, _ in ordered])
    field_label = re.compile(
        rf"^\s*(?P<label>{all_labels})(?:\s*/\s*[\w\-.]+(?: [a-z][\w\-.]*)?)?\s*(?::|\.(?=\s)|\s(?=[\d+]|(?!{_NOTE}$)\()|\s{{2,}}(?=\S)|(?-i:(?<=[A-ZÄÖÜ]{{2}}))\s(?=\S))\s*(?P<value>.*)$", re.I)
    field_pair = re.compile(rf"^\s*(?P<first>{all_labels})\s*,\s*(?P<second>{all_labels})\s*:\s*(?P<value>\S.*)$", re.I)
    field_label_spaced = re.compile(rf"^\s*(?P<label>{all_labels})\s+(?P<value>\S.*)$", re.I)
    # A printed instruction after the label, "Mein Zeichen (Bei Antwort angeben)", is no value: the
    # value stands below it.
    label_only = re.compile(rf"^\s*(?P<label>{all_labels})(?:\s*/\s*[\w\-.]+(?: [a-z][\w\-.]*)?)?\s*:?\s*(?:{_NOTE})?\s*$", re.I)
    label_to_path = tuple((re.compile(word, re.I), path) for word, path in ordered)
    reference_words = [word for word, path in ordered if path.startswith("references.") or path in ("contact.phone", "contact.handler", "contact.fax", "contact.email", "contact.room")]
    reference_label = re.compile(rf"(?<![\w])(?:{_alternation(reference_words)})(?![\w])", re.I)
    return Cues(
        field_label=field_label,
        label_only=label_only,
        field_label_spaced=field_label_spaced,
        field_pair=field_pair,
        label_to_path=label_to_path,
        reference_label=reference_label,
        authority=re.compile(rf"(?:^|\s|-){_alternation(data['authority_words']['words'])}(?![a-zäöüß])"),
        department=re.compile(rf"^\s*{_alternation(data['department_words']['words'])}"),
        not_department=re.compile(rf"^\s*{_alternation(data['department_words']['not'])}"),
        delivery=re.compile(_alternation(data["delivery"]["patterns"]), re.I),
        copies_label=re.compile(rf"^\s*(?P<label>{_alternation(data['copies']['labels'])})\s*(?::|\s(?=[A-ZÄÖÜ]))\s*(?P<value>.*)$"),
        subject_label=re.compile(rf"^\s*(?P<label>{_alternation(data['subject']['labels'])})(?:\s*:|(?-i:(?<=[A-ZÄÖÜ]{{3}}))\s+(?=\S))\s*(?P<value>.*)$", re.I),
        regarding_label=re.compile(rf"^\s*(?P<label>{_alternation(data['subject']['regarding_labels'])}|BEZUG|HIER)(?:\s*:|(?<=[A-ZÄÖÜ]{{3}})\s+(?=\S))\s*(?P<value>.*)$"),
        footer_label=re.compile(rf"^\s*{_alternation(data['footer']['labels'])}\b", re.I),
        answer_lead=re.compile(_alternation(data["answer_leads"]["patterns"]), re.I),
        inquiry_lead=re.compile(_alternation(data["inquiry_leads"]["patterns"]), re.I),
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
