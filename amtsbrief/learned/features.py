"""Features of each line of a letter: what the classifier sees. Pure and deterministic.

A line's features are strings (present or absent, no weights), in five groups:

- **where it stands**: rank among the non-blank lines from the top and from the end, relative position,
  whether a salutation or closing cue stands above it, blank lines around it, its paragraph's size;
- **how it is set**: indentation, a wide gap (a second column), length, words, case, closing punctuation;
- **label words**: the first word, the label before a colon, the cue patterns of ``models/cues.json``
  (subject, field labels and the contract section they fill, copies, footer labels, authorities, units);
- **what the field readers recognise** in it: a date (a whole date line), a phone number, an e-mail
  address, a website, an IBAN, a postal or street line, a signer's role, an ``i. A.`` note, office hours,
  a page number;
- **its neighbours**: the shape and cue features of the non-blank lines above and below, prefixed
  ``p:`` and ``n:``.
"""

from __future__ import annotations

import re
from typing import Sequence

from amtsbrief.cues import cues, pattern as cue_pattern
from amtsbrief.fields import addresses, banking, dates, emails, phones, signatures, web
from amtsbrief.nlp import line_label
from amtsbrief.text import Line

_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*\d{1,3}\s*[-–—]|(?:Seite|Blatt)\s+\d{1,3}(?:\s*(?:von|/)\s*\d{1,3})?|\d{1,3}\s*/\s*\d{1,3})\s*$", re.I)
_DAY_TIME = cue_pattern("day_and_hours")
_WORD = re.compile(r"[^\W\d_]+")
_LABEL = re.compile(r"^\s*([^\W\d_][\w.\- /]{0,30}?)\s*:")
_GAP = re.compile(r"\S {3,}\S")
_QUOTE = re.compile(r"^\s*>")

# Features of a line that its neighbours see too (prefixed), and the ones only it sees.
_SHARED_PREFIXES = ("cue:", "field:", "shape:", "len:", "indent:", "gap", "blank_", "rule:")


def _bucket(value: float, edges: Sequence[float], name: str) -> str:
    for edge in edges:
        if value < edge:
            return f"{name}<{edge}"
    return f"{name}>={edges[-1]}"


def _own(line: Line) -> list[str]:
    """The features of a line by itself (its text and setting; no context)."""
    c = cues()
    text = line.text
    stripped = line.stripped
    features: list[str] = []
    indent = len(text) - len(text.lstrip())
    features.append(_bucket(indent, (1, 4, 16, 40), "indent:"))
    gap = _GAP.search(stripped)
    if gap:
        features.append("gap")
        if gap.end() + indent >= 24:
            features.append("gap:far")
    # Capped: a paragraph set as one long line (unwrapped text) looks like any long line.
    features.append(_bucket(len(stripped), (5, 15, 30, 50, 70), "len:"))
    words = _WORD.findall(stripped)
    features.append(_bucket(len(words), (2, 4, 7, 11), "shape:words"))
    if words:
        lower = sum(1 for word in words if word[:1].islower()) / len(words)
        features.append(_bucket(lower, (0.01, 0.3, 0.6), "shape:lower"))
        if len(words) >= 8 and lower >= 0.35:
            features.append("shape:prose")
        first = words[0]
        if stripped[:1].islower():
            features.append("shape:starts_lower")
        if len(first) <= 20:
            features.append("w0=" + first.lower())
        if len(words) > 1 and len(words[1]) <= 20:
            features.append("w1=" + words[1].lower())
        if stripped.isupper() and len(stripped) > 3:
            features.append("shape:caps")
    digits = sum(1 for character in stripped if character.isdigit())
    features.append(_bucket(digits / max(1, len(stripped)), (0.01, 0.15, 0.4), "shape:digits"))
    if stripped[:1].isdigit():
        features.append("shape:starts_digit")
    if re.match(r"^\s*(?:\d{1,2}[.)]|[a-z]\)|[•·\-–*])\s", stripped):
        features.append("shape:enumerated")
    features.append("shape:end=" + (stripped[-1] if stripped[-1] in ".,:;?!)" else "w"))
    if _QUOTE.match(text):
        features.append("shape:quoted")
    label = _LABEL.match(stripped)
    if label and len(label.group(1).split()) <= 3:
        features.append("label=" + label.group(1).lower())

    # Cue patterns (models/cues.json) and the nlp patterns the rules use for salutation and closing.
    if line_label(stripped, "SALUTATION") and not line_label(stripped, "CLOSING"):
        features.append("cue:salutation")
    if line_label(stripped, "CLOSING", max_chars=60):
        features.append("cue:closing")
    if c.subject_label.match(text):
        features.append("cue:subject")
    if c.regarding_label.match(text):
        features.append("cue:regarding")
    if c.copies_label.match(text):
        features.append("cue:copies")
    if c.footer_label.match(text):
        features.append("cue:footer_label")
    if c.delivery.fullmatch(stripped):
        features.append("cue:delivery")
    if c.authority.search(" " + stripped):
        features.append("cue:authority")
    if c.is_department(stripped):
        features.append("cue:department")
    if len(c.reference_label.findall(text)) >= 2:
        features.append("cue:reference_labels")
    field = c.field_label.match(text)
    if field:
        path = c.path_for_label(field.group("label"))
        features.append("cue:field=" + (path.split(".")[0] if path else "unknown"))
        if path:
            features.append("cue:path=" + path)
    elif c.label_only.match(text):
        features.append("cue:label_only")

    # What the field readers recognise.
    if len(stripped) <= 200:
        found_dates = dates.find(stripped)
        if found_dates:
            features.append("field:date")
            if len(stripped) - (found_dates[-1].end - found_dates[-1].start) <= 25 and found_dates[-1].end >= len(stripped) - 1:
                features.append("field:date_line")
        if phones.find(stripped):
            features.append("field:phone")
        if emails.find(stripped):
            features.append("field:email")
        if web.find(stripped):
            features.append("field:web")
        if banking.find_ibans(stripped) or re.search(r"\b(?:IBAN|BIC|BLZ)\b", stripped):
            features.append("field:bank")
        if addresses.is_postal_line(stripped):
            features.append("field:postal_line")
        elif re.search(r"\b\d{5}\s+[A-ZÄÖÜ]", stripped):
            features.append("field:postcode")
        if addresses.is_street_line(stripped):
            features.append("field:street_line")
        if signatures.is_role_line(stripped):
            features.append("field:role")
        if signatures.is_on_behalf_line(stripped):
            features.append("field:on_behalf")
    if _DAY_TIME.search(stripped):
        features.append("field:office_hours")
    if _PAGE_NUMBER.match(stripped):
        features.append("field:page_number")
    return features


def line_features(lines: Sequence[Line], *, is_email: bool = False,
                  rule_zones: Sequence[str | None] | None = None) -> list[list[str]]:
    """The features of every non-blank line of ``lines`` (in order; blank lines have none).

    ``rule_zones`` (one per line of ``lines``, as :func:`amtsbrief.learned.rules.rule_labels` gives
    them) adds the rule segmenter's zone of each line and its neighbours as features: the model then
    learns where to overrule the rules rather than the zones from scratch.
    """
    content = [line for line in lines if line.stripped]
    own = [_own(line) for line in content]
    if rule_zones is not None:
        zones = [zone for line, zone in zip(lines, rule_zones) if line.stripped]
        for features, zone in zip(own, zones):
            features.append(f"rule:{zone}")
    counts: dict[str, int] = {}
    for line in content:
        key = " ".join(line.text.split())
        counts[key] = counts.get(key, 0) + 1
    # Blank lines around each content line, and its paragraph.
    blank_before, blank_after, paragraph = [], [], []
    previous_blank, run = True, []
    runs: list[list[int]] = []
    for line in lines:
        if not line.stripped:
            previous_blank = True
            if run:
                runs.append(run)
                run = []
            continue
        blank_before.append(previous_blank)
        previous_blank = False
        run.append(len(blank_before) - 1)
    if run:
        runs.append(run)
    paragraph = [0] * len(content)
    paragraph_at = [0] * len(content)
    prose = [False] * len(content)
    for block in runs:
        words = " ".join(content[number].stripped for number in block).split()
        is_prose = len(words) >= 10 and sum(1 for word in words if word[:1].islower()) >= 0.35 * len(words)
        for place, number in enumerate(block):
            paragraph[number] = len(block)
            paragraph_at[number] = place
            prose[number] = is_prose
    for number in range(len(content)):
        blank_after.append(number + 1 >= len(content) or blank_before[number + 1])

    total = len(content)
    seen_salutation = seen_closing = False
    result: list[list[str]] = []
    for number, features in enumerate(own):
        extra = ["bias"]
        if is_email:
            extra.append("email")
        extra.append(_bucket(number, (1, 3, 6, 10, 16, 25, 40), "top"))
        extra.append(_bucket(total - 1 - number, (1, 3, 6, 10, 16, 25), "end"))
        extra.append(f"rel={min(9, int(10 * number / max(1, total)))}")
        if blank_before[number]:
            extra.append("blank_before")
        if blank_after[number]:
            extra.append("blank_after")
        extra.append(_bucket(paragraph[number], (2, 3, 5), "para"))
        extra.append(_bucket(paragraph_at[number], (1, 2, 4), "para_at"))
        if prose[number]:
            extra.append("prose")
        if counts[" ".join(content[number].text.split())] > 1 and len(content[number].stripped) >= 8:
            extra.append("repeated")
        extra.append("after_salutation" if seen_salutation else "before_salutation")
        if seen_closing:
            extra.append("after_closing")
        if "cue:salutation" in features:
            seen_salutation = True
        if "cue:closing" in features and (seen_salutation or number > total // 3):
            seen_closing = True
        result.append(features + extra)
    for number in range(len(content)):
        for offset, prefix in ((-1, "p:"), (1, "n:"), (-2, "pp:"), (2, "nn:")):
            other = number + offset
            if 0 <= other < len(content):
                shared = [feature for feature in own[other] if feature.startswith(_SHARED_PREFIXES)]
                if abs(offset) == 2:
                    shared = [feature for feature in shared if feature.startswith(("cue:", "field:", "rule:"))]
                result[number].extend(prefix + feature for feature in shared)
            else:
                result[number].append(prefix + "none")
    return result
