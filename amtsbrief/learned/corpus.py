"""Annotated letters as labelled line sequences: the data the classifier is trained and measured on.

A letter is read the way :func:`amtsbrief.pipeline.parse_document` reads it (load, normalise, segment),
so the lines here are the pipeline's own lines; the gold JSON beside it labels them
(:func:`amtsbrief.learned.labels.gold_labels`), the rule segmenter's zones give the baseline.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from amtsbrief.evaluate import source_for
from amtsbrief.learned.labels import gold_labels
from amtsbrief.learned.rules import rule_labels
from amtsbrief.load import EMAIL, LoadedDocument, load_path
from amtsbrief.normalise import normalise_quoting
from amtsbrief.segment import Segmentation, segment
from amtsbrief.text import Line

TEXT_SOURCES = (".txt", ".eml", ".msg")


@dataclass(frozen=True)
class LabelledLetter:
    """One letter's lines with the gold zone and the rules' zone of each (``None`` for blank lines)."""

    name: str
    is_email: bool
    lines: tuple[Line, ...]
    gold: tuple[str | None, ...]
    rules: tuple[str | None, ...]


def segmentation_of(document: LoadedDocument) -> Segmentation:
    """The pipeline's segmentation of a text or e-mail document (quoted earlier messages kept apart)."""
    text, quoted_from = normalise_quoting(document.text, document.quoted_from)
    return segment(text, is_email=document.media_type == EMAIL, quoted_from=quoted_from)


def labelled_letter(source: Path, gold: dict) -> LabelledLetter:
    document = load_path(source)
    seg = segmentation_of(document)
    return LabelledLetter(name=source.name, is_email=seg.is_email, lines=seg.lines,
                          gold=tuple(gold_labels(seg.lines, gold)), rules=tuple(rule_labels(seg)))


def labelled_letters(directory: str | Path, sources: tuple[str, ...] = TEXT_SOURCES) -> Iterator[LabelledLetter]:
    """Every annotated text letter (``*.gold.json`` with a source of a suffix in ``sources``) in ``directory``."""
    for gold_path in sorted(Path(directory).glob("*.gold.json")):
        source = source_for(gold_path)
        if source is None or source.suffix.lower() not in sources:
            continue
        yield labelled_letter(source, json.loads(gold_path.read_text(encoding="utf-8")))
