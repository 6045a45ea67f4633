"""Explicit, frozen configuration, passed in; never a module-level mutable default."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ParserConfig:
    """How a letter is read.

    ``max_bytes`` guards against enormous input (a letter is kilobytes; a 200-page scan a few MB).
    ``backend`` picks the PDF reader (``auto`` = the fast pypdfium2 one); ``ocr_language`` is
    Tesseract's language code. ``min_letter_chars`` is how much text a letter needs at the least.
    """

    max_bytes: int = 50 * 1024 * 1024
    backend: str = "auto"
    ocr_language: str = "deu"
    min_letter_chars: int = 20


DEFAULT_CONFIG = ParserConfig()
