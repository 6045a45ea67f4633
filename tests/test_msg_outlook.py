"""Outlook ``.msg`` input (amtsbrief.msg): read through extract-msg, then as an e-mail is read."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest

from amtsbrief import parse_bytes, parse_file
from amtsbrief.errors import DecodingError, DependencyError
from amtsbrief.load import MSG, detect_media_type
from amtsbrief.msg import OLE_MAGIC, load_msg, outlook_plain_text

OLG = "olg-frankfurt-2024-10-18-antwort-veroeffentlichung-gerichtsurteile"


@pytest.fixture(scope="module")
def olg_msg(shared_dir: Path) -> Path:
    path = shared_dir / "letters" / f"{OLG}.msg"
    if not path.exists():
        pytest.skip(f"{path} not found")
    pytest.importorskip("extract_msg")
    return path


def test_msg_real_letter_parses_through_the_command_line(olg_msg: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "amtsbrief", "parse", str(olg_msg)], capture_output=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr.decode()
    letter = json.loads(result.stdout)
    assert letter["source"]["extractor"] == "msg"
    assert letter["source"]["media_type"] == "message/rfc822"
    assert letter["salutation"] == "Sehr geehrter Herr Jakob,"
    assert letter["body"].startswith("vielen Dank für Ihre Anfrage vom 16.10.2024")


def test_msg_real_letter_is_read_as_an_email(olg_msg: Path) -> None:
    letter = parse_file(olg_msg)
    # the sent date, since the text states none
    assert letter.references.date == datetime.date(2024, 10, 18)
    # a reply (In-Reply-To), answering the inquiry of 16.10.2024
    assert letter.kind == "answer"
    # the quoted original below "Von: … Gesendet: …" fills no field
    assert "Silberfluss" not in (letter.body or "")
    assert "Können Sie uns sagen" not in (letter.body or "")
    # Outlook's "<blocked::mailto:…>" after the address is gone
    assert letter.contact.email == "ingo.noehre@olg.justiz.hessen.de"
    assert letter.closing == "mit freundlichen Grüßen"


def test_msg_real_letter_is_found_by_evaluate(olg_msg: Path) -> None:
    from amtsbrief.evaluate import evaluate_dir

    report = evaluate_dir(olg_msg.parent, pattern=f"{OLG}.gold.json")
    assert [letter.name for letter in report.letters] == [OLG]
    assert report.letters[0].error is None


def test_msg_is_detected_by_its_bytes_whatever_its_name() -> None:
    assert detect_media_type(OLE_MAGIC + bytes(504), "upload.bin") == MSG


def test_msg_that_is_no_ole_file_is_a_decoding_error_naming_the_file() -> None:
    with pytest.raises(DecodingError, match=r"^kaputt\.msg: not an Outlook \.msg"):
        parse_bytes(b"Sehr geehrte Damen und Herren, " * 20, name="kaputt.msg")


def test_msg_broken_ole_file_is_a_decoding_error_naming_the_file() -> None:
    pytest.importorskip("extract_msg")
    with pytest.raises(DecodingError, match=r"^kaputt\.msg: the Outlook \.msg cannot be read"):
        parse_bytes(OLE_MAGIC + b"\x00" * 600, name="kaputt.msg")


def test_msg_without_extract_msg_says_how_to_install_it(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "extract_msg", None)  # import extract_msg now raises ImportError
    with pytest.raises(DependencyError, match=r"pip install 'amtsbrief\[msg\]'"):
        load_msg(OLE_MAGIC + bytes(504), "brief.msg", None, "0")


PLAIN_TEXT_CASES = [
    # every paragraph followed by a blank line, a space paragraph for the writer's empty line
    pytest.param("Sehr geehrte Frau A,\r\n\r\n \r\n\r\nZeile eins\r\n\r\nZeile zwei\r\n\r\n \r\n\r\nGruß",
                 "Sehr geehrte Frau A,\n\nZeile eins\nZeile zwei\n\nGruß", id="paragraph-spaced"),
    # a no-break space is a spacer too
    pytest.param("A eins\n\n\u00a0\n\nB zwei\n\nC drei", "A eins\n\nB zwei\nC drei", id="nbsp-spacer"),
    # ordinary text without spacer paragraphs keeps its blank lines
    pytest.param("Absatz eins.\n\nAbsatz zwei.\n\nAbsatz drei.", "Absatz eins.\n\nAbsatz zwei.\n\nAbsatz drei.",
                 id="ordinary"),
    # a link target that repeats the address is dropped, a filter's "blocked::" too
    pytest.param("a.b@amt.de <blocked::mailto:a.b@amt.de>", "a.b@amt.de", id="blocked-mailto"),
    pytest.param("www.amt.de <http://www.amt.de/>", "www.amt.de", id="repeated-url"),
    # a target that says something else is kept
    pytest.param("hier <https://amt.de/formular>", "hier <https://amt.de/formular>", id="other-target"),
]


@pytest.mark.parametrize("body, expected", PLAIN_TEXT_CASES)
def test_msg_outlook_plain_text_is_read_as_written(body: str, expected: str) -> None:
    assert outlook_plain_text(body) == expected
