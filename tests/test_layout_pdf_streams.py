"""Specification of the PDF stream check that runs before PDFium: it ends on every stream it is given."""

from __future__ import annotations

import zlib

import pytest

from amtsbrief.errors import LimitError
from amtsbrief.layout.pdfium import _CHUNK as CHUNK, _inflated, check_streams


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
    raw = zlib.compress(b"\xff" * size) + trailing
    assert _inflated(raw, 1, 1 << 30) == size
    # a budget below what Deflate could reach from the stream's length, so that the stream is inflated
    check_streams(_pdf_with_stream(raw), "brief.pdf", _config(max_decompressed=size + 1))


def test_layout_pdf_streams_check_does_not_inflate_a_stream_too_short_to_reach_the_limit(monkeypatch):
    import amtsbrief.layout.pdfium as pdfium

    def refuse(*args):
        raise AssertionError("inflated")

    monkeypatch.setattr(pdfium, "_inflated", refuse)
    raw = zlib.compress(b"\0" * 100_000, 9)  # about 100 bytes: at most about 100 kB at Deflate's greatest ratio
    check_streams(_pdf_with_stream(raw), "brief.pdf", _config(max_decompressed=1024 * 1024))
    with pytest.raises(AssertionError, match="inflated"):
        check_streams(_pdf_with_stream(raw), "brief.pdf", _config(max_decompressed=1024))


def test_layout_pdf_streams_check_refuses_a_stream_bomb_however_it_ends():
    bomb = zlib.compress(b"\0" * (8 * 1024 * 1024), 9) + b"\r"
    with pytest.raises(LimitError, match="inflates to more than"):
        check_streams(_pdf_with_stream(bomb), "bomb.pdf", _config(max_decompressed=1024 * 1024))


def _config(**limits):
    from amtsbrief.config import ParserConfig

    return ParserConfig(**limits)


class _BudgetSpentAfter:
    """A time budget that runs out after the OCR of ``pages`` pages."""

    seconds = 15.0

    def __init__(self, pages: int):
        self.left = pages

    def expired(self) -> bool:
        return self.left <= 0

    def check(self, where: str) -> None:
        if "OCR" in where:
            self.left -= 1


def test_layout_pdf_long_scan_keeps_the_pages_read_within_the_time_budget(monkeypatch):
    import io

    from PIL import Image

    import amtsbrief.layout as layout

    buffer = io.BytesIO()
    white = Image.new("L", (200, 280), 255)
    white.save(buffer, format="PDF", save_all=True, append_images=[white, white])
    from amtsbrief.layout.model import Page, Word

    words = (Word("Bescheid", 0, 0, 10, 10),) * layout.FEW_WORDS  # a page that was read
    monkeypatch.setattr(layout, "_ocr_within", lambda name, image, number, *rest: Page(number, 200, 280, words))

    pages, extractor, warnings = layout._read_pdf(buffer.getvalue(), "scan.pdf", "auto", "deu",
                                                  deadline=_BudgetSpentAfter(pages=2))

    assert [page.number for page in pages] == [1, 2]
    assert extractor == "tesseract"
    assert warnings == [("pages-unread", "pages 3 were not read by OCR: the time budget of 15 s was spent")]


def test_layout_pdf_scan_read_as_empty_is_read_again_on_the_sheet_alone(monkeypatch):
    from PIL import Image

    import amtsbrief.layout as layout
    from amtsbrief.config import DEFAULT_CONFIG
    from amtsbrief.layout.model import Line, Page, Word
    from amtsbrief.layout.ocr import DPI

    # A grey photographed sheet (at 300 dpi: 300 px from the left, 600 px from the top) on a white page.
    image = Image.new("L", (2480, 3508), 255)
    image.paste(200, (300, 600, 2180, 3300))
    seen = []

    def ocr(name, picture, number, *rest):
        seen.append(picture.size)
        if picture.size == image.size:
            return Page(number=number, width=595.2, height=841.9)  # the global threshold lost the type
        word = Word("Freistellungsbescheid", 10.0, 20.0, 110.0, 30.0)
        return Page(number=number, width=451.2, height=647.5, words=(word,) * 25, lines=(Line((word,) * 25),))

    monkeypatch.setattr(layout, "_ocr_within", ocr)
    first = layout._ocr_within("scan.pdf", image, 1, "deu", DEFAULT_CONFIG)
    page = layout._ocr_paper_alone("scan.pdf", image, 1, "deu", DEFAULT_CONFIG, first, DPI)

    assert seen == [image.size, (1880, 2700)]
    assert (page.width, page.height) == (595.2, 841.9)
    assert (page.words[0].x0, page.words[0].top) == (10.0 + 72.0, 20.0 + 144.0)  # 300 and 600 px at 300 dpi
