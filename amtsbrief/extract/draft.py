"""The draft a letter is extracted into: contract paths mapped to values and the spans they came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Draft:
    """Values by contract path (``"contact.phone"``, ``"questions.0.text"``) with their source spans.

    The first value written to a path wins unless ``replace`` is given: extractors run from the most
    to the least reliable zone, so an earlier find is the better one.
    """

    values: dict[str, Any] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    warnings: list[tuple[str, str, str | None]] = field(default_factory=list)

    def set(self, path: str, value: Any, span: tuple[int, int] | None, *, replace: bool = False) -> bool:
        """Record ``value`` for ``path``; empty values are ignored. Returns whether it was recorded."""
        if value is None or value == "" or value == []:
            return False
        if path in self.values and not replace:
            return False
        self.values[path] = value
        if span is not None and span[0] < span[1]:
            self.spans[path] = (int(span[0]), int(span[1]))
        else:
            self.spans.pop(path, None)
        return True

    def has(self, path: str) -> bool:
        return path in self.values

    def get(self, path: str, default: Any = None) -> Any:
        return self.values.get(path, default)

    def warn(self, code: str, message: str, path: str | None = None) -> None:
        self.warnings.append((code, message, path))
