"""The Python API: text, bytes or a file in, a validated :class:`~amtsbrief.schema.Letter` out."""

from __future__ import annotations

from pathlib import Path

from amtsbrief.config import DEFAULT_CONFIG, ParserConfig
from amtsbrief.load import load_bytes, load_path, load_text
from amtsbrief.pipeline import parse_document
from amtsbrief.schema import Letter


def parse_text(text: str, config: ParserConfig | None = None, *, name: str = "<text>") -> Letter:
    """Parse a letter given as a Python string.

    Raises :class:`~amtsbrief.errors.AmtsbriefError` for input that is no letter (empty, binary, too short).

    >>> parse_text("Betreff: Test\\n\\nSehr geehrte Damen und Herren,\\n\\nalles gut.\\n\\nMit freundlichen Grüßen\\n\\nA. Muster").body
    'alles gut.'
    """
    config = config or DEFAULT_CONFIG
    return parse_document(load_text(text, name=name), config)


def parse_bytes(data: bytes, config: ParserConfig | None = None, *, name: str = "<bytes>") -> Letter:
    """Parse a letter given as bytes (a text file's content in any common encoding, an e-mail, a PDF …)."""
    config = config or DEFAULT_CONFIG
    return parse_document(load_bytes(data, name=name, config=config), config)


def parse_file(path: str | Path, config: ParserConfig | None = None) -> Letter:
    """Parse the letter in a file: ``.txt`` (any common encoding), ``.eml``, PDF, image, PAGE or ALTO XML."""
    config = config or DEFAULT_CONFIG
    return parse_document(load_path(path, config), config)
