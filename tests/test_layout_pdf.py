"""The layout layer on born-digital PDFs: reading order, furniture, footers, the box map, broken files.

Fixtures in tests/pdfs are made by tests/pdfs/make_fixtures.py from a fictional DIN 5008 letter.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from amtsbrief.errors import AmtsbriefError, InputError
from amtsbrief.layout import read_layout

PDFS = Path(__file__).parent / "pdfs"
PRODUCERS = ("natural", "scrambled")  # left column first / right column and footer first in the file
BACKENDS = ("pdfium", "pdfplumber")


def _read(name: str, backend: str = "auto"):
    path = PDFS / name
    return read_layout(path.read_bytes(), media_type="application/pdf", name=str(path), backend=backend)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("producer", PRODUCERS)
def test_layout_left_column_before_right_column(producer, backend):
    text = _read(f"din-letter-{producer}.pdf", backend).text
    # the recipient window (left) is read whole, then the information block (right), each on its own lines
    assert "Lindenweg 12\n01234 Beispielstadt\n\nBearbeiterin: Frau Sommer\nZimmer: 1.07" in text
    assert "\nTelefon: 01234 567-201\n" in text
    assert text.index("Dr. Erika Mustermann") < text.index("Aktenzeichen: 32.1-041/24") < text.index("Parken im")


@pytest.mark.parametrize("producer", PRODUCERS)
def test_layout_backends_give_the_same_text(producer):
    assert _read(f"din-letter-{producer}.pdf", "pdfium").text == _read(f"din-letter-{producer}.pdf", "pdfplumber").text


def test_layout_producers_give_the_same_text():
    assert _read("din-letter-natural.pdf").text == _read("din-letter-scrambled.pdf").text


@pytest.mark.parametrize("producer", PRODUCERS)
def test_layout_page_numbers_are_left_out(producer):
    document = _read(f"din-letter-{producer}.pdf")
    assert document.pages == 2
    assert "Seite 2 von 2" not in document.text and "- 2 -" not in document.text


@pytest.mark.parametrize("producer", PRODUCERS)
def test_layout_footer_columns_come_once_at_the_end(producer):
    text = _read(f"din-letter-{producer}.pdf").text
    assert text.count("Bankverbindung:") == 1  # the scrambled producer repeats it on every page
    assert text.index("Sachgebietsleiterin") < text.index("Sprechzeiten:")
    # each footer column is read top to bottom, the columns left to right
    assert "Sprechzeiten:\nMontag 08:00 – 12:00\nDienstag 08:00 – 18:00\nDonnerstag 08:00 – 18:00\n\nKontakt:" in text
    assert text.rstrip().endswith("BIC: BYLADEM1001")


def test_layout_paragraph_over_the_page_break_stays_whole():
    text = _read("din-letter-natural.pdf").text
    assert "\n\n\n" not in text
    assert "Die Bahnhofstraße ist nach wie vor ein Schwerpunkt." in text


@pytest.mark.parametrize("backend", BACKENDS)
def test_layout_locate_maps_text_to_page_and_box(backend):
    document = _read("din-letter-natural.pdf", backend)
    start = document.text.index("Telefon: 01234 567-201")
    page, (x0, top, x1, bottom) = document.locate(start, start + len("Telefon: 01234 567-201"))
    assert page == 1
    assert x0 > 300 and x1 < 595 and top < 200 and 6 < bottom - top < 15  # the right-hand block, one line
    start = document.text.index("BIC: BYLADEM1001")
    page, (_, top, _, _) = document.locate(start, start + 4)
    assert page == 1 and top > 700  # the footer at the foot of page 1
    start = document.text.index("wurden.\n\nMit freundlichen")
    assert document.locate(start, start + 3)[0] == 2


def test_layout_locate_of_a_range_over_lines_gives_its_first_line():
    document = _read("din-letter-natural.pdf")
    start = document.text.index("Frau Stadträtin")
    page, box = document.locate(start, document.text.index("Lindenweg 12") + 3)
    assert page == 1 and box[3] - box[1] < 15


def test_layout_confidence_is_none_for_born_digital_text():
    document = _read("din-letter-natural.pdf")
    assert document.confidence(0, 20) is None
    assert document.extractor == "pdfium"


def test_layout_bundle_leaves_attachment_out():
    document = _read("bundle-anlage.pdf")
    assert document.pages == 3
    assert "Anlage 1" not in document.text and "Übersicht der Verwarnungen" not in document.text
    assert ("attachments", "attachments (Anlagen) begin on page 3; left out of the letter") in document.warnings
    assert document.text.rstrip().endswith("BIC: BYLADEM1001")


@pytest.mark.parametrize("name, words", [
    ("encrypted.pdf", "password"),  # needs a password: say so, do not crash inside PDFium
    ("truncated.pdf", "not a readable PDF"),  # half a file
    ("no-pages.pdf", "no pages"),
])
@pytest.mark.parametrize("backend", BACKENDS)
def test_layout_broken_pdf_raises_input_error(name, words, backend):
    with pytest.raises(InputError) as caught:
        _read(name, backend)
    assert name in str(caught.value) and words in str(caught.value)


def test_layout_not_a_pdf_raises_input_error():
    with pytest.raises(InputError, match="not-a.pdf"):
        read_layout(b"%PDF-1.4 this is no pdf", media_type="application/pdf", name="not-a.pdf")


def test_layout_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="backend"):
        _read("din-letter-natural.pdf", "pymupdf")


def test_layout_unknown_media_type_is_an_input_error():
    with pytest.raises(AmtsbriefError, match="cannot read"):
        read_layout(b"hello", media_type="text/plain", name="x.txt")


def test_layout_pdfium_keeps_the_hyphen_that_breaks_a_word_at_a_line_end(shared_dir):
    # PDFium writes such a hyphen as U+FFFE; dropped, "Domscheit-Berg" became two names and "zu-ständig" two words.
    source = shared_dir / "letters" / "bundestag-2022-07-22-drs-20-2869-kleine-anfrage-frontex.pdf"
    text = read_layout(source.read_bytes(), media_type="application/pdf", name=source.name, backend="pdfium").text
    assert "Domscheit-\nBerg" in text and "zu-\nständig" in text
    assert "\ufffe" not in text
