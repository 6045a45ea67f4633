"""The type of document, decided first from its cues (stage ``document`` of ``models/zones.json``).

An e-mail, a parliament's Drucksache, a notice (Bescheid), an answer, an inquiry or a plain letter: the
zone rules may depend on it (an e-mail's signature block is its whole tail). The final ``Letter.kind``
is still read at the end from what was extracted; this is the early, cue-only decision.
"""

from __future__ import annotations

import re
from typing import Sequence

from amtsbrief.cues import cues, pattern
from amtsbrief.fields.needles import guarded
from amtsbrief.text import Line
from amtsbrief.zoning.kinds import DocumentType
from amtsbrief.zoning.table import Features, first

_HEAD_LINES = 15  # the head of a document, where its masthead and title stand


def _head(f: Features) -> list[str]:
    return [line.text for line in f.subject if line.stripped][:_HEAD_LINES]


_DRUCKSACHE_NUMBER = guarded(pattern("drucksache_number"))
_ANSWER_HEADING = guarded(pattern("answer_heading"))


def _drucksache_masthead(f: Features) -> bool:
    return any(_DRUCKSACHE_NUMBER.search(text) and not cues().subject_label.match(text) for text in f["head"][:6])


def _lead_lines(f: Features) -> list[str]:
    """Short lines ending in a colon: where a lead-in to questions or answers stands."""
    # The lines of the text whose stripped text ends in a colon, found in one scan (not a Python loop
    # over every line): a colon, then only blanks to the line's end.
    return [text for text in (match.group().strip() for match in _ENDS_IN_COLON.finditer(f["text"])) if len(text) < 200]


_ENDS_IN_COLON = re.compile(r"^[^\n]*:[^\S\n]*$", re.M)


DOCUMENT_FEATURES = {
    "head": _head,
    "drucksache_masthead": _drucksache_masthead,
    # Searched in lower case: a case-blind pattern over the whole text costs three times as much.
    "legal_remedy": lambda f: bool(pattern("legal_remedy").search(f["text"].lower())),
    "lead_lines": _lead_lines,
    "answer_cue": lambda f: any(map(_ANSWER_HEADING.search, f["head"])) or any(map(cues().answer_lead.search, f["lead_lines"])),
    "inquiry_cue": lambda f: any(map(pattern("inquiry_heading").match, f["head"]))
    or any(map(cues().inquiry_lead.search, f["lead_lines"])),
}


def document_type(text: str, lines: Sequence[Line], *, is_email: bool) -> tuple[DocumentType, str]:
    """The document's type and the id of the rule that decided it."""
    rule = first("document", Features(DOCUMENT_FEATURES, lines, text=text, is_email=is_email))
    return DocumentType(rule.zone), rule.id
