"""Specification of the TEI/CMIF and OParl exports against the standards' own schemas.

The schemas are not ours: they are read from ``../shared/schemas`` (the ``shared_dir`` fixture; these
tests skip without it). The letters are every gold letter of ``corpus/``, plus edge cases, so the
exports are checked on what real letters hold, independently of how well the parser reads them.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from amtsbrief.errors import InputError
from amtsbrief.export.oparl import write_oparl
from amtsbrief.export.tei import CmifMetadata, write_tei
from amtsbrief.schema import Letter, Source

BASE = "https://ris.example.org/oparl"


def _gold_letters(corpus_dir) -> list[Letter]:
    letters = []
    for gold in sorted(corpus_dir.glob("*/*.gold.json")):
        data = {key: value for key, value in json.loads(gold.read_text(encoding="utf-8")).items() if not key.startswith("_")}
        letter = Letter.model_validate(data)
        letter.source = Source(path=f"/home/someone/letters/{gold.name[:-10]}.txt",
                               sha256=hashlib.sha256(gold.read_bytes()).hexdigest())
        letters.append(letter)
    return letters


@pytest.fixture(scope="module")
def letters(corpus_dir) -> list[Letter]:
    """Every gold letter of the corpus, and a letter that knows nothing at all."""
    found = _gold_letters(corpus_dir)
    assert len(found) > 100
    return found + [Letter()]


# -- CMIF ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cmif_schema(shared_dir):
    etree = pytest.importorskip("lxml.etree")
    path = shared_dir / "schemas" / "cmif" / "cmi-customization.rng"
    if not path.exists():
        pytest.skip(f"{path} not found")
    return etree.RelaxNG(etree.parse(str(path)))


def _cmif_errors(schema, text: str) -> list[str]:
    from lxml import etree

    valid = schema.validate(etree.fromstring(text.encode("utf-8")))
    return [] if valid else [f"line {error.line}: {error.message}" for error in schema.error_log]


@pytest.mark.parametrize(
    "metadata",
    [
        CmifMetadata(),  # every default: editor is the publisher, licence CC0
        CmifMetadata(title="Anfragen im Kreistag", publisher="Kreisarchiv", editor="Erika Muster",
                     editor_email="archiv@example.org", licence="CC-BY-4.0", url="https://example.org/cmif.xml",
                     base_url="https://example.org"),  # all told
        CmifMetadata(licence="https://example.org/nutzungsbedingungen", licence_text="Nur mit Erlaubnis."),  # own licence
    ],
)
def test_export_cmif_is_valid_against_the_cmif_schema(cmif_schema, letters, metadata):
    stream = io.StringIO()
    assert write_tei(letters, stream, metadata) == len(letters)
    assert _cmif_errors(cmif_schema, stream.getvalue()) == []


def test_export_cmif_of_no_letters_is_valid(cmif_schema):
    stream = io.StringIO()
    write_tei([], stream)
    assert _cmif_errors(cmif_schema, stream.getvalue()) == []


def test_export_cmif_licence_is_the_one_asked_for():
    stream = io.StringIO()
    write_tei([], stream, CmifMetadata(licence="https://example.org/terms", licence_text="Ask first."))
    assert '<licence target="https://example.org/terms">Ask first.</licence>' in stream.getvalue()
    assert "creativecommons" not in stream.getvalue()


def test_export_cmif_refuses_an_unknown_licence_before_writing():
    stream = io.StringIO()
    with pytest.raises(InputError, match="unknown licence 'GPL'"):
        write_tei([Letter()], stream, CmifMetadata(licence="GPL"))
    assert stream.getvalue() == ""


def test_export_cmif_bibl_id_stays_when_written_again():
    assert CmifMetadata(url="https://a.example/x.xml").bibl_id() == CmifMetadata(url="https://a.example/x.xml").bibl_id()
    assert CmifMetadata(url="https://a.example/x.xml").bibl_id() != CmifMetadata(url="https://b.example/x.xml").bibl_id()
    assert CmifMetadata().bibl_id()[0].isalpha()  # an XML id begins with a letter


# -- OParl -----------------------------------------------------------------------------------------


def _oparl_validators(folder):
    """A validator per OParl object, the schemas wired to each other through a referencing registry.

    OParl's schemas name a nested object's schema in their own keyword (``"schema": "File.json"``),
    which JSON Schema does not know; it is read here as the ``$ref`` it means, so a Paper's
    ``mainFile`` is checked against File.json.
    """
    jsonschema = pytest.importorskip("jsonschema")
    referencing = pytest.importorskip("referencing")
    from referencing.jsonschema import DRAFT7

    def as_refs(node):
        if isinstance(node, dict):
            node = {key: as_refs(value) for key, value in node.items()}
            if isinstance(node.get("schema"), str) and node["schema"].endswith(".json"):
                node["$ref"] = node.pop("schema")
            return node
        if isinstance(node, list):
            return [as_refs(item) for item in node]
        return node

    schemas = {path.name: as_refs(json.loads(path.read_text(encoding="utf-8"))) for path in folder.glob("*.json")}
    registry = referencing.Registry().with_resources(
        (name, DRAFT7.create_resource(schema)) for name, schema in schemas.items()
    )
    checker = jsonschema.FormatChecker()

    @checker.checks("url")
    def is_url(value) -> bool:
        # An http(s) URL with a host; a paper exported without --base-url is named by a URN instead.
        parts = urlsplit(value)
        return (parts.scheme in ("http", "https") and bool(parts.netloc)) or value.startswith("urn:sha256:")

    @checker.checks("date")
    def is_date(value) -> bool:
        datetime.date.fromisoformat(value)
        return len(value) == 10

    @checker.checks("date-time")
    def is_date_time(value) -> bool:
        return datetime.datetime.fromisoformat(value).tzinfo is not None

    return {
        name[: -len(".json")]: jsonschema.Draft7Validator({"$ref": name}, registry=registry, format_checker=checker)
        for name in schemas
    }


@pytest.fixture(scope="module")
def oparl(shared_dir):
    folder = shared_dir / "schemas" / "oparl-1.1"
    if not folder.is_dir():
        pytest.skip(f"{folder} not found")
    return _oparl_validators(folder)


def _papers(letters, **options) -> list[dict]:
    stream = io.StringIO()
    write_oparl(letters, stream, **options)
    return json.loads(stream.getvalue())["data"]


def _errors(validator, instance) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(instance)]


@pytest.mark.parametrize("options", [{"base_url": BASE}, {"base_url": BASE + "/"}, {}])
def test_export_oparl_papers_are_valid_against_the_oparl_schema(oparl, letters, options):
    papers = _papers(letters, **options)
    assert len(papers) == len(letters)
    for paper in papers:
        assert _errors(oparl["Paper"], paper) == [], paper["id"]
        if "mainFile" in paper:
            assert _errors(oparl["File"], paper["mainFile"]) == []


def test_export_oparl_schema_check_sees_into_the_main_file(oparl, letters):
    # The registry wires Paper.json to File.json: a File without its accessUrl makes the Paper invalid.
    [paper] = _papers(letters[:1], base_url=BASE)
    del paper["mainFile"]["accessUrl"]
    assert any("accessUrl" in error for error in _errors(oparl["Paper"], paper))


def test_export_oparl_urls_all_come_from_the_base_url(letters):
    for paper in _papers(letters, base_url=BASE):
        text = json.dumps(paper)
        assert "/home/someone" not in text and "file:" not in text
        for key in ("id", "body"):
            assert paper.get(key, BASE + "/").startswith(BASE + "/")
        assert paper["mainFile"]["accessUrl"].startswith(BASE + "/file/")


def test_export_oparl_without_base_url_leaves_every_url_out(letters):
    for paper in _papers(letters):
        assert paper["id"].startswith("urn:sha256:")
        assert {"body", "mainFile", "originatorPerson", "originatorOrganization", "underDirectionOf"}.isdisjoint(paper)


@pytest.mark.parametrize("base_url", ["/home/me/letters", "file:///srv/oparl", "ris.example.org"])
def test_export_oparl_refuses_a_base_url_that_is_no_web_address(base_url):
    with pytest.raises(InputError, match="no http"):
        write_oparl([Letter()], io.StringIO(), base_url=base_url)


# -- the command line ------------------------------------------------------------------------------


@pytest.fixture
def letters_jsonl(letters, tmp_path):
    from amtsbrief.export.jsonl import write_jsonl

    path = tmp_path / "letters.jsonl"
    write_jsonl(letters, path)
    return path


def _run(*args: str) -> int:
    from amtsbrief.cli import main

    try:
        return main(list(args))
    except SystemExit as exit:
        return exit.code


def test_export_cli_writes_cmif_with_the_editor_licence_and_publisher_given(cmif_schema, letters_jsonl, tmp_path):
    out = tmp_path / "cmif.xml"
    assert _run("export", str(letters_jsonl), "--to", "tei", "-o", str(out), "--editor", "Erika Muster",
                "--editor-email", "archiv@example.org", "--publisher", "Kreisarchiv", "--licence", "CC-BY-4.0",
                "--url", "https://example.org/cmif.xml") == 0
    text = out.read_text(encoding="utf-8")
    assert _cmif_errors(cmif_schema, text) == []
    t = "{http://www.tei-c.org/ns/1.0}"
    file_desc = ET.fromstring(text).find(f"{t}teiHeader/{t}fileDesc")
    editor = file_desc.find(f"{t}titleStmt/{t}editor")
    assert (editor.text.strip(), editor.findtext(f"{t}email")) == ("Erika Muster", "archiv@example.org")
    assert file_desc.findtext(f"{t}publicationStmt/{t}publisher") == "Kreisarchiv"
    licence = file_desc.find(f"{t}publicationStmt/{t}availability/{t}licence")
    assert licence.get("target") == "https://creativecommons.org/licenses/by/4.0/"


def test_export_cli_refuses_an_unknown_licence(letters_jsonl, tmp_path, capsys):
    assert _run("export", str(letters_jsonl), "--to", "tei", "-o", str(tmp_path / "x.xml"), "--licence", "GPL") == 2
    assert "unknown licence 'GPL'" in capsys.readouterr().err


def test_export_cli_oparl_says_when_there_is_no_base_url(oparl, letters_jsonl, tmp_path, capsys):
    out = tmp_path / "oparl.json"
    assert _run("export", str(letters_jsonl), "--to", "oparl", "-o", str(out)) == 0
    assert "no --base-url" in capsys.readouterr().err
    for paper in json.loads(out.read_text(encoding="utf-8"))["data"]:
        assert _errors(oparl["Paper"], paper) == []
    assert _run("export", str(letters_jsonl), "--to", "oparl", "-o", str(out), "--base-url", "/srv/www") == 2
