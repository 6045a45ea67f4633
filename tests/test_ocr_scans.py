"""Scans through Tesseract: a degraded fixture page, image files, missing Tesseract, the Finanzamt scans.

OCR costs seconds a page, so only one fixture page runs by default; the real scans are marked slow.
"""

from __future__ import annotations

import io
import json
import re
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
    monkeypatch.setattr(ocr, "_engine", ocr._CommandEngine)  # without the binding, through the command
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


FINANZAMT = ["finanzamt-guetersloh-2018-04-19-bescheid-60a-scan",
             "finanzamt-guetersloh-2020-07-13-freistellung-scan",
             "finanzamt-guetersloh-2022-10-17-freistellung-scan"]
# Machine text that a scanned notice carries and the letter's text must not: franking groups, a
# barcode's digits, a print system's markers, continuation notes.
MACHINE = re.compile(r"\b[0-9A-F]{4}\s+[0-9A-F]{4}\s+[0-9A-F]{2}\b|\*\d{3,}\*|>>>|<<<|Fortsetzung", re.I)


@pytest.fixture(scope="module", params=FINANZAMT)
def finanzamt(request):
    """(parsed letter, gold) for one of the shared Finanzamt scans, parsed once (OCR: about 10 s a page)."""
    if not tesseract_available("deu"):
        pytest.skip("Tesseract with German data (tesseract-ocr-deu) is not installed")
    path = SHARED / f"{request.param}.pdf"
    gold = SHARED / f"{request.param}.gold.json"
    if not path.exists() or not gold.exists():
        pytest.skip(f"{path} is absent (the shared letters are not checked out here)")
    from amtsbrief.api import parse_file

    return request.param, parse_file(path).model_dump(mode="json"), json.loads(gold.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_ocr_finanzamt_scans_read_cleanly(finanzamt):
    name, letter, gold = finanzamt
    text = letter["source"]["text"]
    assert letter["source"]["extractor"] == "tesseract"
    assert "$" not in text  # every section sign repaired
    assert not MACHINE.search(text), MACHINE.search(text)
    assert not re.search(r"^\S*\s*S[ea][il1]te \d+", text, re.M)  # page headers and numbers left out
    assert not any(w["code"] == "ocr-low-confidence" for w in letter["warnings"])
    # what the layer makes readable: the recipient, the date, the subject (letter-spaced words closed
    # up, the title moved after the address), the office-hours box as label/value lines
    assert letter["references"]["date"] == gold["references"]["date"]
    if "freistellung" in name:
        for path in ("recipient", "subject", "footer"):
            expected = {k: v for k, v in gold[path].items() if k not in ("phone", "fax", "email", "website")}
            assert {k: letter[path][k] for k in expected} == expected, path
    else:
        assert "☐" in text and "☒" in text  # form checkboxes
        # the header fields box: each small label set above its value is one "Label: value" line
        assert re.search(r"^[A-ZÄÖÜ][\w ,]{2,40}: \d{5} \w+, \d{2}\.\d{2}\.\d{4}$", text, re.M)
