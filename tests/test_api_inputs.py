"""The Python API's types: dates as ``datetime.date``, file objects in, Python's own errors for paths."""

from __future__ import annotations

import datetime
import io
import json

import pytest

from amtsbrief import parse_file, parse_text
from amtsbrief.schema import Inquiry, References
from mails import build_mail

LETTER = """Stadt Beispielburg · Marktstraße 1 · 09111 Beispielburg

Herrn
Max Muster
Gartenweg 2
09111 Beispielburg

Beispielburg, 07.09.2015

Sehr geehrter Herr Muster,

Ihr Antrag ist vollständig eingegangen.

Mit freundlichen Grüßen

Tom Beispiel
"""


def test_api_dates_are_dates_in_python_and_iso_text_in_json() -> None:
    letter = parse_text(LETTER)
    assert letter.references.date == datetime.date(2015, 9, 7)
    assert letter.model_dump(mode="json")["references"]["date"] == "2015-09-07"
    assert json.loads(letter.to_json())["references"]["date"] == "2015-09-07"


DATE_CASES = [
    # ISO text, as the JSON holds it
    pytest.param("2015-09-07", datetime.date(2015, 9, 7), id="iso-text"),
    # a date object
    pytest.param(datetime.date(2015, 9, 7), datetime.date(2015, 9, 7), id="date"),
]


@pytest.mark.parametrize("value, expected", DATE_CASES)
def test_api_date_fields_take_iso_text_or_a_date(value, expected) -> None:
    assert References(date=value).date == expected
    assert Inquiry(date=value).date == expected


BAD_DATES = [
    # a German date is read by the parser, never stored as such
    pytest.param("07.09.2015", id="german"),
    # a number would be read as a Unix timestamp by Pydantic alone
    pytest.param(20150907, id="number"),
    # a moment is not a date
    pytest.param(datetime.datetime(2015, 9, 7, 12, 0), id="datetime"),
]


@pytest.mark.parametrize("value", BAD_DATES)
def test_api_date_fields_reject_anything_else(value) -> None:
    with pytest.raises(ValueError):
        References(date=value)


def test_api_parse_file_reads_a_binary_file_object() -> None:
    letter = parse_file(io.BytesIO(LETTER.encode("cp1252")))
    assert letter.recipient.name == "Max Muster"
    assert letter.source.path is None


def test_api_parse_file_reads_an_open_file_and_uses_its_name(tmp_path) -> None:
    path = tmp_path / "antwort.eml"
    path.write_bytes(build_mail("Sehr geehrter Herr Muster,\n\nja, das geht.\n\nMit freundlichen Grüßen\n\nTom Beispiel"))
    with open(path, "rb") as handle:
        letter = parse_file(handle)
    assert letter.source.media_type == "message/rfc822"
    assert letter.body == "ja, das geht."


def test_api_parse_file_rejects_a_text_mode_file_saying_so(tmp_path) -> None:
    path = tmp_path / "brief.txt"
    path.write_text(LETTER, encoding="utf-8")
    with open(path, encoding="utf-8") as handle, pytest.raises(TypeError, match="binary mode"):
        parse_file(handle)  # type: ignore[arg-type]


def test_api_parse_file_takes_path_objects(tmp_path) -> None:
    path = tmp_path / "brief.txt"
    path.write_text(LETTER, encoding="utf-8")
    assert parse_file(path).source.path == str(path)
