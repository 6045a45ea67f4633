"""What the letter answers or asks: the inquiry's date, number, asker and group, and the letter's kind.

These read values the other extractors found (subject, references, recipient, questions) and the few
lines that name an inquiry (``Ihre Frage vom …``, a Drucksache's ``Anfrage des Abgeordneten …``).
"""

from __future__ import annotations

import re

from amtsbrief.extract.draft import Draft
from amtsbrief.fields import dates, persons
from amtsbrief.segment import Segmentation
from amtsbrief.text import Line, squash

_ANSWERS_YOUR = re.compile(
    r"\b(?:Ihre[rn]?|Deine[rn]?)\s+(?:(?:o\.\s?g\.|oben genannten?|schriftlichen?|kleinen?|untenstehenden?|nachstehenden?|ergänzten?|erneuten?|"
    r"mündlichen?|telefonischen?)\s+)*(?:Frage|Fragen|Anfrage|Anfragen|Kleine Anfrage|Schreiben|Nachricht|E-?Mail|Mail|Antrag|Antrags|Eingabe|"
    r"Beschwerde|Petition|Bitte|Anliegen|Widerspruch|Anruf|Informationsanfrage|IFG-Anfrage)\b", re.I)
_INQUIRY_WITH_DATE = re.compile(
    r"(?:Frage|Fragen|Anfrage|Nachricht|E-?Mail|Mail|Schreiben|Antrag|Eingabe)(?:[,\s]+(?:E-?Mail|Schreiben|Brief))?\s+(?:vom|am|v\.)\s+"
    r"(?P<date>\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{1,2}\.\s*[A-ZÄÖÜ][a-zä]+\.?\s+\d{4})", re.I)
_INQUIRY_REFERENCE = re.compile(
    r"(?:(?:Kleine|Große|Schriftliche|Mündliche)\s+)?(?:Anfrage|Vorlage|Drucksache|Drs\.|Interpellation)\s*(?:Nr\.|Nummer|-Nr\.)?\s*(?P<ref>[A-Z]{0,4}\s?[-/]?\s?\d+[\d/\-.]*\d|\d+)")
_DRUCKSACHE = re.compile(r"\bDrucksache\s+(?P<own>\d+/\d+)(?:\s*\((?P<inquiry>\d+/\d+)\))?")
_ASKED = re.compile(
    r"\b(?:Kleine\s+|Große\s+|Schriftliche\s+)?Anfrage\s+(?:des|der)\s+(?:Abgeordneten|Abg\.|Stadträtin|Stadtrats|Stadtrates|Kreisrätin|Kreisrats|Kreisrates|"
    r"Gemeinderätin|Gemeinderats|Bezirksverordneten|Fraktion|Gruppe)\s+(?P<who>[^()\n]+?)\s*(?:\((?P<group>[^)]+)\))?\s*$")
_ANSWERING_BODY = re.compile(r"\b(?:Vorbemerkung|Antwort|Stellungnahme)\s+(?:der|des)\s+(?P<body>Landesregierung|Staatsregierung|Bundesregierung|Senats?|Landesregierung|Stadtverwaltung|Verwaltung|Staatskanzlei|Ministeriums?[^:\n]{0,60}?)(?=[\s:.,]|$)")
_ISSUED = re.compile(r"^\s*Ausgegeben\s*:\s*\S+\s*\((?P<date>[^)]+)\)")
_NOTICE = re.compile(r"\b(?:Rechtsbehelfsbelehrung|Rechtsmittelbelehrung|Rechtsbehelfsbelehrungen)\b|Gegen diesen Bescheid kann|kann innerhalb eines Monats nach (?:Bekanntgabe|Zustellung)", re.I)
_INQUIRY_ASKS = re.compile(r"\b(?:bitte[nt]?\s+(?:wir|ich)?\s*(?:um\s+(?:die\s+)?(?:Beantwortung|Auskunft|Stellungnahme)|(?:Sie\s+)?(?:folgende|nachstehende)\s+Fragen)|(?:frage|fragen)\s+(?:wir|ich)\s+(?:die|den|Sie)|folgende(?:n)? Fragen|Anfrage\s+(?:gemäß|nach)\s+§)", re.I)


def _line_span(line: Line, match: re.Match, group: str) -> tuple[int, int]:
    return line.start + match.start(group), line.start + match.end(group)


def extract_drucksache(seg: Segmentation, draft: Draft) -> None:
    """A Landtag Drucksache: its own number, the inquiry's number, asker and group, the answering body."""
    head_lines = list(seg.header_lines)
    for line in head_lines:
        match = _DRUCKSACHE.search(line.text)
        if match:
            draft.set("references.our_reference", match.group("own"), _line_span(line, match, "own"))
            if match.group("inquiry"):
                draft.set("inquiry.reference", match.group("inquiry"), _line_span(line, match, "inquiry"))
            break
    for line in head_lines:
        match = _ASKED.search(line.text)
        if match:
            who = squash(match.group("who"))
            draft.set("inquiry.asked_by", who, _line_span(line, match, "who"))
            if match.group("group"):
                draft.set("inquiry.group", squash(match.group("group")), _line_span(line, match, "group"))
            break
    for line in seg.lines:
        if line.index in seg.furniture:
            match = _ISSUED.match(line.text)
            if match and draft.has("inquiry.reference"):
                found = dates.find(match.group("date"))
                if found:
                    start = line.start + match.start("date")
                    draft.set("inquiry.date", found[0].value.isoformat(), (start + found[0].start, start + found[0].end))
                break
    if draft.has("inquiry.asked_by") or draft.has("inquiry.reference"):
        for line in list(seg.body) + head_lines:
            match = _ANSWERING_BODY.search(line.text)
            if match:
                name = match.group("body")
                name = re.sub(r"^(Senat)s$", r"\1", name)
                name = re.sub(r"^Ministeriums\b", "Ministerium", name)
                draft.set("sender.authority", squash(name), _line_span(line, match, "body"))
                break


def extract_inquiry(seg: Segmentation, draft: Draft) -> None:
    """The inquiry this letter answers: its date and number, who asked, and their group."""
    texts = _reference_texts(seg, draft)
    for text, span_start in texts:
        match = _INQUIRY_WITH_DATE.search(text)
        if match:
            found = dates.find(match.group("date"))
            if found:
                start = span_start + match.start("date") if span_start is not None else None
                draft.set("inquiry.date", found[0].value.isoformat(),
                          (start, start + len(match.group("date"))) if start is not None else None)
                break
    for text, span_start in texts[:2]:
        match = _INQUIRY_REFERENCE.search(text)
        if match:
            start = span_start + match.start("ref") if span_start is not None else None
            draft.set("inquiry.reference", squash(match.group("ref")),
                      (start, start + len(match.group("ref"))) if start is not None else None)
            break
    if answers_an_inquiry_of_the_recipient(seg, draft) and not draft.has("inquiry.asked_by"):
        name = draft.get("recipient.name")
        if name:
            draft.set("inquiry.asked_by", name, draft.spans.get("recipient.name"))
        elif seg.salutation is not None:
            reading = persons.from_salutation(seg.salutation.stripped)
            if reading.name:
                at = seg.salutation.text.rfind(reading.name)
                draft.set("inquiry.asked_by", reading.name,
                          (seg.salutation.start + at, seg.salutation.start + at + len(reading.name)) if at >= 0 else None)


def _reference_texts(seg: Segmentation, draft: Draft) -> list[tuple[str, int | None]]:
    """Where a letter names the inquiry it answers: regarding line, subject, ``Ihre Nachricht``, first paragraph."""
    texts: list[tuple[str, int | None]] = []
    for path in ("subject.regarding", "subject.title"):
        value = draft.get(path)
        if value:
            span = draft.spans.get(path)
            raw = seg.text[span[0]:span[1]] if span else None
            texts.append((raw if raw and squash(raw) == value else value, span[0] if raw and squash(raw) == value else None))
    body = list(seg.body)
    if body:
        first_para: list[Line] = []
        for line in body:
            if line.is_blank and first_para:
                break
            if not line.is_blank:
                first_para.append(line)
        if first_para:
            raw = seg.text[first_para[0].start:first_para[-1].end]
            texts.append((raw, first_para[0].start))
    return texts


def answers_an_inquiry_of_the_recipient(seg: Segmentation, draft: Draft) -> bool:
    """Whether the letter answers "Ihre Frage/Anfrage/…" of its addressee."""
    for text, _ in _reference_texts(seg, draft):
        if _ANSWERS_YOUR.search(text):
            return True
    return bool(draft.get("answers.0.text")) and bool(draft.get("recipient.name"))


def classify_kind(seg: Segmentation, draft: Draft, *, is_reply: bool) -> None:
    """``notice`` (with legal remedy), ``answer``, ``inquiry`` or ``letter``."""
    body = draft.get("body") or ""
    has_answers = any(path.startswith("answers.") for path in draft.values)
    has_questions = any(path.startswith("questions.") for path in draft.values)
    subject = " ".join(filter(None, (draft.get("subject.title"), draft.get("subject.regarding"))))
    if _NOTICE.search(body) or re.search(r"\bBescheid\b", subject) and re.search(r"Widerspruch|Klage", body):
        kind = "notice"
    elif has_answers or answers_an_inquiry_of_the_recipient(seg, draft) or (draft.has("inquiry.asked_by") and not has_questions) \
            or re.search(r"\bA\s?N\s?T\s?W\s?O\s?R\s?T\b|\bAntwort\b", " ".join(l.text for l in seg.header_lines[:12])):
        kind = "answer"
    elif has_questions and (re.search(r"Anfrage", subject + " " + body[:300], re.I) or _INQUIRY_ASKS.search(body)
                            or not has_answers):
        kind = "inquiry"
    elif is_reply:
        kind = "answer"
    else:
        kind = "letter"
    draft.set("kind", kind, None, replace=True)
    if kind == "inquiry":
        date = draft.get("references.date")
        if date:
            draft.set("inquiry.date", date, draft.spans.get("references.date"))
