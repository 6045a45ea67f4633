"""Scans through Tesseract: a degraded fixture page, image files, missing Tesseract, the Finanzamt scans.

OCR costs seconds a page, so only one fixture page runs by default; the real scans are marked slow.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from amtsbrief.errors import DependencyError, InputError
from amtsbrief.layout import read_layout
from amtsbrief.layout.ocr import tesseract_available

PDFS = Path(__file__).parent / "pdfs"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "letters"
needs_tesseract = pytest.mark.skipif(not tesseract_available("deu"),
                                     reason="Tesseract with German data (tesseract-ocr-deu) is not installed")


@pytest.fixture(scope="module")
def scan():
    """The fixture's page 1 as a degraded 150 dpi scan, read once for all tests of this module."""
    if not tesseract_available("deu"):
        pytest.skip("Tesseract with German data (tesseract-ocr-deu) is not installed")
    path = PDFS / "din-letter-scan.png"
    return read_layout(path.read_bytes(), media_type="image/png", name=str(path))


def test_ocr_scan_reads_columns_in_order(scan):
    assert scan.extractor == "tesseract"
    text = scan.text
    assert "Dr. Erika Mustermann" in text and "Aktenzeichen: 32.1-041/24" in text
    assert text.index("01234 Beispielstadt\n\nBearbeiterin") > 0  # window, then the information block
    assert "Sehr geehrte Frau Stadträtin Dr. Mustermann," in text


def test_ocr_scan_has_boxes_and_confidences(scan):
    start = scan.text.index("Aktenzeichen")
    page, (x0, top, x1, bottom) = scan.locate(start, start + 12)
    assert page == 1 and x0 > 300 and top < 200  # the right-hand block, in points
    confidence = scan.confidence(start, start + 12)
    assert confidence is not None and 0.5 < confidence <= 1.0


def test_ocr_scan_footer_columns_at_the_end(scan):
    assert scan.text.rstrip().endswith("BIC: BYLADEM1001")


@needs_tesseract
def test_ocr_pdf_without_text_layer_goes_through_ocr():
    from PIL import Image

    image = Image.open(PDFS / "din-letter-scan.png")
    buffer = io.BytesIO()
    image.save(buffer, format="PDF", resolution=150)
    document = read_layout(buffer.getvalue(), media_type="application/pdf", name="scan.pdf")
    assert document.extractor == "tesseract" and "Parken im Innenstadtbereich" in document.text


def test_ocr_missing_tesseract_says_how_to_install(monkeypatch):
    import pytesseract

    from amtsbrief.layout import ocr

    def missing(config=""):
        raise pytesseract.TesseractNotFoundError()

    ocr._languages.cache_clear()
    monkeypatch.setattr(pytesseract, "get_languages", missing)
    try:
        with pytest.raises(DependencyError, match="apt-get install tesseract-ocr tesseract-ocr-deu") as caught:
            read_layout((PDFS / "din-letter-scan.png").read_bytes(), media_type="image/png", name="scan.png")
        assert "scan.png" in str(caught.value)
    finally:
        ocr._languages.cache_clear()


def test_ocr_unreadable_image_is_an_input_error():
    with pytest.raises(InputError, match=r"bad\.png: the image cannot be read"):
        read_layout(b"\x89PNG\r\n\x1a\nnot really", media_type="image/png", name="bad.png")


@pytest.mark.parametrize("text, expected", [
    ("$", "§"), ("($", "(§"), ("$$", "§§"), ("S$", "§§"), ("$63", "§63"), ("8$", "§§"),  # Tesseract's misreadings of §
    ("US$", "US$"), ("5$", "5$"),  # other dollars stay
])
def test_ocr_section_sign_repair(text, expected):
    from amtsbrief.layout.ocr import _fix

    assert _fix(text) == expected


@pytest.mark.slow
@needs_tesseract
@pytest.mark.parametrize("name", ["finanzamt-guetersloh-2018-04-19-bescheid-60a-scan.pdf",
                                  "finanzamt-guetersloh-2020-07-13-freistellung-scan.pdf",
                                  "finanzamt-guetersloh-2022-10-17-freistellung-scan.pdf"])
def test_ocr_finanzamt_scans_read_cleanly(name):
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared letters are not checked out here)")
    document = read_layout(path.read_bytes(), media_type="application/pdf", name=name)
    assert document.extractor == "tesseract"
    assert "Gütersloh" in document.text and "Rechtsbehelf" in document.text
    assert "$" not in document.text  # every section sign repaired
    assert not any(code == "ocr-low-confidence" for code, _ in document.warnings)
