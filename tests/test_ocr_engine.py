"""How OCR reaches Tesseract: through its API with the model kept loaded (tesserocr) where the binding is
installed, else through the ``tesseract`` command (pytesseract); both give the same table of words."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from amtsbrief.layout import ocr

PDFS = Path(__file__).parent / "pdfs"


@pytest.fixture
def fresh_engine(monkeypatch):
    """The engine chosen anew for the test, and again after it."""
    monkeypatch.delenv("AMTSBRIEF_OCR_ENGINE", raising=False)
    ocr._engine.cache_clear()
    ocr._languages.cache_clear()
    yield
    ocr._engine.cache_clear()
    ocr._languages.cache_clear()


def test_ocr_engine_tsv_rows_become_the_columns_pytesseract_gives():
    tsv = ("1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n"
           "5\t1\t2\t1\t3\t1\t310\t412\t180\t40\t96.5\tTelefon\n"
           "5\t1\t2\t1\t3\t2\t500\t412\t120\t40\t88\t0351\n")
    table = ocr._tsv_table(tsv)
    assert table["text"] == ["", "Telefon", "0351"]
    assert table["conf"] == [-1.0, 96.5, 88.0]
    assert table["block_num"] == [0, 2, 2] and table["line_num"] == [0, 3, 3]
    assert table["left"][1:] == [310, 500] and table["width"][1:] == [180, 120]


def test_ocr_engine_falls_back_to_the_command_without_the_binding(fresh_engine, monkeypatch):
    monkeypatch.setitem(sys.modules, "tesserocr", None)  # import fails as if not installed
    assert ocr.engine_name() == "tesseract"


def test_ocr_engine_command_can_be_asked_for(fresh_engine, monkeypatch):
    monkeypatch.setenv("AMTSBRIEF_OCR_ENGINE", "tesseract")
    assert ocr.engine_name() == "tesseract"


@pytest.mark.skipif(not ocr.tesseract_available("deu"), reason="Tesseract with German data is not installed")
def test_ocr_engine_api_keeps_its_model_and_reads_as_the_command_does(fresh_engine):
    pytest.importorskip("tesserocr")
    from PIL import Image

    image = Image.open(PDFS / "din-letter-scan.png")
    crop = image.crop((0, 0, image.width, image.height // 4))
    engine = ocr._engine()
    assert engine.name == "tesserocr"
    first = engine.data(crop, "deu", 3)
    api = engine._apis["deu"]
    second = engine.data(crop, "deu", 3)
    assert engine._apis["deu"] is api  # loaded once, kept for every later page
    assert first["text"] == second["text"]
    words = {word for word in first["text"] if word.strip()}
    command = {word for word in ocr._CommandEngine().data(crop, "deu", 3)["text"] if word.strip()}
    assert len(words & command) >= 0.8 * len(command)
