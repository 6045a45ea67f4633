"""PAGE and ALTO XML: lines in reading order with boxes, and XML that is refused for safety."""

from __future__ import annotations

from pathlib import Path

import pytest

from amtsbrief.errors import InputError
from amtsbrief.layout import read_layout

PAGE = "application/vnd.prima.page+xml"
ALTO = "application/alto+xml"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "letters"
NS = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"


def _page_xml(regions: str, order: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><PcGts xmlns="{NS}"><Page imageFilename="x.tif" '
            f'imageWidth="2480" imageHeight="3508"><ReadingOrder><OrderedGroup id="g">{order}</OrderedGroup>'
            f"</ReadingOrder>{regions}</Page></PcGts>").encode()


def _region(rid: str, kind: str, lines: list[tuple[str, int]]) -> str:
    body = "".join(f'<TextLine id="{rid}l{i}"><Coords points="300,{y} 1200,{y} 1200,{y + 40} 300,{y + 40}"/>'
                   f"<TextEquiv><Unicode>{text}</Unicode></TextEquiv></TextLine>" for i, (text, y) in enumerate(lines))
    return f'<TextRegion id="{rid}" type="{kind}"><Coords points="0,0 1,1"/>{body}</TextRegion>'


def test_xml_page_follows_reading_order_not_file_order():
    regions = _region("r1", "paragraph", [("Zweiter Absatz.", 900)]) + _region("r2", "heading", [("Überschrift", 300)])
    order = '<RegionRefIndexed index="1" regionRef="r1"/><RegionRefIndexed index="0" regionRef="r2"/>'
    document = read_layout(_page_xml(regions, order), media_type=PAGE, name="order.xml")
    assert document.text == "Überschrift\n\nZweiter Absatz."
    assert document.extractor == "page-xml"
    page, box = document.locate(0, 5)
    assert page == 1 and box[1] == pytest.approx(300 * 72 / 300)


def test_xml_page_number_region_is_left_out():
    regions = _region("r1", "page-number", [("17", 100)]) + _region("r2", "paragraph", [("Text.", 400)])
    order = '<RegionRefIndexed index="0" regionRef="r1"/><RegionRefIndexed index="1" regionRef="r2"/>'
    assert read_layout(_page_xml(regions, order), media_type=PAGE, name="n.xml").text == "Text."


def test_xml_alto_lines_with_hyphen_and_confidence():
    alto = b"""<?xml version="1.0"?><alto xmlns="http://www.loc.gov/standards/alto/ns-v4#">
    <Description><MeasurementUnit>pixel</MeasurementUnit></Description><Layout><Page WIDTH="2480" HEIGHT="3508">
    <TopMargin><TextBlock><TextLine><String CONTENT="Seite" HPOS="1000" VPOS="100" WIDTH="100" HEIGHT="40"/>
    <String CONTENT="2" HPOS="1110" VPOS="100" WIDTH="20" HEIGHT="40"/></TextLine></TextBlock></TopMargin>
    <PrintSpace><TextBlock><TextLine><String CONTENT="Die" HPOS="300" VPOS="400" WIDTH="80" HEIGHT="40" WC="0.9"/>
    <SP/><String CONTENT="Anfra" HPOS="400" VPOS="400" WIDTH="120" HEIGHT="40" WC="0.5"/><HYP CONTENT="-"/></TextLine>
    <TextLine><String CONTENT="ge" HPOS="300" VPOS="450" WIDTH="50" HEIGHT="40" WC="0.7"/></TextLine></TextBlock>
    </PrintSpace></Page></Layout></alto>"""
    document = read_layout(alto, media_type=ALTO, name="a.xml")
    assert document.text == "Die Anfra-\nge"  # hyphen kept: dehyphenation is the parser's job
    assert document.confidence(0, 3) == pytest.approx(0.9)
    assert document.confidence(0, len(document.text)) == pytest.approx((0.9 + 0.5 + 0.7) / 3)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<PcGts><Page imageWidth="10" imageHeight="10"><TextRegion id="r"><TextLine id="l"><Coords points="0,0 5,5"/>
<TextEquiv><Unicode>&lol3;</Unicode></TextEquiv></TextLine></TextRegion></Page></PcGts>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE alto [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<alto><Layout><Page><PrintSpace><TextBlock><TextLine><String CONTENT="&secret;"/></TextLine></TextBlock>
</PrintSpace></Page></Layout></alto>"""


@pytest.mark.parametrize("data, media_type", [
    (BILLION_LAUGHS, PAGE),  # entity expansion ("billion laughs")
    (EXTERNAL, ALTO),  # an external entity reading a local file
])
def test_xml_entities_are_refused_with_a_clear_error(data, media_type):
    with pytest.raises(InputError, match=r"evil\.xml: .*(entities|external).*refused for safety"):
        read_layout(data, media_type=media_type, name="evil.xml")


@pytest.mark.parametrize("data, media_type, message", [
    (b"<PcGts><Page>", PAGE, "not well-formed"),  # cut off
    (b"<html/>", PAGE, "not a PAGE XML file"),  # some other XML
    (b"<PcGts/>", PAGE, "no Page element"),
    (b"<alto><Layout/></alto>", ALTO, "no Page element"),
])
def test_xml_broken_input_is_an_input_error(data, media_type, message):
    with pytest.raises(InputError, match=message):
        read_layout(data, media_type=media_type, name="broken.xml")


def _shared(name: str) -> bytes:
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared letters are not checked out here)")
    return path.read_bytes()


def test_xml_charlottenburg_drucksache_lines_in_reading_order():
    document = read_layout(_shared("charlottenburg-1919-drucksache-280.page.xml"), media_type=PAGE,
                           name="charlottenburg-1919-drucksache-280.page.xml")
    lines = document.text.splitlines()
    assert lines[0] == "Druckſache Nr. 280."  # the page number "363" above it is furniture
    assert lines[1].startswith("Vorlage betr.")
    assert lines.index("um 234 650 ℳ verſtärkt.") < lines.index(next(l for l in lines if l.startswith("2. Zur Deckung")))
    page, box = document.locate(0, 5)
    assert page == 1 and box[0] < box[2] and box[1] < box[3]


def test_xml_charlottenburg_bericht_lines_in_reading_order():
    document = read_layout(_shared("charlottenburg-1903-bericht.page.xml"), media_type=PAGE,
                           name="charlottenburg-1903-bericht.page.xml")
    lines = [line for line in document.text.splitlines() if line]
    assert lines[0] == "Auf eine weitere Anfrage teilte der Herr"  # page number 199 left out
    assert lines[1] == "Magiſtratsvertreter mit,"
    assert lines.index("Abſchnitt 4 – Realſchule –") + 1 == lines.index("wird angenommen.")
