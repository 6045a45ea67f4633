"""The Python API: text, bytes or a file in, a validated :class:`~amtsbrief.schema.Letter` out."""

from __future__ import annotations

import os
from typing import IO, Union

from amtsbrief.config import DEFAULT_CONFIG, ParserConfig
from amtsbrief.errors import TooLargeError
from amtsbrief.load import load_bytes, load_path, load_text
from amtsbrief.pipeline import parse_document
from amtsbrief.schema import Letter

#: What :func:`parse_file` reads: a path, or a file object opened in binary mode.
FileInput = Union[str, "os.PathLike[str]", IO[bytes]]


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


def parse_file(file: FileInput, config: ParserConfig | None = None) -> Letter:
    """Parse the letter in a file: ``.txt`` (any common encoding), ``.eml``, ``.msg``, PDF, image, PAGE or ALTO XML.

    ``file`` is a path or a file object opened in binary mode (``open(path, "rb")``, ``io.BytesIO``, an
    upload); a file object's ``name``, where it has one, names the letter and tells its kind by suffix.
    A missing path raises ``FileNotFoundError``, a directory ``IsADirectoryError``; a file object in text
    mode a ``TypeError``.

    >>> import io
    >>> parse_file(io.BytesIO("Sehr geehrte Frau Beispiel,\\n\\nja, gern.\\n\\nMit freundlichen Grüßen\\n\\nA. Muster".encode())).body
    'ja, gern.'
    """
    config = config or DEFAULT_CONFIG
    if isinstance(file, (str, os.PathLike)):
        return parse_document(load_path(os.fspath(file), config), config)
    name = getattr(file, "name", None)
    name = name if isinstance(name, str) else "<file>"
    # One byte past the limit is enough to know the file is too large, without reading all of it.
    data = file.read(config.max_bytes + 1)
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise TypeError(f"{name}: parse_file needs a file opened in binary mode ('rb'), not text mode")
    if len(data) > config.max_bytes:
        raise TooLargeError(name, f"more than the limit of {config.max_bytes} bytes")
    return parse_document(load_bytes(data, name=name, path=None, config=config), config)
