"""Specification: the command line ends ordinary I/O errors and hostile files in one line and exit 2."""

from __future__ import annotations

import subprocess
import sys

import pytest

import fuzz_builders as build


def _run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "amtsbrief.cli", *args], capture_output=True, text=True, timeout=300, **kwargs)


def _one_line_error(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("amtsbrief: error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_hostile_cli_full_disk_is_one_line(tmp_path):
    letter = tmp_path / "brief.txt"
    letter.write_text(build.LETTER, encoding="utf-8")
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "amtsbrief.cli", "parse", str(letter), "--no-guard"],
                                stdout=full, stderr=subprocess.PIPE, text=True, timeout=300)
    _one_line_error(result)
    assert "No space left on device" in result.stderr


@pytest.mark.parametrize("output", ["x.svg", "missing-folder/page.png"])
def test_hostile_cli_show_refuses_an_output_it_cannot_write(tmp_path, output):
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(build.text_pdf())
    _one_line_error(_run("show", str(pdf), "-o", str(tmp_path / output)))


def test_hostile_cli_parse_reports_a_stream_bomb_in_one_line(tmp_path):
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(build.stream_bomb_pdf(4 * 1024 * 1024, 2))
    result = _run("parse", str(bomb), "--max-decompressed", "1000000")
    _one_line_error(result)
    assert "bomb.pdf" in result.stderr and "max_decompressed" in result.stderr


@pytest.mark.parametrize("option", [["--timeout", "soon"], ["--max-pages", "-1"], ["--max-memory", "x"]])
def test_hostile_cli_checks_numbers_in_options(tmp_path, option):
    result = _run("parse", "whatever.txt", *option)
    assert result.returncode == 2 and "Traceback" not in result.stderr
