"""The errors amtsbrief raises: one root, a few kinds, each with a stable code.

Doubts *inside* a letter (an invalid IBAN, an unreadable date) are not errors: they become
``Letter.warnings``. Exceptions are for input that cannot be read as a letter at all.

>>> try:
...     raise EmptyInputError("letter.txt", "the file is empty")
... except AmtsbriefError as error:
...     print(error.code, "|", error)
empty | letter.txt: the file is empty
"""

from __future__ import annotations


class AmtsbriefError(ValueError):
    """Root of every error amtsbrief raises on purpose.

    ``source`` names the file (or ``"<text>"`` / ``"<stdin>"``), ``code`` is stable for scripts.
    """

    code = "error"

    def __init__(self, source: str | None, message: str):
        self.source = source
        self.message = message
        super().__init__(f"{source}: {message}" if source else message)


class InputError(AmtsbriefError):
    """The input cannot be read: missing, unreadable, wrong kind of file."""

    code = "input"


class EmptyInputError(InputError):
    """The input holds no text."""

    code = "empty"


class DecodingError(InputError):
    """The bytes are binary or in no encoding we can tell."""

    code = "decoding"


class TooLargeError(InputError):
    """The input is larger than the configured limit."""

    code = "too-large"


class NotALetterError(AmtsbriefError):
    """The text was read but looks like no letter (too short, no letter parts at all)."""

    code = "not-a-letter"


class FieldError(AmtsbriefError):
    """A single value (date, phone number, IBAN …) could not be read; the message says why."""

    code = "field"

    def __init__(self, value: object, message: str):
        super().__init__(None, f"{message}: {value!r}")
        self.value = value


class DependencyError(AmtsbriefError):
    """An optional tool (Tesseract, pyarrow, dask …) is needed and missing; the message says how to install it."""

    code = "dependency"
