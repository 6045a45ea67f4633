"""Specification of the PDF stream check that runs before PDFium: it ends on every stream it is given."""

from __future__ import annotations

import zlib

import pytest

from amtsbrief.errors import LimitError
from amtsbrief.layout.pdfium import _CHUNK as CHUNK, check_streams


def _pdf_with_stream(raw: bytes) -> bytes:
    return (b"%PDF-1.4\n1 0 obj <</Length " + str(len(raw)).encode() + b"/Filter/FlateDecode>> stream\n"
            + raw + b"\nendstream endobj\n%%EOF\n")


@pytest.mark.parametrize("size", [100, CHUNK, 3 * CHUNK])
@pytest.mark.parametrize("trailing", [
    b"",            # the deflate data ends where the stream ends
    b"\r",          # a scanned notice's PDF: a byte after the end of the deflate data; with an image that
                    # inflates to a whole number of chunks this once looped for ever
    b"\r\n\x00",    # several bytes after it
])
def test_layout_pdf_streams_check_ends_on_bytes_after_the_deflate_data(size, trailing):
    check_streams(_pdf_with_stream(zlib.compress(b"\xff" * size) + trailing), "brief.pdf")


def test_layout_pdf_streams_check_refuses_a_stream_bomb_however_it_ends():
    bomb = zlib.compress(b"\0" * (8 * 1024 * 1024), 9) + b"\r"
    with pytest.raises(LimitError, match="inflates to more than"):
        check_streams(_pdf_with_stream(bomb), "bomb.pdf", _config(max_decompressed=1024 * 1024))


def _config(**limits):
    from amtsbrief.config import ParserConfig

    return ParserConfig(**limits)
