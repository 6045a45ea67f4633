"""The draft a letter is extracted into: candidates per contract path, and the precedence that picks one.

Every extractor reads its own zones and *proposes* candidates: a value for a contract path
(``"contact.phone"``, ``"questions.0.text"``), the span it came from and the source that found it (the
zone it read: ``return_line``, ``letterhead``, ``signature`` …). Where several sources propose a value for
the same path, :data:`PRECEDENCE` decides, never the order in which the extractors happened to run. All
candidates are kept, so a conflict can be explained (:meth:`Draft.candidates`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Callable, NamedTuple, TypeVar

# Sources, from the most to the least reliable, for every path not named in FIELD_PRECEDENCE.
# Why this order: a Drucksache's masthead names its own number and answering body with certainty; the
# header zones (return line, letterhead, addressee block, labelled fields) are printed for exactly these
# values; the sign-off and the e-mail signature name the sender only where the letter has no head; the
# footer carries the authority's general contact; what the body's prose says is weakest; the inquiry
# reader derives its values from all of these and so comes last.
PRECEDENCE: tuple[str, ...] = (
    "drucksache",
    "letterhead",  # the return line and the letterhead, read together by header.extract_sender
    "recipient_block",
    "delivery",
    "fields",
    "copies",
    "drucksache_title",
    "subject",
    "salutation",
    "body",
    "closing",
    "signature",
    "email_signature",
    "footer",
    "body_reference",
    "questions",
    "inquiry",
    "kind",
)

# Paths whose precedence differs from the general order, with the reason.
FIELD_PRECEDENCE: dict[str, tuple[str, ...]] = {
}

_UNRANKED = len(PRECEDENCE)


_PLACE = {source: place for place, source in enumerate(PRECEDENCE)}


def rank(path: str, source: str) -> int:
    """The place of ``source`` for ``path``: lower wins. Unknown sources rank after every known one."""
    order = FIELD_PRECEDENCE.get(path)
    if order is None:  # the general order, looked up in a dict (a draft ranks thousands of times a second)
        return _PLACE.get(source, _UNRANKED)
    return order.index(source) if source in order else _UNRANKED + _PLACE.get(source, 0)


class Candidate(NamedTuple):
    """One proposal. A named tuple: a letter makes about 40 of them, and a frozen dataclass costs each a
    ``object.__setattr__`` per field."""

    value: Any
    span: tuple[int, int] | None
    source: str
    order: int


@dataclass
class Draft:
    """Candidates by contract path; ``values``/``spans`` hold the one :data:`PRECEDENCE` picks.

    Within one source the first candidate stands (an extractor proposes its best reading first), unless
    it proposes again with ``replace``.
    """

    values: dict[str, Any] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    warnings: list[tuple[str, str, str | None]] = field(default_factory=list)
    source: str = "body"
    _candidates: dict[str, list[Candidate]] = field(default_factory=dict)
    _count: int = 0

    def set(self, path: str, value: Any, span: tuple[int, int] | None, *, replace: bool = False,
            source: str | None = None) -> bool:
        """Propose ``value`` for ``path`` from ``source`` (default: the draft's current source).

        Empty values are ignored. Returns whether the proposal now stands as the path's value.
        """
        if value is None or value == "" or value == []:
            return False
        source = source or self.source
        if span is not None and span[0] < span[1]:
            span = (int(span[0]), int(span[1]))
        else:
            span = None
        pool = self._candidates.get(path)
        if pool:
            same = [c for c in pool if c.source == source]
            if same and not replace:
                return False
            if same:
                pool[:] = [c for c in pool if c.source != source]
        self._count += 1
        candidate = Candidate(value, span, source, self._count)
        if not pool:  # most paths get one proposal: it stands, with nothing to compare it with
            self._candidates[path] = [candidate]
            self._resolve(path)
            return True
        pool.append(candidate)
        return self._resolve(path).order == self._count

    def rule_out(self, path: str, *, source: str | None = None) -> None:
        """Propose that ``path`` has no value: where this source outranks the others, the path stays empty
        (a Drucksache's masthead names its parliament as publisher, not as sender)."""
        source = source or self.source
        pool = self._candidates.setdefault(path, [])
        if any(c.source == source for c in pool):
            return
        self._count += 1
        pool.append(Candidate(None, None, source, self._count))
        self._resolve(path)

    def _resolve(self, path: str) -> Candidate:
        """Make the best candidate for ``path`` its value (or none), and return it."""
        pool = self._candidates[path]
        best = pool[0] if len(pool) == 1 else min(pool, key=lambda c: (rank(path, c.source), c.order))
        if best.value is None:
            self.values.pop(path, None)
            self.spans.pop(path, None)
            return best
        self.values[path] = best.value
        if best.span is not None:
            self.spans[path] = best.span
        else:
            self.spans.pop(path, None)
        return best

    def revise(self, path: str, value: Any) -> None:
        """The standing value of ``path`` read again (its OCR confusions undone): its span and source stay."""
        best = min(self._candidates[path], key=lambda c: (rank(path, c.source), c.order))
        self._candidates[path] = [c._replace(value=value) if c is best else c for c in self._candidates[path]]
        self.values[path] = value

    def has(self, path: str) -> bool:
        return path in self.values

    def get(self, path: str, default: Any = None) -> Any:
        return self.values.get(path, default)

    def candidates(self, path: str) -> list[Candidate]:
        """Every proposal for ``path``, best first."""
        return sorted(self._candidates.get(path, []), key=lambda c: (rank(path, c.source), c.order))

    def warn(self, code: str, message: str, path: str | None = None) -> None:
        self.warnings.append((code, message, path))


_F = TypeVar("_F", bound=Callable[..., Any])


def proposes(source: str) -> Callable[[_F], _F]:
    """Mark an extractor ``f(zone_input, draft, …)``: what it writes to the draft is proposed as ``source``."""
    if source not in PRECEDENCE:
        raise ValueError(f"unknown source {source!r}: add it to PRECEDENCE with its place and reason")

    def wrap(extractor: _F) -> _F:
        @functools.wraps(extractor)
        def run(zones: Any, draft: Draft, *args: Any, **kwargs: Any) -> Any:
            outer, draft.source = draft.source, source
            try:
                return extractor(zones, draft, *args, **kwargs)
            finally:
                draft.source = outer

        run.source = source  # type: ignore[attr-defined]
        return run  # type: ignore[return-value]

    return wrap
