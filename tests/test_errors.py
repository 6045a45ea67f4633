"""Bad input, through the library and the command line.

The library raises one of the ``AmtsbriefError`` family, naming the file; the command line turns it into
one line ``amtsbrief: error: <file>: …`` on standard error and a non-zero exit, never a traceback. In a
batch of files a bad one does not stop the good ones from being printed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from amtsbrief import parse_bytes, parse_file
from amtsbrief.errors import (
    AmtsbriefError,
    DecodingError,
    EmptyInputError,
    NotALetterError,
)

LETTER = """\
Stadt Beispielburg · Marktstraße 1 · 09111 Beispielburg

Herrn
Max Muster
Gartenweg 4
09111 Beispielburg

Beispielburg, 14.03.2019

Betreff: Ihr Antrag auf einen Anwohnerparkausweis

Sehr geehrter Herr Muster,

Ihr Antrag ist vollständig eingegangen. Den Parkausweis senden wir Ihnen in den nächsten Tagen zu.

Mit freundlichen Grüßen
Im Auftrag

Tom Beispiel
"""

# name, how to make it in a directory, the error the library raises
BAD_INPUTS = [
    # an empty file
    pytest.param("leer.txt", lambda path: path.write_bytes(b""), EmptyInputError, id="empty"),
    # binary junk with NUL bytes
    pytest.param("junk.txt", lambda path: path.write_bytes(bytes(range(256)) * 8), DecodingError, id="binary"),
    # JSON text is data, not a letter
    pytest.param("brief.txt", lambda path: path.write_text(json.dumps({"kind": "answer", "body": "Sehr geehrte Damen und Herren"}),
                                                          encoding="utf-8"), NotALetterError, id="json"),
    # a UTF-8 byte-order mark before bytes that are no UTF-8
    pytest.param("kaputt.txt", lambda path: path.write_bytes(b"\xef\xbb\xbf" + "Grüße aus Görlitz".encode("latin-1")),
                 DecodingError, id="undecodable"),
]

# Paths that name no readable file raise Python's own errors, as open() does, with the path as filename.
BAD_PATHS = [
    # a directory where a file is expected
    pytest.param("ordner", lambda path: path.mkdir(), IsADirectoryError, id="directory"),
    # a file that does not exist
    pytest.param("fehlt.txt", lambda path: None, FileNotFoundError, id="missing"),
]


def cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``amtsbrief`` as a user would, in a fresh interpreter."""
    return subprocess.run([sys.executable, "-m", "amtsbrief.cli", *args], input=stdin, capture_output=True,
                          cwd=cwd, timeout=120)


# --- the library ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, make, error", BAD_INPUTS)
def test_errors_library_raises_typed_error_naming_the_file(tmp_path: Path, name: str, make, error) -> None:
    path = tmp_path / name
    make(path)
    with pytest.raises(error) as caught:
        parse_file(path)
    assert isinstance(caught.value, AmtsbriefError)
    assert caught.value.source == str(path)
    assert str(caught.value).startswith(f"{path}: ")


@pytest.mark.parametrize("name, make, error", BAD_PATHS)
def test_errors_library_raises_os_errors_for_paths_that_name_no_file(tmp_path: Path, name: str, make, error) -> None:
    path = tmp_path / name
    make(path)
    with pytest.raises(error) as caught:
        parse_file(path)
    assert caught.value.filename == str(path)


def test_errors_library_bytes_error_names_the_given_name() -> None:
    with pytest.raises(DecodingError) as caught:
        parse_bytes(b"\x00\x01\x02" * 100, name="upload-17")
    assert str(caught.value).startswith("upload-17: ")


def test_errors_library_parses_a_letter_with_missing_parts_with_nulls() -> None:
    # no letterhead, no recipient, no date: still a letter, with nulls where parts are missing
    letter = parse_bytes("Sehr geehrte Damen und Herren,\n\nbitte senden Sie uns die Unterlagen zu.\n\n"
                         "Mit freundlichen Grüßen\n\nTom Beispiel\n".encode("utf-8"))
    assert letter.sender.authority is None and letter.references.date is None
    assert letter.body == "bitte senden Sie uns die Unterlagen zu."


# --- the command line -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, make, error", BAD_INPUTS + BAD_PATHS)
def test_errors_cli_prints_one_line_and_exits_non_zero(tmp_path: Path, name: str, make, error) -> None:
    path = tmp_path / name
    make(path)
    result = cli("parse", str(path))
    stderr = result.stderr.decode("utf-8")
    assert result.returncode != 0
    assert result.stdout == b""
    assert "Traceback" not in stderr
    assert stderr.count("\n") == 1, stderr
    assert stderr.startswith(f"amtsbrief: error: {path}: ")


def test_errors_cli_batch_prints_the_good_letters_and_exits_non_zero(tmp_path: Path) -> None:
    good_one, bad, good_two = tmp_path / "eins.txt", tmp_path / "leer.txt", tmp_path / "zwei.txt"
    good_one.write_text(LETTER, encoding="utf-8")
    bad.write_bytes(b"")
    good_two.write_bytes(LETTER.replace("Max Muster", "Eva Muster").encode("cp1252"))
    result = cli("parse", str(good_one), str(bad), str(good_two))
    assert result.returncode != 0
    stderr = result.stderr.decode("utf-8")
    assert stderr.splitlines() == [f"amtsbrief: error: {bad}: the input is empty"]
    letters = json.loads(result.stdout)
    assert [letter["recipient"]["name"] for letter in letters] == ["Max Muster", "Eva Muster"]
    assert [letter["source"]["path"] for letter in letters] == [str(good_one), str(good_two)]


def test_errors_cli_parses_one_file_to_one_json_object(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    path.write_text(LETTER, encoding="utf-8")
    result = cli("parse", str(path))
    assert result.returncode == 0, result.stderr
    letter = json.loads(result.stdout)
    assert letter["signature"] == {"name": "Tom Beispiel", "role": None, "on_behalf": "i. A."}
    assert letter["references"]["date"] == "2019-03-14"


def test_errors_cli_reads_standard_input_for_dash() -> None:
    result = cli("parse", "-", stdin=LETTER.encode("cp1252"))
    assert result.returncode == 0, result.stderr
    letter = json.loads(result.stdout)
    assert letter["recipient"]["name"] == "Max Muster"
    assert letter["subject"]["title"] == "Ihr Antrag auf einen Anwohnerparkausweis"
    assert letter["source"]["path"] is None


def test_errors_cli_names_standard_input_in_its_error() -> None:
    result = cli("parse", "-", stdin=b"")
    assert result.returncode != 0
    assert result.stderr.decode("utf-8").splitlines() == ["amtsbrief: error: <stdin>: the input is empty"]


def test_errors_cli_jsonl_prints_one_line_per_letter(tmp_path: Path) -> None:
    paths = []
    for number, name in enumerate(("Max Muster", "Eva Muster", "Jo Muster")):
        path = tmp_path / f"brief{number}.txt"
        path.write_text(LETTER.replace("Max Muster", name), encoding="utf-8")
        paths.append(str(path))
    result = cli("parse", *paths, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode("utf-8").splitlines()
    assert len(lines) == 3
    assert [json.loads(line)["recipient"]["name"] for line in lines] == ["Max Muster", "Eva Muster", "Jo Muster"]


def test_errors_cli_summary_names_the_file_and_its_main_fields(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    path.write_text(LETTER, encoding="utf-8")
    result = cli("parse", str(path), "--format", "summary")
    assert result.returncode == 0, result.stderr
    summary = result.stdout.decode("utf-8")
    assert summary.splitlines()[0] == str(path)
    assert "Stadt Beispielburg" in summary
    assert "2019-03-14" in summary
    assert "Tom Beispiel" in summary


def test_errors_cli_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    path.write_text(LETTER, encoding="utf-8")
    result = cli("parse", str(path), "--format", "xml")
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    assert b"invalid choice" in result.stderr


def test_errors_cli_evaluate_on_a_missing_directory_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "nirgends"
    result = cli("evaluate", str(missing))
    stderr = result.stderr.decode("utf-8")
    assert result.returncode != 0
    assert stderr.splitlines() == [f"amtsbrief: error: {missing}: not a directory"]
