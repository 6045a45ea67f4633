"""spaCy where it earns its place: a blank German pipeline with rule components.

No trained German model can be had here, and none is needed: the tokenizer, a ``sentencizer`` and a
``span_ruler`` whose token patterns live in ``models/letter_patterns.jsonl`` (salutations and complimentary
closes, with their spelling variants such as ``Grüssen``/``Grüßen``). The pipeline is built once per
process and reused. Only short candidate lines are run through it: the first words its patterns can start
with are derived from the same file, so a letter's hundred lines cost a handful of spaCy calls.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from typing import Iterator, Sequence

from amtsbrief.cues import models_dir

PATTERNS_FILE = "letter_patterns.jsonl"
SPANS_KEY = "amtsbrief"
_FIRST_WORD = re.compile(r"\s*([^\W\d_]+)")


@cache
def _patterns() -> tuple[dict, ...]:
    with open(models_dir() / PATTERNS_FILE, encoding="utf-8") as handle:
        return tuple(json.loads(line) for line in handle if line.strip())


@cache
def pipeline():
    """The spaCy pipeline (blank ``de`` + sentencizer + span ruler), built on first use."""
    import spacy

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": SPANS_KEY, "validate": True})
    ruler.add_patterns(list(_patterns()))
    return nlp


@cache
def _first_words(label: str) -> frozenset[str] | None:
    """Lower-case first words a pattern of ``label`` can start with (``None``: any word, by regex)."""
    words: set[str] = set()
    for entry in _patterns():
        if entry["label"] != label:
            continue
        first = entry["pattern"][0].get("LOWER")
        if isinstance(first, str):
            words.add(first)
        elif isinstance(first, dict) and "IN" in first:
            words.update(first["IN"])
        else:
            return None
    return frozenset(words)


def line_label(text: str, label: str, *, max_chars: int = 120) -> bool:
    """Whether a pattern of ``label`` (``SALUTATION``, ``CLOSING``) matches at the start of the line."""
    return may_label(text, label, max_chars=max_chars) and _spacy_label(text.strip(), label)


def may_label(text: str, label: str, *, max_chars: int = 120) -> bool:
    """``False`` where :func:`line_label` is surely ``False`` (too long, or a first word no pattern of
    ``label`` starts with), without spaCy: most lines of a letter are no salutation and no close."""
    if not text or len(text) > max_chars:
        return False
    first = _first_words(label)
    if first is not None:
        match = _FIRST_WORD.match(text)
        if not match or match.group(1).lower() not in first:
            return False
    return True


def may_label_at(texts: Sequence[str], label: str, start: int = 0, *, max_chars: int = 120) -> Iterator[int]:
    """The positions from ``start`` on of the ``texts`` for which :func:`may_label` holds, in order: one
    loop over a letter's lines instead of a call per line (most of them no candidate)."""
    first = _first_words(label)
    match_first = _FIRST_WORD.match
    for position in range(start, len(texts)):
        text = texts[position]
        if not text or len(text) > max_chars:
            continue
        if first is not None:
            match = match_first(text)
            if not match or match.group(1).lower() not in first:
                continue
        yield position


# Lines that pass the first-word test are mostly the salutations and closes themselves, and letters
# share them ("Sehr geehrte Damen und Herren,", "Mit freundlichen Grüßen"): spaCy's answer (a pure
# function of the line and the patterns, ~0.2 ms) is kept for a batch's lines.
@lru_cache(maxsize=2048)
def _spacy_label(text: str, label: str) -> bool:
    doc = pipeline().tokenizer(text)
    if not len(doc):
        return False
    by_first, any_first = _label_patterns(label)
    chosen = tuple(sorted(by_first.get(doc[0].lower_, ()) + any_first))
    if not chosen:
        return False
    matcher = _matcher(label, chosen)
    wanted = matcher.vocab.strings[label]
    return any(key == wanted and start == 0 and end > start for key, start, end in matcher(doc))


@cache
def _label_patterns(label: str) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """The patterns of ``label`` (numbers in ``_patterns()``): by the lower-case word their first token must
    be, and those whose first token may be anything else (another attribute, optional)."""
    by_first: dict[str, tuple[int, ...]] = {}
    any_first: list[int] = []
    for number, entry in enumerate(_patterns()):
        if entry["label"] != label:
            continue
        token = entry["pattern"][0]
        lower = token.get("LOWER") if set(token) == {"LOWER"} else None
        if isinstance(lower, str):
            words = [lower]
        elif isinstance(lower, dict) and set(lower) == {"IN"}:
            words = list(lower["IN"])
        else:
            any_first.append(number)
            continue
        for word in words:
            by_first[word] = by_first.get(word, ()) + (number,)
    return by_first, tuple(any_first)


@cache
def _matcher(label: str, numbers: tuple[int, ...]):
    """The patterns ``numbers`` (all of ``label``) in a ``Matcher`` of their own.

    A line's label needs only the tokens and the matches: the sentencizer and the span ruler's
    bookkeeping (a ``Span`` per match, ``doc.spans``) cost three times as much as matching, for the
    same answer (a pattern of the label matching from the first token, as ``doc.spans`` would hold
    it). And only the patterns whose first token can be the line's first token can match from there:
    each pattern the matcher holds costs it predicate calls on every token.
    """
    from spacy.matcher import Matcher

    matcher = Matcher(pipeline().vocab, validate=True)
    for number in numbers:
        matcher.add(label, [_patterns()[number]["pattern"]])
    return matcher


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph, by spaCy's sentencizer (``?``, ``!`` and ``.`` end them).

    >>> sentences("Wie viele Anträge gab es? Im Jahr 2019 waren es 20.")
    ['Wie viele Anträge gab es?', 'Im Jahr 2019 waren es 20.']
    """
    nlp = pipeline()
    # The sentencizer alone sets the sentence starts: the span ruler after it (as long again) changes none.
    doc = nlp.get_pipe("sentencizer")(nlp.make_doc(text))
    return [sentence.text.strip() for sentence in doc.sents if sentence.text.strip()]
