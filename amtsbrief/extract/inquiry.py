"""What the letter answers or asks: the inquiry's date, number, asker and group, and the letter's kind.

These read values the other extractors found (subject, references, recipient, questions) and the few
lines that name an inquiry (``Ihre Frage vom …``, a Drucksache's ``Anfrage des Abgeordneten …``).
"""

from __future__ import annotations

import re
from itertools import islice

from amtsbrief.extract.draft import Draft, proposes
from amtsbrief.fields import dates, persons
from amtsbrief.segment import Segmentation
from amtsbrief.text import Line, join_lines, once_per_letter, squash
from amtsbrief.cues import pattern as cue_pattern
from amtsbrief.fields.needles import guarded

_ANSWERS_YOUR = guarded(cue_pattern("extract.inquiry.answers_your"))
# The inquiry named with its date: "Ihre Anfrage vom 02.09.2015", "Anfrage Nr. X vom …",
# "Ihre in der Sitzung am 7. Mai 2018 gestellten Fragen".
_INQUIRY_WORD = guarded(cue_pattern("extract.inquiry.inquiry_word"))
_DATED = re.compile(rf"\b(?:vom|am|v\.)\s+(?P<date>{dates.WRITTEN})")
_INQUIRY_REFERENCE = guarded(cue_pattern("extract.inquiry.inquiry_reference"))
# The request's number on a platform, bracketed after its mention: "Ihre Anfrage vom 20.12.2022 [#265969]".
_BRACKETED_NUMBER = guarded(cue_pattern("extract.inquiry.bracketed_number"))
_NUMBER_AFTER_DATE = cue_pattern("extract.inquiry.number_after_date")
_ASKER_IN_REFERENCE = cue_pattern("extract.inquiry.asker_in_reference")
_ANSWERING_BODY = cue_pattern("extract.inquiry.answering_body")
_ISSUED = cue_pattern("extract.inquiry.issued")
_NOTICE = guarded(cue_pattern("extract.inquiry.notice"))
# A reply to a request for information: the addressee is addressed as the requester (also through a
# redaction placeholder such as "<< Antragsteller:in >>"), or the letter decides on access under a
# freedom-of-information law. Such a reply is an answer, whether it grants, refuses or asks for fees.
_ADDRESSED_AS_REQUESTER = guarded(cue_pattern("extract.inquiry.addressed_as_requester"))
_INFORMATION_ACCESS = guarded(cue_pattern("extract.inquiry.information_access"))
_INQUIRY_ASKS = cue_pattern("extract.inquiry.inquiry_asks")


_OWN_DRUCKSACHE = cue_pattern("extract.inquiry.own_drucksache")
_LATER_DRUCKSACHE = cue_pattern("extract.inquiry.later_drucksache")
_KLEINE_ANFRAGE = cue_pattern("extract.inquiry.kleine_anfrage")
_ASKER = cue_pattern("extract.inquiry.asker")
_PARLIAMENT = cue_pattern("extract.inquiry.parliament")
# "der Abgeordneten A, B, Dr. C und der Fraktion DIE LINKE.": the members ask, the Fraktion is their group.
_ASKERS_AND_FRAKTION = cue_pattern("extract.inquiry.askers_and_fraktion")
_DRUCKSACHE_LINE = cue_pattern("extract.inquiry.drucksache_line")
_COUNCIL_GROUP = cue_pattern("extract.inquiry.council_group")
_ANFRAGE_DES = guarded(cue_pattern("extract.inquiry.anfrage_des"))
_NUMBERED_ANFRAGE = guarded(cue_pattern("extract.inquiry.numbered_anfrage"))


def _nominative(name: str) -> str:
    """``Thüringer Ministeriums für …`` → ``Thüringer Ministerium für …``; ``Sächsischen Staatsministeriums`` →
    ``Sächsisches Staatsministerium``; ``Senats`` → ``Senat`` (the body as its own name, not in the genitive)."""
    name = cue_pattern("extract.inquiry.genitive_senat").sub(r"\1", name)
    name = cue_pattern("extract.inquiry.genitive_ministerium").sub(r"\1", name, count=1)
    return cue_pattern("extract.inquiry.genitive_adjective").sub(r"\1es", name)


def _joined(text: str) -> str:
    """A value that runs over lines, joined as the contract joins lines (``Domscheit-`` / ``Berg``)."""
    return join_lines(text.splitlines())


def _match_span(base: int, match: re.Match, group: str) -> tuple[int, int]:
    return base + match.start(group), base + match.end(group)


def _masthead(seg: Segmentation) -> str:
    """The text above the body, running headers included (a Drucksache repeats its number there)."""
    end = seg.header_lines[-1].end if seg.header_lines else 0
    return seg.text[:end]


def is_drucksache(seg: Segmentation) -> bool:
    """Whether the document is a parliament's Drucksache: its number heads the first lines.

    A letter that cites a Drucksache in its subject is no Drucksache.
    """
    # The first six filled lines, read lazily (not every line listed first): a few microseconds.
    return any(map(_OWN_DRUCKSACHE.search, islice((line.text for line in seg.lines if line.stripped), 6)))


@proposes("drucksache")
def extract_drucksache(seg: Segmentation, draft: Draft) -> None:
    """A Landtag Drucksache: its own number, the inquiry's number, asker and group, the answering body."""
    if not is_drucksache(seg):
        return
    base = 0
    raw = _masthead(seg)
    own = _OWN_DRUCKSACHE.search(raw)
    if own is None:  # the number stands in a line that is not the masthead (a salutation, say)
        return
    draft.set("references.our_reference", own.group("own"), _match_span(base, own, "own"))
    if own.group("inquiry"):
        draft.set("inquiry.reference", own.group("inquiry"), _match_span(base, own, "inquiry"))
    later = next((m for m in _LATER_DRUCKSACHE.finditer(raw, own.end()) if m.group("ref") != own.group("own")), None)
    reference = later or _KLEINE_ANFRAGE.search(raw)
    if reference:
        draft.set("inquiry.reference", squash(reference.group("ref")), _match_span(base, reference, "ref"))
    askers = _ASKERS_AND_FRAKTION.search(raw)
    if askers:
        draft.set("inquiry.asked_by", _joined(askers.group("who")), _match_span(base, askers, "who"))
        draft.set("inquiry.group", _joined(askers.group("group")), _match_span(base, askers, "group"))
    asker = _ASKER.search(raw)
    if asker:
        draft.set("inquiry.asked_by", _joined(asker.group("who")), _match_span(base, asker, "who"))
        group = "group" if asker.group("group") else "party" if asker.group("party") else None
        if group:
            draft.set("inquiry.group", _joined(asker.group(group)), _match_span(base, asker, group))
        dated = re.match(rf"\s*vom\s+(?P<date>{dates.WRITTEN})", raw[asker.end():])
        if dated:
            found = dates.find(dated.group("date"))
            if found:
                start = asker.end() + dated.start("date")
                draft.set("inquiry.date", found[0].value.isoformat(), (start, start + len(dated.group("date"))))
    if not draft.has("inquiry.reference") and cue_pattern("extract.inquiry.anfrage_und_antwort").search(raw):
        # Question and answer printed together ("… Anfrage … und Antwort des Senats"): one Drucksache.
        draft.set("inquiry.reference", own.group("own"), _match_span(base, own, "own"))
    for line in seg.lines:
        if line.index in seg.furniture:
            match = _ISSUED.match(line.text)
            if match and draft.has("inquiry.reference"):
                found = dates.find(match.group("date"))
                if found:
                    start = line.start + match.start("date")
                    draft.set("inquiry.date", found[0].value.isoformat(), (start + found[0].start, start + found[0].end))
                break
    body_start = seg.body[0].start if seg.body else len(seg.text)
    answering = _ANSWERING_BODY.search(seg.text, base, min(len(seg.text), body_start + 4000))
    if answering:
        draft.set("sender.authority", _nominative(squash(answering.group("body"))), (answering.start("body"), answering.end("body")))
    elif _PARLIAMENT.match(raw):
        # The parliament heading the masthead publishes the Drucksache; the askers are no authority.
        draft.rule_out("sender.authority")


_JOINING_WORDS = {"und", "sowie", "mit"}


@proposes("drucksache_title")
def extract_drucksache_subject(seg: Segmentation, draft: Draft) -> None:
    """A Drucksache without ``betr.:``: its title is the last header block that is not its masthead."""
    labelled = any(item.kind == "subject" and item.value is not None for item in seg.header)
    if labelled or draft.has("subject.title") or not is_drucksache(seg):
        return
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in seg.header_lines:
        if line.stripped:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    for block in reversed(blocks[1:]):
        if " ".join(line.stripped for line in block).lower() in _JOINING_WORDS:
            continue  # "Titel" / "und" / "Antwort": the word that joins the inquiry to its answer
        if not any(_DRUCKSACHE_LINE.search(line.text) for line in block) and len(block) <= 3:
            draft.set("subject.title", " ".join(line.stripped for line in block),
                      (block[0].content_start, block[-1].content_end))
            return


@proposes("inquiry")
def extract_inquiry(seg: Segmentation, draft: Draft) -> None:
    """The inquiry this letter answers: its date and number, who asked, and their group."""
    raw = _masthead(seg)
    named = _ANFRAGE_DES.search(raw)
    asker = _ASKER.search(raw, named.start()) if named else None
    if asker:
        draft.set("inquiry.asked_by", squash(asker.group("who")), _match_span(0, asker, "who"))
        group = "group" if asker.group("group") else "party" if asker.group("party") else None
        if group:
            draft.set("inquiry.group", squash(asker.group(group)), _match_span(0, asker, group))
    numbered = _NUMBERED_ANFRAGE.search(raw)
    if numbered:
        draft.set("inquiry.reference", numbered.group("ref"), _match_span(0, numbered, "ref"))
    texts = _reference_texts(seg, draft)
    for text, span_start in texts:
        found = _inquiry_date(text)
        if found:
            start = span_start + found.start("date") if span_start is not None else None
            value = dates.find(found.group("date"))
            if value:
                draft.set("inquiry.date", value[0].value.isoformat(),
                          (start, start + len(found.group("date"))) if start is not None else None)
                break
    if not draft.has("inquiry.date") and answers_an_inquiry_of_the_recipient(seg, draft):
        your_message = draft.get("references.your_message")
        if your_message and cue_pattern("iso_date").fullmatch(your_message):
            draft.set("inquiry.date", your_message, draft.spans.get("references.your_message"))
    for text, span_start in texts[:2]:
        for pattern, targets in ((_INQUIRY_REFERENCE, (("ref", "inquiry.reference"),)),
                                 (_BRACKETED_NUMBER, (("ref", "inquiry.reference"),)),
                                 (_NUMBER_AFTER_DATE, (("ref", "inquiry.reference"),)),
                                 (_ASKER_IN_REFERENCE, (("who", "inquiry.asked_by"), ("group", "inquiry.group")))):
            match = pattern.search(text)  # once for all the groups it fills
            if match:
                for group, path in targets:
                    start = span_start + match.start(group) if span_start is not None else None
                    draft.set(path, squash(match.group(group)),
                              (start, start + len(match.group(group))) if start is not None else None)
    if answers_an_inquiry_of_the_recipient(seg, draft) and not draft.has("inquiry.asked_by"):
        name = draft.get("recipient.name")
        organization = draft.get("recipient.organization") or ""
        if name:
            draft.set("inquiry.asked_by", name, draft.spans.get("recipient.name"))
            if _COUNCIL_GROUP.search(organization) and not draft.has("inquiry.group"):
                # A member addressed at their Fraktion ("Fraktion DIE LINKE im Stadtrat Chemnitz"): the
                # Fraktion, as the address block writes it, is the asker's group.
                draft.set("inquiry.group", organization, draft.spans.get("recipient.organization"))
        elif cue_pattern("extract.inquiry.asking_body").search(organization):
            # A body asked (a Fraktion addressed as such): the body is the asker.
            draft.set("inquiry.asked_by", organization, draft.spans.get("recipient.organization"))
        elif seg.salutation:
            line = seg.salutation[0]
            reading = persons.from_salutation(line.stripped)
            if reading.name:
                at = line.text.rfind(reading.name)
                draft.set("inquiry.asked_by", reading.name,
                          (line.start + at, line.start + at + len(reading.name)) if at >= 0 else None)


# A full stop after a word ends a sentence, except after the abbreviations letters use in references.
_SENTENCE_BREAK = cue_pattern("extract.inquiry.sentence_break")


# "Wie in der Beantwortung Ihrer Anfrage vom 27. April mitgeteilt": an inquiry answered before, not this one's.
_EARLIER_REPLY = cue_pattern("extract.inquiry.earlier_reply")


_RECEIVED = cue_pattern("extract.inquiry.received")


def _inquiry_date(text: str) -> re.Match | None:
    """The date of the inquiry named in ``text``: the first dated mention in a sentence that names it."""
    for sentence in _SENTENCE_BREAK.split(text):
        if _INQUIRY_WORD.search(sentence) and not _EARLIER_REPLY.search(sentence):
            match = _DATED.search(sentence)
            if match and match.group(0).startswith("am") and _RECEIVED.search(sentence, match.end()):
                continue  # "… ist am 2. Februar bei uns eingegangen": the day it arrived, not its date
            if match:
                offset = text.find(sentence)
                return _DATED.search(text, offset) if offset >= 0 else match
    return None


_referenced: tuple[tuple, list[tuple[str, int | None]]] = ((), [])  # the last letter's texts, by what they are made of


def _reference_texts(seg: Segmentation, draft: Draft) -> list[tuple[str, int | None]]:
    """Where a letter names the inquiry it answers: regarding line, subject, ``Ihre Nachricht``, first paragraph."""
    # Asked several times per letter (the inquiry's reader, the kind's): made again only when the letter
    # or its subject changed.
    global _referenced
    key = (seg, draft.get("subject.regarding"), draft.spans.get("subject.regarding"),
           draft.get("subject.title"), draft.spans.get("subject.title"))
    made, texts = _referenced
    if len(made) == len(key) and made[0] is seg and made[1:] == key[1:]:
        return list(texts)
    texts = _made_reference_texts(seg, draft)
    _referenced = (key, texts)
    return list(texts)


def _made_reference_texts(seg: Segmentation, draft: Draft) -> list[tuple[str, int | None]]:
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
        if _names_your_inquiry(text):
            return True
    return bool(draft.get("answers.0.text")) and bool(draft.get("recipient.name"))


@once_per_letter  # the same few texts, asked about three times per letter
def _names_your_inquiry(text: str) -> bool:
    return bool(_ANSWERS_YOUR.search(text))


def _replies_to_a_request(seg: Segmentation, body: str) -> bool:
    """Whether the letter replies to a request: it addresses a requester, or decides on access to information."""
    addressed = " ".join(line.text for line in seg.salutation) + " " + " ".join(
        line.text for item in seg.header if item.kind == "recipient" for line in item.lines)
    return bool(_ADDRESSED_AS_REQUESTER.search(addressed) or _INFORMATION_ACCESS.search(body))


@proposes("kind")
def classify_kind(seg: Segmentation, draft: Draft, *, is_reply: bool) -> None:
    """``notice`` (with legal remedy), ``answer``, ``inquiry`` or ``letter``."""
    body = draft.get("body") or ""
    has_answers = any(path.startswith("answers.") for path in draft.values)
    has_questions = any(path.startswith("questions.") for path in draft.values)
    subject = " ".join(filter(None, (draft.get("subject.title"), draft.get("subject.regarding"))))
    if _NOTICE.search(body) or cue_pattern("extract.inquiry.bescheid_word").search(subject) and cue_pattern("extract.inquiry.legal_remedy_word").search(body):
        kind = "notice"
    elif has_answers or answers_an_inquiry_of_the_recipient(seg, draft) or (draft.has("inquiry.asked_by") and not has_questions) \
            or _replies_to_a_request(seg, body) \
            or cue_pattern("extract.inquiry.antwort_word").search(" ".join(l.text for l in seg.header_lines[:12])):
        kind = "answer"
    elif has_questions and (cue_pattern("extract.inquiry.anfrage_word").search(subject + " " + body[:300]) or _INQUIRY_ASKS.search(body)
                            or not has_answers):
        kind = "inquiry"
    elif is_reply:
        kind = "answer"
    else:
        kind = "letter"
    draft.set("kind", kind, None, replace=True)
    if kind == "notice":
        # A Bescheid always states who issued it, when, and under which number: where one is missing,
        # its header was cut off or covered (a stamp, a punched hole) and the reader should look.
        missing = [path for path in ("sender.authority", "references.date", "references.our_reference") if not draft.has(path)]
        for path in missing:
            draft.warn("header-incomplete", f"the notice states no {path}: its header may be cut off or covered", path)
    if kind == "answer" and has_questions and not has_answers:
        draft.warn("answers-not-found", "the letter answers questions it states, but no answer could be assigned to them", "answers")
    if kind == "inquiry" and is_drucksache(seg) and draft.has("references.our_reference"):
        # A Drucksache that is itself the inquiry: its own number is the inquiry's.
        draft.set("inquiry.reference", draft.get("references.our_reference"), draft.spans.get("references.our_reference"))
    if kind == "inquiry":
        date = draft.get("references.date")
        if date:
            draft.set("inquiry.date", date, draft.spans.get("references.date"))
        # Who asks: a member who writes "ich" on the Fraktion's paper (the Fraktion is then the
        # group), or the Fraktion itself ("wir"), or else the signer.
        authority = draft.get("sender.authority") or ""
        signer = draft.get("signature.name")
        fraktion = _COUNCIL_GROUP.search(authority)
        first_person = len(cue_pattern("extract.inquiry.first_person_singular").findall(body))
        plural = len(cue_pattern("extract.inquiry.first_person_plural").findall(body))
        if fraktion and not (signer and first_person > plural):
            draft.set("inquiry.asked_by", authority, draft.spans.get("sender.authority"))
        elif signer:
            # The asker as a person's name, without an academic title (corpus/GUIDELINES.md).
            name = cue_pattern("academic_titles").sub("", signer)
            span = draft.spans.get("signature.name")
            draft.set("inquiry.asked_by", name, (span[1] - len(name), span[1]) if span else None)
            if fraktion:
                draft.set("inquiry.group", authority, draft.spans.get("sender.authority"))
