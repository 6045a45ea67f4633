"""Specification: within a batch, a scanned PDF's pages are read by OCR across the workers, one task
a page, and the letter is the one ``parse_file`` reads; a page that fails fails its file, with a record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import amtsbrief
import amtsbrief.batch as batch
from amtsbrief.batch import run_batch, scanned_pages
from amtsbrief.layout.model import Page
from amtsbrief.layout.ocr import tesseract_available

from batch_corpus import write_corpus

SCAN = Path(__file__).parent / "pdfs" / "din-letter-scan.png"
needs_tesseract = pytest.mark.skipif(not tesseract_available("deu"), reason="Tesseract with German data is not installed")


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def _scan_pdf(path: Path, pages: int, blank: bool = False) -> Path:
    """A PDF of ``pages`` image-only pages: the fixture scan, or small blank pages."""
    from PIL import Image

    if blank:
        images = [Image.new("L", (200, 280), 255) for _ in range(pages)]
    else:
        images = [Image.open(SCAN).convert("L") for _ in range(pages)]
    path.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(path, "PDF", resolution=150.0, save_all=True, append_images=images[1:])
    return path


def test_batch_scans_finds_the_pages_without_text_layer(tmp_path):
    assert scanned_pages(str(_scan_pdf(tmp_path / "two.pdf", 2, blank=True))) == (0, 1)
    assert scanned_pages(str(_scan_pdf(tmp_path / "one.pdf", 1, blank=True))) is None  # nothing to split
    (tmp_path / "letter.txt").write_text("Sehr geehrte Frau A,\n\nja.\n\nMit freundlichen Grüßen\n\nB", encoding="utf-8")
    assert scanned_pages(str(tmp_path / "letter.txt")) is None
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<<")
    assert scanned_pages(str(tmp_path / "broken.pdf")) is None  # the ordinary parse says what is wrong


@needs_tesseract
def test_batch_scans_reads_a_scan_page_by_page_into_the_letter_parse_file_reads(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    scan = _scan_pdf(folder / "scan.pdf", 2)
    write_corpus(folder, 2, broken_share=0)
    expected = amtsbrief.parse_file(scan)
    whole = batch.ocr_page_task

    def counted(path, index, config=None):
        (tmp_path / f"read-page-{index + 1}").touch()  # in a worker: leave a trace the test can see
        return whole(path, index, config)

    monkeypatch.setattr(batch, "ocr_page_task", counted)
    summary = run_batch([folder], out=tmp_path / "out", jobs=2)
    assert (summary.parsed, summary.failed) == (3, 0)
    letters = {Path(letter["source"]["path"]).name: letter for letter in _lines(tmp_path / "out/letters.jsonl")}
    assert letters["scan.pdf"] == json.loads(expected.model_dump_json())
    assert letters["scan.pdf"]["source"]["extractor"] == "tesseract"
    assert sorted(p.name for p in tmp_path.glob("read-page-*")) == ["read-page-1", "read-page-2"]  # one task a page


def _failing_page(path, index, config=None):
    if index == 1:
        raise amtsbrief.errors.InputError(path, "page 2 cannot be rendered")
    return Page(number=index + 1, width=595.0, height=842.0, words=(), lines=()), 0.1


def _hanging_page(path, index, config=None):
    if index == 1:
        import time

        time.sleep(3600)
    return Page(number=index + 1, width=595.0, height=842.0, words=(), lines=()), 0.1


@pytest.mark.parametrize("page_reader, code, message", [
    (_failing_page, "input", "page 2 cannot be rendered"),
    (_hanging_page, "timeout", "page 2: parsing took longer than the timeout"),
])
def test_batch_scans_a_failed_page_fails_its_file_with_a_record_and_the_batch_goes_on(
        tmp_path, monkeypatch, page_reader, code, message):
    folder = tmp_path / "in"
    _scan_pdf(folder / "scan.pdf", 3, blank=True)
    write_corpus(folder, 3, broken_share=0)
    monkeypatch.setattr(batch, "ocr_page_task", page_reader)  # the workers are forked after this
    summary = run_batch([folder], out=tmp_path / "out", jobs=2, timeout=3)
    assert (summary.found, summary.parsed, summary.failed) == (4, 3, 1)
    [failure] = _lines(tmp_path / "out/failures.jsonl")
    assert (Path(failure["path"]).name, failure["code"], failure["page"]) == ("scan.pdf", code, 2)
    assert failure["message"].startswith(message)


def test_batch_scans_a_long_scan_keeps_the_pages_read_within_its_time_budget(tmp_path, monkeypatch):
    # Each page "takes" 0.6 s of a budget of 1 s: once two are read, the pages not yet handed out are
    # left unread, as a scan read in one process keeps the pages read within its budget.
    folder = tmp_path / "in"
    _scan_pdf(folder / "scan.pdf", 10, blank=True)
    seen = tmp_path / "seen.json"

    def slow_page(path, index, config=None):
        return Page(number=index + 1, width=595.0, height=842.0, words=(), lines=()), 0.6

    def built_from(path, config, read, unread, budget):
        seen.write_text(json.dumps({"read": sorted(read), "unread": list(unread), "budget": budget}))
        return amtsbrief.parse_text("Sehr geehrte Frau A,\n\nja.\n\nMit freundlichen Grüßen\n\nB")

    monkeypatch.setattr(batch, "ocr_page_task", slow_page)
    monkeypatch.setattr(batch, "read_scan", built_from)
    summary = run_batch([folder], out=tmp_path / "out", jobs=2, config=amtsbrief.ParserConfig(time_budget=1.0))
    assert (summary.parsed, summary.failed) == (1, 0)
    pages = json.loads(seen.read_text())
    assert pages["budget"] == 1.0 and len(pages["read"]) >= 2 and pages["unread"]
    assert sorted(pages["read"] + pages["unread"]) == list(range(10))
