"""Field readers: one module per kind of value, all with the same contract.

Each module reads one kind of value that letters state (a date, a phone number, an IBAN …):

- ``parse(text)`` reads a string that *is* such a value and returns it in normal form, or raises
  :class:`amtsbrief.errors.FieldError` saying why not (never returns ``None`` for a failure);
- ``is_valid(text)`` answers the same question without raising;
- ``find(text)`` returns every such value found inside a longer string, as :class:`Found` items with
  character offsets into ``text`` (no exception, possibly an empty list).

Modules are pure functions over strings: no state, no I/O, heavy libraries imported lazily.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Generic, TypeVar

from amtsbrief.errors import FieldError

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Found(Generic[T]):
    """A value read from ``text[start:end]``."""

    value: T
    start: int
    end: int

    def shifted(self, offset: int) -> "Found[T]":
        """The same value with offsets moved by ``offset`` (from a line into the whole text)."""
        return Found(self.value, self.start + offset, self.end + offset)


def validity_of(parse: Callable[..., Any], doc: str) -> Callable[..., bool]:
    """A module's ``is_valid``: whether its ``parse`` reads the value (``FieldError`` → ``False``)."""

    def is_valid(text: Any, *args: Any, **kwargs: Any) -> bool:
        try:
            parse(text, *args, **kwargs)
        except FieldError:
            return False
        return True

    is_valid.__doc__ = doc
    is_valid.__name__ = is_valid.__qualname__ = "is_valid"
    return is_valid
