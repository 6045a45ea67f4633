"""Specification of the TEI/CMIF and OParl exports, field by field, on the founding letter.

The letter is read from ``../shared`` (never copied into the project); without it these tests skip.
The expected values come from its gold file, so the exports are checked independently of how well
the parser does; one test also runs the real parser and checks that its letter exports cleanly.
"""

from __future__ import annotations

import hashlib
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from amtsbrief.export.oparl import FILE_TYPE, PAPER_TYPE, paper, write_oparl
from amtsbrief.export.tei import LICENCES, CmifMetadata, write_tei
from amtsbrief.schema import Letter, Source

NAME = "erzgebirgskreis-2015-09-07-integration"
T = "{http://www.tei-c.org/ns/1.0}"


@pytest.fixture(scope="module")
def founding_path(shared_dir) -> Path:
    path = shared_dir / "letters" / f"{NAME}.txt"
    if not path.exists():
        pytest.skip(f"{path} (the founding letter) is not available")
    return path


@pytest.fixture(scope="module")
def founding(founding_path) -> Letter:
    """The founding letter as its gold file states it, with its source."""
    data = founding_path.read_bytes()
    letter = Letter.model_validate_json(founding_path.with_name(f"{NAME}.gold.json").read_text(encoding="utf-8"))
    letter.source = Source(path=str(founding_path), sha256=hashlib.sha256(data).hexdigest(), text=data.decode("utf-8"))
    return letter


@pytest.fixture(scope="module")
def tei(founding) -> ET.Element:
    stream = io.StringIO()
    metadata = CmifMetadata(title="Anfragen im Kreistag", publisher="Kreisarchiv", url="https://example.org/cmif.xml",
                            base_url="https://example.org", editor="Erika Muster", editor_email="archiv@example.org",
                            licence="CC-BY-4.0")
    assert write_tei([founding], stream, metadata, now="2024-01-02T03:04:05+00:00") == 1
    return ET.fromstring(stream.getvalue())  # well-formed, or this raises


def test_export_tei_header_is_as_cmif_requires(tei):
    assert tei.tag == f"{T}TEI"
    file_desc = tei.find(f"{T}teiHeader/{T}fileDesc")
    assert file_desc.findtext(f"{T}titleStmt/{T}title") == "Anfragen im Kreistag"
    assert file_desc.findtext(f"{T}titleStmt/{T}editor") == "Erika Muster"
    assert file_desc.findtext(f"{T}titleStmt/{T}editor/{T}email") == "archiv@example.org"
    publication = file_desc.find(f"{T}publicationStmt")
    assert publication.findtext(f"{T}publisher") == "Kreisarchiv"
    assert publication.find(f"{T}idno").attrib == {"type": "url"}
    assert publication.findtext(f"{T}idno") == "https://example.org/cmif.xml"
    assert publication.find(f"{T}date").get("when") == "2024-01-02T03:04:05+00:00"
    assert publication.find(f"{T}availability/{T}licence").get("target") == LICENCES["CC-BY-4.0"][0]
    bibl = file_desc.find(f"{T}sourceDesc/{T}bibl")
    assert bibl.get("type") == "online"
    assert bibl.get("{http://www.w3.org/XML/1998/namespace}id") == CmifMetadata(url="https://example.org/cmif.xml").bibl_id()


def test_export_tei_body_is_empty_as_cmif_asks(tei):
    [body] = tei.findall(f"{T}text/{T}body")
    assert [(child.tag, child.text) for child in body] == [(f"{T}p", None)]


def test_export_tei_corresp_desc_of_the_founding_letter(tei, founding):
    [desc] = tei.findall(f"{T}teiHeader/{T}profileDesc/{T}correspDesc")
    assert desc.get("ref") == f"https://example.org/letter/{founding.source.sha256}"
    sent, received = desc.findall(f"{T}correspAction")
    assert sent.get("type") == "sent"
    assert [child.tag for child in sent] == [f"{T}orgName", f"{T}placeName", f"{T}date"]
    assert sent.findtext(f"{T}orgName") == "Landratsamt Erzgebirgskreis"
    assert sent.findtext(f"{T}placeName") == "Annaberg-Buchholz"
    assert sent.find(f"{T}date").attrib == {"when": "2015-09-07"}
    assert received.get("type") == "received"
    assert [(child.tag, child.text) for child in received] == [(f"{T}persName", "Ulrike Kahl")]
    for action in (sent, received):
        assert not (action.text or "").strip()  # CMIF: child elements only, no text


def test_export_tei_text_has_opener_and_closer(founding):
    stream = io.StringIO()
    write_tei([founding], stream, texts=True)
    [div] = ET.fromstring(stream.getvalue()).findall(f"{T}text/{T}body/{T}div")
    assert div.get("type") == "letter"
    assert div.findtext(f"{T}head") == "Integration von Ausländern"
    assert div.findtext(f"{T}head[@type='sub']") == "Ihre Frage vom 02.09.2015"
    opener = div.find(f"{T}opener")
    assert opener.findtext(f"{T}dateline/{T}placeName") == "Annaberg-Buchholz"
    assert opener.find(f"{T}dateline/{T}date").get("when") == "2015-09-07"
    assert opener.findtext(f"{T}salute") == "Sehr geehrte Frau Kreisrätin Kahl,"
    paragraphs = [p.text for p in div.findall(f"{T}p")]
    assert paragraphs == founding.body.split("\n\n") and len(paragraphs) == 5
    closer = div.find(f"{T}closer")
    assert closer.findtext(f"{T}salute") == "Mit freundlichen Grüßen"
    assert closer.findtext(f"{T}signed") == "F. Vogel"
    assert [child.tag for child in div][-1] == f"{T}closer"


def test_export_oparl_paper_of_the_founding_letter(founding, founding_path):
    result = paper(founding, base_url="https://ris.example.org/oparl", now="2024-01-02T03:04:05+00:00")
    base = "https://ris.example.org/oparl"
    assert result["type"] == PAPER_TYPE == "https://schema.oparl.org/1.1/Paper"
    assert result["id"] == f"{base}/paper/{founding.source.sha256}"
    assert result["body"] == f"{base}/body/landratsamt-erzgebirgskreis"
    assert result["name"] == "Integration von Ausländern"
    assert result["reference"] == "012.16/15-02000.he"
    assert result["date"] == "2015-09-07"
    assert result["paperType"] == "Beantwortung einer Anfrage"
    assert result["originatorOrganization"] == [f"{base}/organization/landratsamt-erzgebirgskreis"]
    assert result["originatorPerson"] == [f"{base}/person/f-vogel"]
    assert result["underDirectionOf"] == [f"{base}/organization/landratsamt-erzgebirgskreis-referat-kreistag-wahlen"]
    assert result["created"] == result["modified"] == "2024-01-02T03:04:05+00:00"
    main_file = result["mainFile"]
    assert main_file["type"] == FILE_TYPE == "https://schema.oparl.org/1.1/File"
    assert main_file["fileName"] == founding_path.name
    assert main_file["mimeType"] == "text/plain"
    assert main_file["accessUrl"] == f"{base}/file/{founding.source.sha256}/{founding_path.name}"
    assert main_file["size"] == founding_path.stat().st_size
    assert main_file["sha512Checksum"] == hashlib.sha512(founding_path.read_bytes()).hexdigest()
    assert main_file["text"] == founding.source.text
    assert None not in result.values() and "auxiliaryFile" not in result  # no value: left out, not null


def test_export_oparl_list_holds_the_papers(founding):
    stream = io.StringIO()
    assert write_oparl([founding, founding], stream) == 2
    document = json.loads(stream.getvalue())
    assert document["pagination"]["totalElements"] == 2
    assert [item["type"] for item in document["data"]] == [PAPER_TYPE] * 2


def test_export_oparl_without_base_url_has_no_url_and_no_path(founding, founding_path):
    result = paper(founding, now="2024-01-02T03:04:05+00:00")
    assert result["id"] == f"urn:sha256:{founding.source.sha256}"
    assert {"body", "mainFile", "originatorPerson", "originatorOrganization", "underDirectionOf"}.isdisjoint(result)
    assert str(founding_path.parent) not in json.dumps(result)


def test_export_oparl_never_writes_the_local_path(founding, founding_path):
    text = json.dumps(paper(founding, base_url="https://ris.example.org/oparl"))
    assert "file:" not in text and str(founding_path.parent) not in text


def test_export_of_the_parsed_founding_letter(founding_path):
    import amtsbrief

    letter = amtsbrief.parse_file(founding_path)
    tei_stream, oparl_stream = io.StringIO(), io.StringIO()
    write_tei([letter], tei_stream)
    write_oparl([letter], oparl_stream)
    root = ET.fromstring(tei_stream.getvalue())
    sent = root.find(f"{T}teiHeader/{T}profileDesc/{T}correspDesc/{T}correspAction[@type='sent']")
    assert sent.findtext(f"{T}orgName") == letter.sender.authority
    assert json.loads(oparl_stream.getvalue())["data"][0]["name"] == letter.subject.title
