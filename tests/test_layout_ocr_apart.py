"""On a scan, two runs of type of clearly different size far apart on one baseline are two lines: the
small return line above the address window and the letterhead's name beside it (a Finanzamt notice)."""

from __future__ import annotations

from amtsbrief.layout.model import Word
from amtsbrief.layout.zones import Chunk, _apart


def chunk(text: str, x0: float, height: float) -> Chunk:
    words, x = [], x0
    for part in text.split():
        words.append(Word(part, x, 90 - height, x + 5 * len(part), 90, confidence=0.9))
        x += 5 * len(part) + 3
    return Chunk(tuple(words), 8.0)


def test_layout_ocr_return_line_and_letterhead_name_on_one_baseline_are_two_lines():
    band = [chunk("Finanzamt Musterstadt * 12340 Musterstadt", 60, 5.5), chunk("Finanzamt Musterstadt", 340, 9.0)]
    assert [[c.words[0].text for c in row] for row in _apart(band)] == [["Finanzamt"], ["Finanzamt"]]
    assert len(_apart(band)) == 2


def test_layout_ocr_cells_of_one_row_in_one_type_stay_one_row():
    band = [chunk("Telefon 0341 123-0", 60, 7.0), chunk("Telefax 0341 123-99", 340, 7.0)]
    assert len(_apart(band)) == 1
