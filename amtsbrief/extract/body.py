"""The body's extractors: salutation, body text, and the questions and answers in it.

Questions and answers come in a few forms (CONTRACT.md annotation rules):

- numbered questions (``1.``, ``2a)``, ``Frage 1:``) answered under headings (``Zu 1.:``, ``Antwort:``,
  ``Zu Frage 2:``, ``Zu den Fragen 1 und 3:``, ``Zu Ihrer ersten Frage:``), in a block or interleaved;
- unnumbered question blocks that a Landtag answer's headings number (the ``K`` blocks before
  ``Zu den Fragen …`` are its ``K`` questions, in order);
- numbered questions and no answers (an inquiry);
- one quoted unnumbered inquiry after a lead-in (``Ihre Frage beantworte ich wie folgt:``), then the answer.

Labels (``Zu 1.:``, ``Frage 1:``) stay in ``body`` and are left out of the question and answer texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Sequence

from amtsbrief.cues import cues, pattern as cue_pattern
from amtsbrief.extract.draft import Draft, proposes
from amtsbrief.fields import ocr_words
from amtsbrief.nlp import sentences
from amtsbrief.segment import Segmentation
from amtsbrief.text import Line, join_lines, join_paragraph_texts, join_paragraphs

_ORDINALS = {"ersten": "1", "zweiten": "2", "dritten": "3", "vierten": "4", "fünften": "5", "sechsten": "6",
             "siebten": "7", "achten": "8", "neunten": "9", "zehnten": "10", "elften": "11", "zwölften": "12"}
_NUMBER = r"\d{1,2}(?:\s?[a-z](?![a-zäöüß]))?(?:\.\d{1,2})?"
_NUMBER_TOKEN = re.compile(rf"{_NUMBER}|bis|-|–")
_NUMBER_LIST = rf"{_NUMBER}\.?(?:\s*(?:,|und|sowie|bis|-|–|&)\s*{_NUMBER}\.?)*"
_QUESTION_START = re.compile(
    rf"^\s*(?P<quote>[„»\"])?(?:(?:Frage|Fragestellung)\s*(?:Nr\.\s*)?(?P<labelled>{_NUMBER})?\s*[:.)]\s*|\(?(?P<numbered>\d{{1,2}}\.\d{{1,2}}(?=[.)]?\s)|\d{{1,2}}[a-z]?(?=\s?[.)](?!\d)))\s?[.)]?\s*(?:(?P<sub>[a-z])\)\s+)?|(?P<lettered>[a-z])\)\s+)(?P<rest>.*)$")
_ANSWER_HEADING = re.compile(
    rf"^\s*(?:(?:Zu|Zur|Antwort\s+zu[mr]?|Antwort\s+auf)\s+(?:den\s+|der\s+|die\s+)?(?:Fragen?\s+|Frage\s+Nr\.\s*|Ziffern?\s+|Punkt(?:en)?\s+|Nr\.\s*)?(?P<numbers>{_NUMBER_LIST})\s*[.):]*"
    rf"|Antwort(?:\s+(?:zu(?:r)?\s+)?(?:Frage\s+)?(?P<single>{_NUMBER}))?\s*[.:)]+"
    rf"|(?:Zu|Zur)\s+(?:Ihrer\s+)?(?P<ordinal>{'|'.join(_ORDINALS)})\s+Frage\s*[:.]?"
    rf"|(?:Zu|Zur)\s+(?:Frage\s+)?(?P<letter>[a-z])\)\s*:?"
    rf"|Antwort\s+(?:auf|zu)\s+(?:Ihre\s+)?(?P<ordinal2>{'|'.join(_ORDINALS)})\s+Frage\s*[:.]?)"
    rf"\s*(?P<rest>.*)$", re.I)
_SECTION_HEADING = cue_pattern("extract.body.section_heading")
_ENDS_QUESTION = cue_pattern("extract.body.ends_question")
_COURTESY = cue_pattern("extract.body.courtesy")
_SIGNING_DATE = cue_pattern("segment.date_line")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the body: its lines and its text (joined as the contract joins text)."""

    lines: tuple[Line, ...]

    @cached_property  # asked for again and again by the question and answer readers
    def text(self) -> str:
        return join_lines(line.text for line in self.lines)

    @property
    def first(self) -> str:
        return self.lines[0].text

    @property
    def span(self) -> tuple[int, int]:
        return self.lines[0].content_start, self.lines[-1].content_end


def body_paragraphs(lines: Sequence[Line]) -> list[Paragraph]:
    """Blank-line paragraphs, also split where a line opens a numbered question or an answer heading."""
    result: list[Paragraph] = []
    current: list[Line] = []
    for line in lines:
        if line.is_blank:
            if current:
                result.append(Paragraph(tuple(current)))
                current = []
            continue
        if current and (_QUESTION_START.match(line.text) and _looks_numbered(line.text)
                        and (cue_pattern("extract.body.sub_question_start").match(line.text) or not _continues_sentence(current[-1]))
                        or _ANSWER_HEADING.match(line.text) or _SECTION_HEADING.match(line.text)):
            result.append(Paragraph(tuple(current)))
            current = []
        current.append(line)
    if current:
        result.append(Paragraph(tuple(current)))
    return [part for paragraph in result for part in _question_then_answer(paragraph)]


def _question_then_answer(paragraph: Paragraph) -> list[Paragraph]:
    """A numbered question with its answer set directly below it, no blank line between (``1. Wie …?`` /
    ``Nach der Statistik …``): two paragraphs, split after the line that ends the question. Only where
    the rest does not end in a question mark itself (a question of two sentences stays whole)."""
    lines = paragraph.lines
    if len(lines) < 2 or not (_QUESTION_START.match(lines[0].text) and _looks_numbered(lines[0].text)):
        return [paragraph]
    for at in range(1, len(lines)):
        if lines[at - 1].text.rstrip().endswith("?") and lines[at].stripped[:1].isupper() \
                and not lines[-1].text.rstrip().endswith("?") and not _QUESTION_START.match(lines[at].text):
            return [Paragraph(lines[:at]), Paragraph(lines[at:])]
    return [paragraph]


def _continues_sentence(previous: Line) -> bool:
    """``… wie in Abschnitt`` / ``2. genannt``: a number opening a line may continue the sentence above."""
    return bool(cue_pattern("extract.body.sentence_continues").search(previous.text.rstrip()))


def _looks_numbered(text: str) -> bool:
    """A list item that can be a question: ``1. Wie …``, ``Frage 2:``, ``2. a) …``, ``b) …``."""
    match = _QUESTION_START.match(text)
    if not match or not match.group("rest"):
        return bool(match and match.group("labelled"))
    return match.group("rest")[:1].isupper() or bool(match.group("labelled") or match.group("sub") or match.group("lettered"))


@proposes("salutation")
def extract_salutation(seg: Segmentation, draft: Draft) -> None:
    if seg.salutation:
        text = " ".join(" ".join(line.stripped for line in seg.salutation).split())
        draft.set("salutation", text, (seg.salutation[0].content_start, seg.salutation[-1].content_end))


@proposes("body")
def extract_body(seg: Segmentation, draft: Draft) -> list[Paragraph]:
    """The body text; returns its paragraphs for the question/answer extractor."""
    paras = body_paragraphs(seg.body)
    if paras:
        draft.set("body", ocr_words.repair(join_paragraph_texts(p.text for p in paras), seg.text),
                  (paras[0].span[0], paras[-1].span[1]))
    return paras


# --- questions and answers ---------------------------------------------------------------------------


def _numbers(heading: re.Match) -> list[str]:
    if heading.group("letter"):
        return [heading.group("letter")]  # "Zu a)": the parent's digits are added where the questions give them
    ordinal = heading.group("ordinal") or heading.group("ordinal2")
    if ordinal:
        return [_ORDINALS[ordinal.lower()]]
    if heading.group("single"):
        return [_clean_number(heading.group("single"))]
    listed = heading.group("numbers")
    if not listed:
        return []
    numbers: list[str] = []
    tokens = _NUMBER_TOKEN.findall(listed)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token in ("bis", "-", "–") and numbers and index + 1 < len(tokens) and tokens[index + 1][0].isdigit():
            low, high = numbers[-1], _clean_number(tokens[index + 1])
            if low.isdigit() and high.isdigit() and int(low) < int(high) <= int(low) + 30:
                numbers.extend(str(n) for n in range(int(low) + 1, int(high) + 1))
                index += 2
                continue
        if token[0].isdigit():
            numbers.append(_clean_number(token))
        index += 1
    return numbers


def _clean_number(text: str) -> str:
    return cue_pattern("extract.body.number_punctuation").sub("", text)


def _question_number(match: re.Match, parent: str | None = None) -> str | None:
    """``2.`` → ``2``, ``2. a)`` → ``2a``, ``b)`` under ``2a`` → ``2b`` (the parent's digits)."""
    if match.group("labelled"):
        return _clean_number(match.group("labelled"))
    if match.group("numbered"):
        return _clean_number(match.group("numbered")) + (match.group("sub") or "")
    if match.group("lettered"):
        digits = cue_pattern("extract.body.leading_digits").match(parent or "").group()
        return digits + match.group("lettered")
    return None


def _numbers_in_order(items) -> list[str | None]:
    """The numbers of list items in order, lettered items taking their parent's digits."""
    numbers: list[str | None] = []
    parent = None
    for _, match in items:
        number = _question_number(match, parent)
        numbers.append(number)
        if number and number[:1].isdigit():
            parent = number
    return numbers


def _rest_span(paragraph: Paragraph, rest: str) -> tuple[int, int]:
    first = paragraph.lines[0]
    at = first.text.find(rest) if rest else -1
    start = first.start + at if at >= 0 else (paragraph.lines[1].content_start if len(paragraph.lines) > 1 else first.content_start)
    return start, paragraph.lines[-1].content_end


@proposes("questions")
def extract_questions_and_answers(paras: Sequence[Paragraph], draft: Draft, *, is_inquiry_hint: bool = False) -> None:
    """Questions and answers in the body (see the module docstring for the forms)."""
    headings = [(n, m) for n, p in enumerate(paras) if (m := _ANSWER_HEADING.match(p.first)) and _is_heading(m)]
    if headings:
        _with_headings(paras, headings, draft)
        return
    if _numbered_inquiry(paras, draft, is_inquiry_hint=is_inquiry_hint):
        return
    if not _lead_in_inquiry(paras, draft):
        _inquiry_after_lead(paras, draft)


def _is_heading(match: re.Match) -> bool:
    rest = match.group("rest")
    whole = match.group(0)
    if match.group("numbers") and not rest.strip() and whole.strip() == match.string.strip():
        return True  # "Zu 2" alone on its line, the answer below it: no prose ends there
    if match.group("numbers") and not cue_pattern("extract.body.answer_heading_words").match(whole):
        # "Zu 1.:" needs its colon or full stop; "Zu 3 Jahren" is prose.
        head = whole[: len(whole) - len(rest)]
        return bool(cue_pattern("extract.body.heading_end").search(head))
    return True


def _heads_sub_questions(paras: Sequence[Paragraph], n: int, match: re.Match) -> bool:
    """``1. Kinderarztpraxen`` over ``a) Wie viele …?`` / ``b) …``: a short title that asks nothing and
    groups the lettered questions below it is their heading, not a question of its own."""
    rest = match.group("rest").strip()
    following = paras[n + 1].first if n + 1 < len(paras) else ""
    return len(paras[n].lines) == 1 and bool(rest) and len(rest.split()) <= 5 and not rest.endswith(("?", ".", ":")) \
        and bool(cue_pattern("extract.body.sub_question_start").match(following))


def _with_headings(paras: Sequence[Paragraph], headings: list[tuple[int, re.Match]], draft: Draft) -> None:
    heading_at = {n for n, _ in headings}
    numbered = {n: m for n, p in enumerate(paras) if n not in heading_at
                and (m := _QUESTION_START.match(p.first)) and _looks_numbered(p.first)}
    questions: list[tuple[str | None, str, tuple[int, int], int]] = []  # number, text, span, paragraph
    answers: list[tuple[str | None, str, tuple[int, int]]] = []
    answer_numbers = [_numbers(m) for _, m in headings]
    first_heading = headings[0][0]
    # Sub-questions take their parent's digits ("2. a)" / "b)" → "2a", "2b").
    number_of = dict(zip(sorted(numbered), _numbers_in_order(sorted(numbered.items()))))
    use_numbered = bool(numbered) and any(
        number_of[n] in {number for numbers in answer_numbers for number in numbers} or number_of[n] is not None and not any(answer_numbers)
        for n in numbered)
    question_paras: set[int] = set()
    if use_numbered:
        taken: set[str] = set()
        for n, match in sorted(numbered.items()):
            number = number_of[n]
            following = [numbers for (h, _), numbers in zip(headings, answer_numbers) if h > n]
            if number in taken or _heads_sub_questions(paras, n, match):
                continue
            if n > first_heading and not (following and (number in following[0] or not following[0])):
                continue
            taken.add(number)
            question_paras.add(n)
            # A question runs on over paragraphs until the next question or heading.
            end = n + 1
            while end < len(paras) and end not in heading_at and end not in numbered and not _SECTION_HEADING.match(paras[end].first) \
                    and (_continues_question(paras[end]) or _asks(paras[end].text)) and not cues().answer_lead.search(paras[end].text):
                end += 1
            text = _item_text(match, paras, n, end)
            question_paras.update(range(n, end))
            questions.append((number, text, (_rest_span(paras[n], match.group("rest"))[0], paras[end - 1].span[1]), n))
    elif (block := _question_block_before(paras, headings, answer_numbers)) is not None:
        # All questions stated first, then "Zu Ihrer ersten Frage:" … : the block, numbered in order.
        run, numbers = block
        for label, c in zip(numbers, run):
            questions.append((label, paras[c].text, paras[c].span, c))
            question_paras.add(c)
    else:
        previous_end = -1
        groups: list[tuple[list[str], list[int]]] = []
        for (h, match), numbers in zip(headings, answer_numbers):
            count = max(1, len(numbers))
            candidates = []
            cursor = h - 1
            while cursor > previous_end and len(candidates) < count:
                if cursor in heading_at or _SECTION_HEADING.match(paras[cursor].first) \
                        or paras[cursor].text.rstrip().endswith(":") or cues().answer_lead.search(paras[cursor].text):
                    break
                candidates.insert(0, cursor)
                cursor -= 1
            groups.append((numbers, candidates))
            previous_end = h
        # A block that asks nothing is a question only where most blocks ask (a Landtag answer whose
        # question lost its question mark); elsewhere it is the previous answer's text.
        asking = sum(1 for _, candidates in groups if any(_asks(paras[c].text) for c in candidates))
        for numbers, candidates in groups:
            if candidates and (any(_asks(paras[c].text) for c in candidates) or asking * 2 > len(groups)):
                labels = numbers if len(numbers) == len(candidates) else [None] * len(candidates)
                for label, c in zip(labels, candidates):
                    questions.append((label, paras[c].text, paras[c].span, c))
                    question_paras.add(c)
    # Answers: from each heading to the next question block, heading or section.
    for index, ((h, match), numbers) in enumerate(zip(headings, answer_numbers)):
        next_h = headings[index + 1][0] if index + 1 < len(headings) else len(paras)
        end = h + 1
        while end < next_h and end not in question_paras and not _SECTION_HEADING.match(paras[end].first):
            end += 1
        while end - 1 > h and _COURTESY.match(paras[end - 1].first) and index == len(headings) - 1:
            end -= 1
        rest = match.group("rest").strip()
        blocks = ([[rest] + [line.text for line in paras[h].lines[1:]]] if rest or len(paras[h].lines) > 1 else [])
        blocks += [[line.text for line in p.lines] for p in paras[h + 1:end]]
        text = join_paragraphs(blocks)
        if not text:
            continue
        if not numbers:
            preceding = [q for q in questions if q[3] < h]
            numbers = [preceding[-1][0]] if preceding and preceding[-1][0] is not None else []
        elif len(numbers) == 1 and numbers[0].isalpha():
            # "Zu a)" under "2. a) …": the sub-question of that letter asked last before it.
            asked = [q[0] for q in questions if q[3] < h and q[0] and q[0][-1] == numbers[0]]
            numbers = [asked[-1]] if asked else numbers
        label = ", ".join(numbers) if numbers else None
        start = _rest_span(paras[h], rest)[0] if rest else (paras[h + 1].span[0] if h + 1 < end else paras[h].span[0])
        answers.append((label, text, (start, paras[end - 1].span[1])))
    _write(draft, questions, answers)


def _question_block_before(paras: Sequence[Paragraph], headings, answer_numbers) -> tuple[list[int], list[str]] | None:
    """The run of asking paragraphs before the first answer heading, when it holds every question.

    Only when no later heading has an asking paragraph right before it (else each answer's own
    question stands before it, as in a Landtag answer).
    """
    numbers = sorted({n for listed in answer_numbers for n in listed}, key=lambda n: (len(n), n))
    if len(numbers) < 2:
        return None
    first = headings[0][0]
    run: list[int] = []
    cursor = first - 1
    # Step over a lead-in between the questions and the answers ("Diese Fragen beantworte ich wie folgt:").
    while cursor >= 0 and (paras[cursor].text.rstrip().endswith(":") or cues().answer_lead.search(paras[cursor].text)) \
            and not _asks(paras[cursor].text):
        cursor -= 1
    while cursor >= 0 and _asks(paras[cursor].text) and not _SECTION_HEADING.match(paras[cursor].first):
        run.insert(0, cursor)
        cursor -= 1
    if len(run) != len(numbers):
        return None
    if any(h - 1 > first and _asks(paras[h - 1].text) for h, _ in headings[1:]):
        return None
    return run, numbers


def _rest(match: re.Match, paragraph: Paragraph) -> str:
    # A quoted list of questions opens with its quotation mark before the first number: it stays with the text.
    return join_lines([(match.group("quote") or "") + match.group("rest")] + [line.text for line in paragraph.lines[1:]])


def _item_text(match: re.Match, paras: Sequence[Paragraph], n: int, end: int) -> str:
    """The text of a numbered question or answer: paragraph ``n`` after its number (``match``), and the
    paragraphs after it up to ``end``."""
    return join_paragraph_texts([_rest(match, paras[n])] + [p.text for p in paras[n + 1:end]])


def _write(draft: Draft, questions, answers) -> None:
    for index, (number, text, span, _) in enumerate(questions):
        draft.set(f"questions.{index}.number", number, span)
        draft.set(f"questions.{index}.text", text, span)
    for index, (number, text, span) in enumerate(answers):
        draft.set(f"answers.{index}.question_number", number, span)
        draft.set(f"answers.{index}.text", text, span)


def _numbered_inquiry(paras: Sequence[Paragraph], draft: Draft, *, is_inquiry_hint: bool) -> bool:
    """Numbered questions without ``Zu 1.:`` headings (most of them must ask).

    Their answers, where the letter gives them, are either plain paragraphs after each question
    (``1. …?`` / answer / ``2. …?`` / answer) or list items under the same number or letter that do not
    ask (``a) Wie …?`` … ``a) Ja, …``). Without such answers they are an inquiry's questions.
    """
    items = [(n, m) for n, p in enumerate(paras) if (m := _QUESTION_START.match(p.first)) and _looks_numbered(p.first)]
    if not items:
        return False
    numbers = _numbers_in_order(items)
    asked: set[str | None] = set()
    question_items, answer_items = [], []
    for (n, match), number in zip(items, numbers):
        asks = bool(_ENDS_QUESTION.search(paras[n].text))
        if number is not None and number in asked and not asks:
            answer_items.append((n, match, number))  # the same number again, now answering
        else:
            question_items.append((n, match, number))
            if asks:
                asked.add(number)
    asking = [n for n, _, _ in question_items if _ENDS_QUESTION.search(paras[n].text)]
    if len(asking) * 2 < len(question_items) and not (is_inquiry_hint and asking):
        return False
    questions = []
    item_at = {n for n, _ in items}
    ends: list[int] = []
    for n, match, number in question_items:
        end = n + 1
        while end < len(paras) and end not in item_at and not _SECTION_HEADING.match(paras[end].first) \
                and _continues_question(paras[end]):
            end += 1
        ends.append(end)
        text = _item_text(match, paras, n, end)
        questions.append((number, text, (_rest_span(paras[n], match.group("rest"))[0], paras[end - 1].span[1]), n))
    answers = _plain_answers(paras, question_items, ends, item_at, alone=not answer_items)
    if answer_items:
        answers = sorted(answers + _labelled_list_answers(paras, answer_items, item_at), key=lambda answer: answer[2][0])
    _write(draft, questions, answers)
    return True


def _answer_end(paras: Sequence[Paragraph], start: int, stop: int, *, last: bool) -> int:
    """Where an answer that starts at ``start`` ends: before ``stop``, a section heading, or the closing courtesy."""
    end = start
    while end < stop and not _SECTION_HEADING.match(paras[end].first) and not _asks(paras[end].text):
        end += 1
    # The last answer ends before the closing courtesy and before a signing place and date ("Wiesbaden, 8. April 2025").
    while last and end - 1 > start and (_COURTESY.match(paras[end - 1].first) or _SIGNING_DATE.match(paras[end - 1].text)):
        end -= 1
    if last and end - 1 == start and _COURTESY.match(paras[start].first):
        return start
    return end


def _is_prose(text: str) -> bool:
    words = text.split()
    return len(words) >= 3 and sum(1 for word in words if word[:1].islower()) * 3 >= len(words) or text.rstrip().endswith((".", "!"))


def _labelled_list_answers(paras: Sequence[Paragraph], answer_items, item_at: set[int]):
    answers = []
    for index, (n, match, number) in enumerate(answer_items):
        stop = min([m for m in item_at if m > n], default=len(paras))
        end = max(n + 1, _answer_end(paras, n + 1, stop, last=index == len(answer_items) - 1))
        text = _item_text(match, paras, n, end)
        answers.append((number, text, (_rest_span(paras[n], match.group("rest"))[0], paras[end - 1].span[1])))
    return answers


def _plain_answers(paras: Sequence[Paragraph], question_items, ends: list[int], item_at: set[int], *, alone: bool = True):
    """Each question, or each run of questions asked together, followed by a plain answer paragraph.

    ``alone``: no labelled answers beside them, so the plain paragraphs must answer most questions.
    """
    groups: list[tuple[list[str | None], int, int]] = []  # numbers, answer start, answer end
    pending: list[str | None] = []
    for index, ((n, _, number), end) in enumerate(zip(question_items, ends)):
        pending.append(number)
        stop = min([m for m in item_at if m > n], default=len(paras))
        last = index == len(question_items) - 1
        answer_end = _answer_end(paras, end, stop, last=last)
        if answer_end > end:
            groups.append((pending, end, answer_end))
            pending = []
    # Two answered questions at least, and most questions answered: else prose after an inquiry's list.
    # Answers are written in sentences: a running header or a date line between questions is none.
    groups = [group for group in groups if all(_is_prose(p.text) for p in paras[group[1]:group[2]])] if alone else groups
    if alone and (len(groups) < 2 or len(groups) * 2 < len(question_items)):
        return []
    answers = []
    for numbers, start, end in groups:
        label = ", ".join(number for number in numbers if number) or None
        text = join_paragraph_texts(p.text for p in paras[start:end])
        answers.append((label, text, (paras[start].span[0], paras[end - 1].span[1])))
    return answers


def _continues_question(paragraph: Paragraph) -> bool:
    """A paragraph under a numbered question that belongs to it (a sub-list), not closing prose."""
    return bool(cue_pattern("extract.body.list_item_start").match(paragraph.first))


def _alternating(paras: Sequence[Paragraph], asked: list[int], draft: Draft) -> bool:
    """Unlabelled questions each followed by its answer: question, answer, question, answer …

    Unnumbered answers pair with unnumbered questions in order (CONTRACT.md).
    """
    groups: list[list[int]] = []
    for n in asked:
        if groups and groups[-1][-1] == n - 1:
            groups[-1].append(n)
        else:
            groups.append([n])
    questions, answers = [], []
    for number, group in enumerate(groups):
        end = groups[number + 1][0] if number + 1 < len(groups) else len(paras)
        while end - 1 > group[-1] + 1 and _COURTESY.match(paras[end - 1].first) and number == len(groups) - 1:
            end -= 1
        answer = paras[group[-1] + 1:end]
        if not answer:
            return False
        questions.append((None, "\n\n".join(paras[n].text for n in group), (paras[group[0]].span[0], paras[group[-1]].span[1]), group[0]))
        answers.append((None, "\n\n".join(p.text for p in answer), (answer[0].span[0], answer[-1].span[1])))
    _write(draft, questions, answers)
    return True


def _inquiry_after_lead(paras: Sequence[Paragraph], draft: Draft) -> bool:
    """An inquiry's unnumbered question(s) after ``Ich frage daher an:``: one entry, no answer."""
    c = cues()
    lead = next((n for n, p in enumerate(paras) if c.inquiry_lead.search(p.text)), None)
    if lead is None:
        return False
    asked: list[Paragraph] = []
    for paragraph in paras[lead + 1:]:
        if not _asks(paragraph.text):
            break
        asked.append(paragraph)
    if not asked:
        return False
    _write(draft, [(None, "\n\n".join(p.text for p in asked), (asked[0].span[0], asked[-1].span[1]), lead + 1)], [])
    return True


def _lead_in_inquiry(paras: Sequence[Paragraph], draft: Draft) -> bool:
    """One quoted, unnumbered inquiry after a lead-in, then its answer."""
    c = cues()
    lead = next((n for n, p in enumerate(paras) if c.answer_lead.search(p.text)), None)
    if lead is None:
        lead = _before_quoted_question(paras)
    if lead is None:
        return False
    asked = [n for n in range(lead + 1, len(paras)) if _asks(paras[n].text)]
    if not asked:
        return False
    if any(b - a > 1 for a, b in zip(asked, asked[1:])) and asked[0] == lead + 1:
        return _alternating(paras, asked, draft)
    last_question = asked[-1]
    question_paras = paras[lead + 1:last_question + 1]
    question_texts = [p.text for p in question_paras]
    # The quoted inquiry runs to the last sentence that asks; what follows it is the answer,
    # whether in the next paragraphs or in the rest of that same paragraph.
    said = sentences(question_texts[-1])
    last_asking = max(n for n, sentence in enumerate(said) if _ENDS_QUESTION.search(sentence))
    answer_texts = []
    if last_asking + 1 < len(said):
        question_texts[-1] = " ".join(said[:last_asking + 1])
        answer_texts.append(" ".join(said[last_asking + 1:]))
    answer_end = len(paras)
    while answer_end - 1 > last_question + 1 and _COURTESY.match(paras[answer_end - 1].first):
        answer_end -= 1
    answer_paras = paras[last_question + 1:answer_end]
    answer_texts += [p.text for p in answer_paras]
    if not answer_texts:
        return False
    end_of_answer = answer_paras[-1].span[1] if answer_paras else question_paras[-1].span[1]
    start_of_answer = answer_paras[0].span[0] if answer_paras and len(answer_texts) == len(answer_paras) else question_paras[-1].span[0]
    questions = [(None, "\n\n".join(question_texts), (question_paras[0].span[0], question_paras[-1].span[1]), lead + 1)]
    answers = [(None, "\n\n".join(answer_texts), (start_of_answer, end_of_answer))]
    _write(draft, questions, answers)
    return True


_OPENING_QUOTE = cue_pattern("extract.body.opening_quote")
_CLOSING_QUOTE = cue_pattern("extract.body.closing_quote")


def _before_quoted_question(paras: Sequence[Paragraph]) -> int | None:
    """Without a lead-in: the index before an inquiry quoted in „…“ that asks, followed by more text."""
    for start, paragraph in enumerate(paras[:4]):
        if not _OPENING_QUOTE.match(paragraph.text):
            continue
        for end in range(start, min(start + 6, len(paras) - 1)):
            if _CLOSING_QUOTE.search(paras[end].text):
                if any(_asks(p.text) for p in paras[start:end + 1]):
                    return start - 1
                return None
    return None


def _asks(text: str) -> bool:
    """Whether a paragraph asks: one of its sentences ends with a question mark."""
    return "?" in text and any(_ENDS_QUESTION.search(sentence) for sentence in sentences(text))


_QUOTE_PREFIX = cue_pattern("extract.body.quote_prefix")


@proposes("questions")
def extract_quoted_questions(seg: Segmentation, draft: Draft) -> None:
    """Numbered questions from a quoted earlier message, when the answers refer to them by number.

    CONTRACT.md: a quoted message supplies the questions only then; their text loses the ``>`` marks.
    """
    if not seg.quoted or any(path.startswith("questions.") for path in draft.values):
        return
    wanted = {number for path, value in draft.values.items()
              if path.endswith(".question_number") and value for number in str(value).split(", ")}
    if not wanted:
        return
    unquoted = []
    for line in seg.quoted:
        prefix = _QUOTE_PREFIX.match(line.text)
        cut = prefix.end() if prefix else 0
        unquoted.append(Line(line.index, line.start + cut, line.end, line.text[cut:]))
    paras = body_paragraphs(unquoted)
    items = [(n, m) for n, p in enumerate(paras) if (m := _QUESTION_START.match(p.first)) and _looks_numbered(p.first)]
    numbers = _numbers_in_order(items)
    questions = []
    item_at = {n for n, _ in items}
    for (n, match), number in zip(items, numbers):
        if number not in wanted:
            continue
        end = n + 1
        while end < len(paras) and end not in item_at and _continues_question(paras[end]):
            end += 1
        text = _item_text(match, paras, n, end)
        questions.append((number, text, (_rest_span(paras[n], match.group("rest"))[0], paras[end - 1].span[1]), n))
    _write(draft, questions, [])
