"""`amtsbrief show`: the page with its zones (and fields, once the parser is there) as PNG or HTML."""

from __future__ import annotations

from pathlib import Path


from amtsbrief.cli import main

PDFS = Path(__file__).parent / "pdfs"


def test_show_writes_a_png_of_the_page(tmp_path):
    from PIL import Image

    out = tmp_path / "page.png"
    assert main(["show", str(PDFS / "din-letter-natural.pdf"), "-o", str(out)]) == 0
    image = Image.open(out)
    assert image.size[0] == 827 and abs(image.size[1] - 1169) <= 1  # A4 at 100 dpi


def test_show_writes_html_with_every_page_and_zone(tmp_path):
    out = tmp_path / "page.html"
    assert main(["show", str(PDFS / "din-letter-scrambled.pdf"), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") == 2
    assert "footer: Sprechzeiten:" in html and "body: Bearbeiterin: Frau Sommer" in html


def test_show_draws_field_spans(tmp_path, monkeypatch):
    import amtsbrief
    from amtsbrief.schema import Letter

    letter = Letter(spans={"contact.room": (0, 4, 1, (350.0, 110.0, 420.0, 120.0))})
    monkeypatch.setattr(amtsbrief, "parse_file", lambda path: letter, raising=False)
    out = tmp_path / "page.html"
    assert main(["show", str(PDFS / "din-letter-natural.pdf"), "-o", str(out)]) == 0
    assert "contact.room = None" in out.read_text(encoding="utf-8")


def test_show_page_out_of_range_is_an_error(tmp_path, capsys):
    assert main(["show", str(PDFS / "din-letter-natural.pdf"), "-o", str(tmp_path / "p.png"), "--page", "9"]) == 2
    assert "not page 9" in capsys.readouterr().err
