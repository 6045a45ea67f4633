"""What OCR leaves out because it costs time and gains nothing on letters (benchmarks/ocr.py measured
each on the scans of ../shared/letters, every letter's F1 the same): Tesseract's inverted second reading
of doubtful lines, colour where a page has none, and a first reading of a photo's white surroundings."""

from __future__ import annotations

import random

import pytest

from amtsbrief.layout import ocr

Image = pytest.importorskip("PIL.Image")


def _page(letterhead=None, noise: int = 0) -> "Image.Image":
    """An RGB page of grey paper with a dark bar of type (and a ``letterhead`` bar of that colour), each
    pixel's green off by up to ``noise`` levels either way (a JPEG's colour noise)."""
    image = Image.new("RGB", (200, 120), (235, 235, 235))
    image.paste((20, 20, 20), (20, 40, 180, 60))
    if letterhead:
        image.paste(letterhead, (20, 80, 180, 100))
    if noise:
        rng = random.Random(7)
        pixels = image.load()
        for x in range(image.width):
            for y in range(image.height):
                r, g, b = pixels[x, y]
                pixels[x, y] = (r, g + rng.randint(-noise, noise), b)
    return image


def test_ocr_cheap_reading_a_grey_page_rendered_in_colour_goes_to_tesseract_as_grey():
    grey = ocr._colourless(_page())
    assert grey.mode == "L"
    assert grey.getpixel((30, 50)) == 20 and grey.getpixel((5, 5)) == 235  # the values unchanged


def test_ocr_cheap_reading_a_grey_page_scanned_in_colour_with_colour_noise_goes_as_grey():
    assert ocr._colourless(_page(noise=2)).mode == "L"


def test_ocr_cheap_reading_a_page_with_colour_on_it_stays_in_colour():
    # a red letterhead: Tesseract finds its ink channel by channel, and reads it worse from grey
    assert ocr._colourless(_page(letterhead=(200, 30, 30))).mode == "RGB"


def test_ocr_cheap_reading_tesseract_does_not_read_doubtful_lines_again_inverted():
    if not ocr.tesseract_available("deu") or ocr.engine_name() != "tesserocr":
        pytest.skip("needs Tesseract's API (tesserocr) with German data")
    ocr._engine().data(_page().convert("L"), "deu", 3)
    api = ocr._engine()._apis["deu"]
    assert api.GetVariableAsString("tessedit_do_invert") == "0"
    assert api.GetVariableAsString("invert_threshold") in ("0", "0.0")


def test_ocr_cheap_reading_the_command_is_told_the_same():
    assert "-c tessedit_do_invert=0" in ocr._COMMAND_SETTINGS and "-c invert_threshold=0" in ocr._COMMAND_SETTINGS


def test_ocr_cheap_reading_a_photo_placed_on_a_page_is_known_before_reading(shared_dir):
    from amtsbrief.layout import pdfium

    letters = shared_dir / "letters"
    photo = letters / "finanzamt-trier-2023-06-19-freistellung-scan.pdf"
    scan = letters / "bmi-2011-11-16-vermerk-scan.pdf"
    if not photo.exists() or not scan.exists():
        pytest.skip("the scanned letters are not there")
    for path, expected in ((photo, True), (scan, False)):
        document = pdfium.open_document(path.read_bytes(), path.name)
        try:
            assert [ocr.scan_reading(document, index)[1] for index in range(len(document))] == [expected] * len(document)
        finally:
            document.close()
