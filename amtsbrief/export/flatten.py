"""Flat views of a ``Letter``: one row of dotted columns, and question–answer pairs.

The columns come from the schema, not from the data, so every CSV, Parquet file and DataFrame of
any batch has the same header in the same order. Nested models become dotted names
(``sender.address.city``); lists (``copies_to``, ``questions`` …) become one column holding their
JSON, so nothing is lost and a row stays a row. ``spans`` and ``source.text`` are left out: they
are provenance for tools, not columns for researchers (the JSONL export keeps them).

>>> from amtsbrief.schema import Letter, Question, Answer
>>> letter = Letter(kind="answer", questions=[Question(number="1", text="Wann?")],
...                 answers=[Answer(question_number="1", text="Morgen.")])
>>> row = flat_row(letter)
>>> row["kind"], row["sender.address.city"], row["questions"]
('answer', None, '[{"number":"1","text":"Wann?"}]')
>>> [(pair.question_number, pair.question, pair.answer) for pair in qa_pairs(letter)]
[('1', 'Wann?', 'Morgen.')]
"""

from __future__ import annotations

import json
import re
import types
import typing
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel

from amtsbrief.schema import Letter

# Provenance, not data: kept by the JSONL export only.
LEFT_OUT = frozenset({"spans", "source.text", "source.attachments"})
# Columns that hold integers; every other column holds text (or is empty).
INTEGER_COLUMNS = frozenset({"source.pages"})


def _submodel(annotation) -> type[BaseModel] | None:
    """The model class inside ``Model`` or ``Model | None``, else None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        models = [arg for arg in typing.get_args(annotation) if isinstance(arg, type) and issubclass(arg, BaseModel)]
        if len(models) == 1:
            return models[0]
    return None


def _columns_of(model: type[BaseModel], prefix: str = "") -> list[str]:
    names: list[str] = []
    for name, field in model.model_fields.items():
        dotted = prefix + name
        if dotted in LEFT_OUT:
            continue
        inner = _submodel(field.annotation)
        names.extend(_columns_of(inner, dotted + ".") if inner else [dotted])
    return names


@lru_cache(maxsize=1)
def columns() -> tuple[str, ...]:
    """The flat columns of a letter, in schema order."""
    return tuple(_columns_of(Letter))


def _iso(value) -> str | None:
    """A date as ISO text, as the JSON has it."""
    return value.isoformat() if value is not None else None


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def flat_row(letter: Letter) -> dict[str, object]:
    """One letter as ``{dotted column: str | int | None}``, with every column of :func:`columns`."""
    data = letter.model_dump(mode="json")
    row: dict[str, object] = {}
    for column in columns():
        value: object = data
        for part in column.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, (list, dict)):
            value = _json(value)
        row[column] = value
    return row


@dataclass(frozen=True, slots=True)
class QAPair:
    """A question and the answer given to it; either side may be missing."""

    position: int
    question_number: str | None
    question: str | None
    answer_number: str | None
    answer: str | None


def _numbers(question_number: str | None) -> list[str]:
    # "2, 3" answers two questions (CONTRACT.md, annotation rules).
    return [part for part in re.split(r"\s*,\s*", question_number or "") if part]


def qa_pairs(letter: Letter) -> list[QAPair]:
    """Pair each question with its answer, as the contract pairs them.

    Numbered answers pair by number (an answer to "2, 3" pairs with both); unnumbered answers pair
    with unnumbered questions in order. A question nobody answered, or an answer to no stated
    question, still gets a row with the other side empty.
    """
    answers_by_number: dict[str, list] = {}
    unnumbered_answers = []
    for answer in letter.answers:
        numbers = _numbers(answer.question_number)
        if not numbers:
            unnumbered_answers.append(answer)
        for number in numbers:
            answers_by_number.setdefault(number, []).append(answer)

    used: set[int] = set()
    pairs: list[QAPair] = []
    for question in letter.questions:
        if question.number is not None:
            matched = answers_by_number.get(question.number, [])
        else:
            matched = [unnumbered_answers.pop(0)] if unnumbered_answers else []
        if not matched:
            pairs.append(QAPair(len(pairs), question.number, question.text, None, None))
        for answer in matched:
            used.add(id(answer))
            pairs.append(QAPair(len(pairs), question.number, question.text, answer.question_number, answer.text))
    for answer in letter.answers:
        if id(answer) not in used:
            pairs.append(QAPair(len(pairs), None, None, answer.question_number, answer.text))
    return pairs


QA_COLUMNS = (
    "source.sha256",
    "source.path",
    "references.date",
    "sender.authority",
    "subject.title",
    "position",
    "question_number",
    "question",
    "answer_number",
    "answer",
)


def qa_rows(letter: Letter) -> list[dict[str, object]]:
    """The question–answer pairs of a letter as rows of :data:`QA_COLUMNS`, tied to the letter."""
    shared = {
        "source.sha256": letter.source.sha256,
        "source.path": letter.source.path,
        "references.date": _iso(letter.references.date),
        "sender.authority": letter.sender.authority,
        "subject.title": letter.subject.title,
    }
    return [
        {
            **shared,
            "position": pair.position,
            "question_number": pair.question_number,
            "question": pair.question,
            "answer_number": pair.answer_number,
            "answer": pair.answer,
        }
        for pair in qa_pairs(letter)
    ]
