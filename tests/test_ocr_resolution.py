"""At which resolution a scanned page is read, and what of it is left out as postal marking.

Tesseract's time grows with a page's pixels; running text reads as well at 150–200 dpi as at 300. The
first page (the letter's head: small print, form fields, letter-spaced titles) and a coarse scan (a
photo) are read at 300 dpi; later pages of a finer scan at their own resolution, up to 200 dpi.
"""

from __future__ import annotations

import io

import pytest

from amtsbrief.layout import ocr


@pytest.mark.parametrize("dpi, number, expected", [
    (300, 1, 300), (96, 1, 300), (400, 1, 400),   # the first page as before: 300 dpi or finer
    (300, 2, 200), (600, 3, 200),                 # a fine scan's later pages: 200 dpi
    (150, 2, 150), (199.5, 2, 199.5),             # a scan between 150 and 200 dpi: as it is
    (96, 2, 300),                                 # a coarse scan: magnified to 300 dpi (its checkboxes stay marks)
])
def test_ocr_resolution_by_page_and_scan(dpi, number, expected):
    assert ocr.ocr_dpi(dpi, number) == expected


def _pdf_of_pages(dpi: int, pages: int = 2) -> bytes:
    """A PDF of white A4 pages, each one image of ``dpi``."""
    from PIL import Image

    buffer = io.BytesIO()
    sheet = Image.new("L", (round(8.27 * dpi), round(11.69 * dpi)), 255)
    sheet.save(buffer, format="PDF", resolution=dpi, save_all=True, append_images=[sheet] * (pages - 1))
    return buffer.getvalue()


@pytest.mark.parametrize("dpi, expected", [(300, [300, 200]), (200, [300, 200]), (100, [300, 300])])
def test_ocr_resolution_of_a_pdf_page_follows_its_scan(dpi, expected):
    from amtsbrief.layout import pdfium

    document = pdfium.open_document(_pdf_of_pages(dpi), "scan.pdf")
    try:
        assert [round(ocr.scan_reading(document, index)[0]) for index in range(2)] == expected
    finally:
        document.close()


def test_ocr_resolution_of_a_photo_placed_on_its_page_is_300_dpi():
    """A camera's picture pasted on an A4 page (a third of it white around): read at 300 dpi throughout."""
    import pypdfium2 as pdfium
    from PIL import Image

    document = pdfium.PdfDocument.new()
    for _ in range(2):
        page = document.new_page(595, 842)
        image = pdfium.PdfImage.new(document)
        bitmap = pdfium.PdfBitmap.from_pil(Image.new("RGB", (680, 900), (200, 200, 190)))
        image.set_bitmap(bitmap)
        image.set_matrix(pdfium.PdfMatrix().scale(450, 600).translate(70, 120))
        page.insert_obj(image)
        page.gen_content()
    assert [round(ocr.scan_reading(document, index)[0]) for index in range(2)] == [300, 300]


def _words(*texts: str) -> list:
    """Words set one after another on a line, 10 px apart."""
    words, x = [], 0
    for text in texts:
        words.append((text, 0.9, (x, 0, x + 10 * len(text), 30)))
        x += 10 * len(text) + 10
    return words


def test_ocr_franking_imprint_is_no_line_of_the_letter():
    line = _words("DV", "06.23", "0,85", "Deutsche", "Post")
    assert ocr._without_postage(line, gap=75) == []


def test_ocr_franking_imprint_beside_the_title_leaves_the_title():
    line = _words("DV0720", "0,80Deutsche", "Post")
    title = ("Freistellungsbescheid", 0.95, (900, 0, 1110, 40))
    assert ocr._without_postage(line + [title], gap=75) == [title]


def test_ocr_the_post_named_in_a_sentence_stays():
    line = _words("Aufgabe", "zur", "Deutsche", "Post", "als", "bewirkt")
    assert ocr._without_postage(line, gap=75) == line
