"""Zone detection on hand-made word boxes: the rules of amtsbrief.layout.zones one at a time."""

from __future__ import annotations

from amtsbrief.layout import lay_out
from amtsbrief.layout.model import Page, Word


def _line(text: str, x: float, top: float, size: float = 10.0) -> list[Word]:
    """Words of ``text`` set from ``x`` at ``top``, 5.5 pt a character and one space between words."""
    words, cursor = [], x
    for token in text.split():
        width = len(token) * 5.5
        words.append(Word(token, cursor, top, cursor + width, top + size * 1.15, size=size))
        cursor += width + 2.8
    return words


def _page(*lines: list[Word], number: int = 1) -> Page:
    return Page(number, 595.0, 842.0, words=tuple(w for line in lines for w in line))


def test_zones_two_columns_read_left_then_right():
    page = _page(_line("Frau Kreisrätin", 70, 150), _line("E-Mail: helmert@example.org", 350, 150),
                 _line("Ulrike Kahl", 70, 163), _line("Datum: 07.09.2015", 350, 163))
    assert lay_out([page], extractor="test").text == (
        "Frau Kreisrätin\nUlrike Kahl\n\nE-Mail: helmert@example.org\nDatum: 07.09.2015")


def test_zones_label_value_table_is_read_by_rows():
    # labels end with a colon and sit beside their values: a table, not two columns
    page = _page(_line("Telefon:", 350, 100), _line("03733 831-1012", 420, 100),
                 _line("Telefax:", 350, 113), _line("03733 831-1028", 420, 113),
                 _line("Zimmer:", 350, 126), _line("A0.09", 420, 126))
    assert lay_out([page], extractor="test").text == "Telefon: 03733 831-1012\nTelefax: 03733 831-1028\nZimmer: A0.09"


def test_zones_blank_line_between_paragraphs():
    page = _page(_line("Erster Absatz, erste Zeile", 70, 300), _line("und seine zweite Zeile.", 70, 313),
                 _line("Zweiter Absatz.", 70, 340))
    assert lay_out([page], extractor="test").text == (
        "Erster Absatz, erste Zeile\nund seine zweite Zeile.\n\nZweiter Absatz.")


def test_zones_page_number_at_the_foot_is_furniture():
    page = _page(_line("Text der Seite.", 70, 300), _line("Mehr Text.", 70, 313), _line("- 1 -", 280, 800))
    assert "- 1 -" not in lay_out([page], extractor="test").text


def test_zones_running_header_repeated_on_later_pages_is_left_out():
    header = "Landkreis Muster Az. 12-34"
    pages = [_page(_line(header, 70, 40), _line("Seite eins Text.", 70, 300), number=1),
             _page(_line(header, 70, 40), _line("Seite zwei Text.", 70, 300), number=2),
             _page(_line(header, 70, 40), _line("Seite drei Text.", 70, 300), number=3)]
    text = lay_out(pages, extractor="test").text
    assert text.count(header) == 1 and text.startswith(header)  # page 1's letterhead stays


def test_zones_small_print_at_the_foot_is_the_footer():
    body = [_line(f"Zeile {i} des Briefes mit etwas Text.", 70, 300 + 13 * i) for i in range(5)]
    footer = [_line("Bankverbindung: Sparkasse Muster", 70, 780, size=7), _line("IBAN DE02 1203 0000 0000 2020 51", 70, 790, size=7)]
    page = _page(*body, *footer)
    document = lay_out([page], extractor="test")
    assert [z.kind for z in document.zones] == ["body", "footer"]
    assert document.text.endswith("Bankverbindung: Sparkasse Muster\nIBAN DE02 1203 0000 0000 2020 51")


def test_zones_locate_answers_none_outside_the_words():
    document = lay_out([_page(_line("Ein Wort.", 70, 300))], extractor="test")
    assert document.locate(len(document.text) + 5, len(document.text) + 9) is None
    assert document.locate(0, 3) == (1, (70.0, 300.0, 70.0 + 3 * 5.5, 311.5))


def test_zones_new_chunk_is_the_chunk_the_constructor_makes():
    import dataclasses

    from amtsbrief.layout.zones import Chunk, new_chunk

    words = (Word("Telefon", 350.0, 100.0, 380.5, 109.0, size=9.0), Word("0351", 384.0, 99.5, 402.0, 109.5, size=9.0))
    made, built = new_chunk(words, 9.0), Chunk(words, 9.0)
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert vars(made) == vars(built) and list(vars(made)) == list(vars(built))
    assert (made.x0, made.top, made.x1, made.bottom, made.text) == (350.0, 99.5, 402.0, 109.5, "Telefon 0351")
    try:
        made.size = 10.0
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("a Chunk must stay frozen")
