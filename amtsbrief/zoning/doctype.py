"""The type of document, decided first from its cues (stage ``document`` of ``models/zones.json``).

An e-mail, a parliament's Drucksache, a notice (Bescheid), an answer, an inquiry or a plain letter: the
zone rules may depend on it (an e-mail's signature block is its whole tail). The final ``Letter.kind``
is still read at the end from what was extracted; this is the early, cue-only decision.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from typing import Callable, Sequence

from amtsbrief.cues import cues, pattern
from amtsbrief.text import Line
from amtsbrief.zoning.kinds import DocumentType
from amtsbrief.zoning.table import Features, first

_HEAD_LINES = 15  # the head of a document, where its masthead and title stand


def _head(f: Features) -> list[str]:
    return [line.text for line in f.subject if line.stripped][:_HEAD_LINES]


# Words a pattern cannot match without (its branches' literal words, case as written: no pattern here
# folds case), so that a head line without any is not searched (a search tries each branch at every
# position of the line). Each holds for the pattern text it was read from (by digest); for another text
# the pattern is searched in every line. ``tests/test_zones_doctype_gates.py`` tries every line we have.
_NEEDED_WORDS = {
    # \bA\s?N\s?T\s?W\s?O\s?R\s?T\b | ^\s*Antwort\b | ^\s*Beantwortung\b
    "answer_heading": ("4d8ac3c2f895a925", lambda text: "Antwort" in text or "Beantwortung" in text
                       or "N" in text and "W" in text and "R" in text),
    # \b(?:Drucksache|Drs\.)\s*\d+ …
    "drucksache_number": ("716566f71e2d09ce", lambda text: "Drucksache" in text or "Drs." in text),
}


@cache
def gated(name: str) -> Callable[[str], object]:
    """``pattern(name).search`` as a function of a line, asked only where the line holds the words the
    pattern needs."""
    compiled = pattern(name)
    search = compiled.search
    digest, may_match = _NEEDED_WORDS[name]
    if hashlib.sha1(compiled.pattern.encode()).hexdigest()[:16] != digest or compiled.flags & re.I:
        return search
    return lambda text: may_match(text) and search(text)


def _drucksache_masthead(f: Features) -> bool:
    masthead = gated("drucksache_number")
    return any(masthead(text) and not cues().subject_label.match(text) for text in f["head"][:6])


def _lead_lines(f: Features) -> list[str]:
    """Short lines ending in a colon: where a lead-in to questions or answers stands."""
    return [text for text in (line.strip() for line in f["text"].split("\n")) if text.endswith(":") and len(text) < 200]


DOCUMENT_FEATURES = {
    "head": _head,
    "drucksache_masthead": _drucksache_masthead,
    # Searched in lower case: a case-blind pattern over the whole text costs three times as much.
    "legal_remedy": lambda f: bool(pattern("legal_remedy").search(f["text"].lower())),
    "lead_lines": _lead_lines,
    "answer_cue": lambda f: any(map(gated("answer_heading"), f["head"]))
    or any(cues().answer_lead.search(text) for text in f["lead_lines"]),
    "inquiry_cue": lambda f: any(pattern("inquiry_heading").match(text) for text in f["head"])
    or any(cues().inquiry_lead.search(text) for text in f["lead_lines"]),
}


def document_type(text: str, lines: Sequence[Line], *, is_email: bool) -> tuple[DocumentType, str]:
    """The document's type and the id of the rule that decided it."""
    rule = first("document", Features(DOCUMENT_FEATURES, lines, text=text, is_email=is_email))
    return DocumentType(rule.zone), rule.id
