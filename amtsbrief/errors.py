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


class LimitError(InputError):
    """The input reaches a limit of :class:`~amtsbrief.config.ParserConfig` (bytes, pages, pixels,
    decompressed size, time). ``limit`` is the config field's name; ``code`` names the limit.

    >>> error = LimitError("big.pdf", "pages", "5000 pages, more than the limit of 200")
    >>> error.code, error.limit, str(error)
    ('limit-pages', 'max_pages', 'big.pdf: 5000 pages, more than the limit of 200 (max_pages)')
    """

    code = "limit"
    _FIELDS = {"bytes": "max_bytes", "pages": "max_pages", "pixels": "max_pixels",
               "decompressed": "max_decompressed", "time": "time_budget"}

    def __init__(self, source: str | None, what: str, message: str):
        self.limit = self._FIELDS.get(what, what)
        self.code = f"limit-{what}"
        super().__init__(source, f"{message} ({self.limit})")


class TooLargeError(LimitError):
    """The input is larger than the configured limit of bytes (``max_bytes``)."""

    code = "too-large"

    def __init__(self, source: str | None, message: str):
        super().__init__(source, "bytes", message)
        self.code = "too-large"  # the code it had before the other limits came


class GuardError(AmtsbriefError):
    """The guarded worker process that parsed the file was stopped (``amtsbrief.guard``): it ran out
    of time (``timeout``), out of memory (``memory``), or died (``crashed``, e.g. a native library
    that aborted)."""

    code = "crashed"

    def __init__(self, source: str | None, message: str, code: str = "crashed"):
        super().__init__(source, message)
        self.code = code


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
