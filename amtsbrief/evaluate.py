"""Evaluation against gold letters, following the scoring section of shared/CONTRACT.md.

Every leaf of a gold file is compared with the parser's value in normal form (case-folded, whitespace
folded); long text fields (``body``, ``questions[].text``, ``answers[].text``) are right at a token F1 of
0.9 or more. A gold value missed or wrong is a miss; a value where the gold has null, a wrong value, and
list entries beyond the gold's are extras. A letter scores its field F1, a set the mean over its letters.
Paths listed under ``"_unannotated"`` are not scored. (spaCy's scorer is the model: counts per field.)
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

LONG_TEXT_ROOTS = ("body", "questions", "answers")
NOT_SCORED = frozenset({"spans", "source", "warnings"})
LONG_TEXT_THRESHOLD = 0.9
SOURCE_SUFFIXES = (".pdf", ".txt", ".eml", ".msg", ".xml", ".page.xml", ".png", ".tif", ".jpg")
EXTRA_LISTS = (("questions",), ("answers",), ("footer", "office_hours"), ("footer", "bank_accounts"))


def normal_form(value: Any) -> Any:
    """Strings compare NFC, whitespace-folded and case-folded; other values as they are."""
    if isinstance(value, str):
        return re.sub(r"\s+", " ", unicodedata.normalize("NFC", value)).strip().casefold()
    return value


def _tokens(text: str | None) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", text or "").casefold())


def token_f1(expected: str, got: str) -> float:
    """Token-level F1 of two texts (bags of word tokens)."""
    want, have = _tokens(expected), _tokens(got)
    if not want and not have:
        return 1.0
    common = sum((Counter(want) & Counter(have)).values())
    if not common:
        return 0.0
    precision, recall = common / len(have), common / len(want)
    return 2 * precision * recall / (precision + recall)


def gold_leaves(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(path, value) for every leaf; lists of scalars are one leaf, lists of objects are indexed."""
    if isinstance(value, dict):
        if not value and prefix:
            yield prefix, None
        for key, child in value.items():
            if not prefix and key in NOT_SCORED:
                continue
            yield from gold_leaves(child, f"{prefix}.{key}" if prefix else key)
    elif isinstance(value, list):
        if not value:
            yield prefix, []
        elif all(not isinstance(item, (dict, list)) for item in value):
            yield prefix, sorted(normal_form(item) for item in value)
        else:
            for index, child in enumerate(value):
                yield from gold_leaves(child, f"{prefix}.{index}")
    else:
        yield prefix, value


def value_at(obj: Any, path: str) -> Any:
    for part in path.split("."):
        if isinstance(obj, list):
            if not part.isdigit() or int(part) >= len(obj):
                return None
            obj = obj[int(part)]
        elif isinstance(obj, dict):
            obj = obj.get(part)
        else:
            return None
        if obj is None:
            return None
    return obj


def is_right(path: str, expected: Any, got: Any) -> bool:
    if path.split(".")[0] in LONG_TEXT_ROOTS and isinstance(expected, str):
        return isinstance(got, str) and token_f1(expected, got) >= LONG_TEXT_THRESHOLD
    if isinstance(expected, list):
        if not expected:
            return got in (None, [])
        return isinstance(got, list) and sorted(normal_form(item) for item in got) == expected
    if expected is None:
        return got in (None, [], "")
    return normal_form(expected) == normal_form(got) or (isinstance(got, str) and normal_form(str(expected)) == normal_form(got))


def field_name(path: str) -> str:
    """``questions.3.text`` → ``questions[].text``."""
    return re.sub(r"\.\d+", "[]", path)


@dataclass
class LetterScore:
    name: str
    right: int = 0
    missed: int = 0
    extra: int = 0
    had_output: bool = True
    error: str | None = None
    details: list[str] = field(default_factory=list)

    @property
    def f1(self) -> float:
        total = 2 * self.right + self.missed + self.extra
        return 2 * self.right / total if total else 1.0


@dataclass
class Report:
    letters: list[LetterScore]
    fields: dict[str, list[int]]  # field -> [right, missed, extra]

    @property
    def mean(self) -> float:
        return sum(letter.f1 for letter in self.letters) / len(self.letters) if self.letters else 0.0

    def to_dict(self) -> dict:
        return {
            "mean": round(self.mean, 4),
            "letters": [{"name": s.name, "f1": round(s.f1, 4), "right": s.right, "missed": s.missed, "extra": s.extra,
                         "error": s.error, "details": s.details} for s in self.letters],
            "fields": {name: {"right": r, "missed": m, "extra": e} for name, (r, m, e) in sorted(self.fields.items())},
        }


def score_letter(name: str, gold: dict, got: dict | None, fields: dict[str, list[int]]) -> LetterScore:
    """Compare one parser output with its gold, adding per-field counts to ``fields``."""
    gold = dict(gold)
    skipped = tuple(gold.pop("_unannotated", []))
    score = LetterScore(name, had_output=got is not None)
    for path, expected in gold_leaves(gold):
        if any(path == skip or path.startswith(skip + ".") for skip in skipped):
            continue
        counts = fields.setdefault(field_name(path), [0, 0, 0])
        have = value_at(got, path) if got is not None else None
        want_empty = expected in (None, [], "")
        have_empty = have in (None, [], "")
        if want_empty:
            if not have_empty:
                score.extra += 1
                counts[2] += 1
                score.details.append(f"extra {path}: want null, got {have!r}")
            continue
        if is_right(path, expected, have):
            score.right += 1
            counts[0] += 1
            continue
        score.missed += 1
        counts[1] += 1
        if not have_empty:
            score.extra += 1
            counts[2] += 1
        score.details.append(f"miss {path}: want {expected!r} got {have!r}")
    for keys in EXTRA_LISTS:
        want_list = value_at(gold, ".".join(keys))
        have_list = value_at(got, ".".join(keys)) if got is not None else None
        if isinstance(want_list, list) and isinstance(have_list, list) and 0 < len(want_list) < len(have_list) \
                and keys[0] not in skipped:
            surplus = len(have_list) - len(want_list)
            score.extra += surplus
            fields.setdefault(".".join(keys) + "[] (extra)", [0, 0, 0])[2] += surplus
    return score


def source_for(gold_path: Path) -> Path | None:
    """The letter beside ``NAME.gold.json`` (or the path named in ``NAME.src``)."""
    stem = gold_path.name[: -len(".gold.json")]
    for suffix in SOURCE_SUFFIXES:
        candidate = gold_path.with_name(stem + suffix)
        if candidate.exists():
            return candidate
    pointer = gold_path.with_name(stem + ".src")
    if pointer.exists():
        return Path(pointer.read_text(encoding="utf-8").strip())
    return None


def evaluate_dir(directory: str | Path, parse: Callable[[Path], dict] | None = None, pattern: str = "*.gold.json",
                 sources: tuple[str, ...] | None = None) -> Report:
    """Score the parser on every ``NAME.gold.json`` in ``directory`` (``parse`` defaults to ours).

    ``sources`` keeps only letters whose source file ends so (``(".txt", ".eml")``).
    """
    import json

    from amtsbrief.errors import AmtsbriefError

    if parse is None:
        from amtsbrief.api import parse_file

        def parse(path: Path) -> dict:
            return parse_file(path).model_dump(mode="json")

    directory = Path(directory)
    golds = sorted(path for path in directory.glob(pattern) if path.name.endswith(".gold.json"))
    fields: dict[str, list[int]] = {}
    letters = []
    for gold_path in golds:
        source = source_for(gold_path)
        if sources and not (source and source.name.endswith(sources)):
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        got, error = None, None
        if source is not None and source.exists():
            try:
                got = parse(source)
            except AmtsbriefError as failure:
                error = str(failure)
        else:
            error = "no source file beside the gold"
        score = score_letter(gold_path.name[: -len(".gold.json")], gold, got, fields)
        score.error = error
        letters.append(score)
    return Report(letters, fields)
