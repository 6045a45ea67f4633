"""Explicit, frozen configuration, passed in; never a module-level mutable default."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class ParserConfig:
    """How a letter is read, and how much of the machine one document may take.

    ``backend`` picks the PDF reader (``auto`` = the fast pypdfium2 one); ``ocr_language`` is
    Tesseract's language code. ``min_letter_chars`` is how much text a letter needs at the least.

    The limits keep a hostile or broken file from taking the process down; reaching one raises a
    :class:`~amtsbrief.errors.LimitError` whose ``code`` names the limit (``too-large``,
    ``limit-pages``, ``limit-pixels``, ``limit-decompressed``, ``limit-time``):

    - ``max_bytes``: the input file (a letter is kilobytes; a 200-page scan a few MB);
    - ``max_pages``: pages of a PDF or frames of a TIFF (a letter with its attachments is rarely 50);
    - ``max_pixels``: pixels of one page rendered or read by OCR. An A4 page at 300 dpi is 8.7
      million; a larger page is rendered at a lower resolution to fit, and refused when even
      ``MIN_OCR_DPI`` would not fit (an image file is refused outright, as it cannot be rendered
      smaller without decoding it whole first);
    - ``max_decompressed``: bytes that one compressed stream of a PDF may inflate to (a stream
      bomb inflates a few kilobytes to gigabytes; PDFium would hold them all at once);
    - ``time_budget``: seconds for reading one document's pages (checked between pages; a single
      page that hangs in a native library is for the guard's hard timeout, see ``amtsbrief.guard``).
      ``None`` means no budget.
    """

    max_bytes: int = 50 * 1024 * 1024
    backend: str = "auto"
    ocr_language: str = "deu"
    min_letter_chars: int = 20
    max_pages: int = 200
    max_pixels: int = 40_000_000
    max_decompressed: int = 256 * 1024 * 1024
    time_budget: float | None = 120.0

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_pages", "max_pixels", "max_decompressed"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"ParserConfig.{name} must be a positive whole number, not {value!r}")
        if self.time_budget is not None and not self.time_budget > 0:
            raise ValueError(f"ParserConfig.time_budget must be positive seconds or None, not {self.time_budget!r}")


# Below this resolution Tesseract reads body type no better than noise: a page that only fits the
# pixel limit at a lower one is refused rather than read badly.
MIN_OCR_DPI = 100

LIMIT_FIELDS = tuple(f.name for f in fields(ParserConfig) if f.name.startswith(("max_", "time_")))

DEFAULT_CONFIG = ParserConfig()


class Deadline:
    """The time budget of one document, started when its reading starts.

    >>> Deadline("a.pdf", None).check("page 1")  # no budget: never expires
    >>> Deadline("a.pdf", 1e-9).expired()
    True
    """

    def __init__(self, name: str, seconds: float | None):
        import time

        self.name = name
        self.seconds = seconds
        self._clock = time.monotonic
        self._end = None if seconds is None else self._clock() + seconds

    def expired(self) -> bool:
        return self._end is not None and self._clock() >= self._end

    def check(self, where: str) -> None:
        """Raise ``LimitError`` (code ``limit-time``) when the budget is spent; ``where`` says how far it got."""
        if self.expired():
            from amtsbrief.errors import LimitError

            raise LimitError(self.name, "time", f"the time budget of {self.seconds:g} s was spent before {where}")
