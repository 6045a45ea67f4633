#!/usr/bin/env python3
"""Benchmark of the layout layer: pages per second per PDF backend, and OCR seconds per page.

usage: .venv/bin/python benchmarks/layout.py [--pdfs DIR] [--glob PATTERN] [--scan FILE] [--rounds N]

Reads every PDF in ``--pdfs`` (default: the two-page fixtures in tests/pdfs) through ``read_layout``
(words, zones and text: the whole layer): first by CPU time in turn with pypdfium2's plain text
extraction (the reference of ``benchmarks/pdf.py``), then ``--rounds`` times with each backend by the
clock; and OCRs ``--scan`` once. Runs on one core: Tesseract is held to one thread, as the layer does.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import interleaved  # noqa: E402
from pdf import pdfium_text  # noqa: E402

from amtsbrief.layout import read_layout  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def bench_backend(pdfs: list[bytes], backend: str, rounds: int) -> tuple[float, float]:
    """(pages per second, letters per second) reading every PDF ``rounds`` times."""
    pages = 0
    start = time.perf_counter()
    for _ in range(rounds):
        for data in pdfs:
            pages += read_layout(data, media_type="application/pdf", name="bench.pdf", backend=backend).pages
    elapsed = time.perf_counter() - start
    return pages / elapsed, rounds * len(pdfs) / elapsed


def bench_ocr(path: Path) -> float:
    """Seconds per page to OCR ``path`` (an image or an image-only PDF)."""
    data = path.read_bytes()
    media_type = "application/pdf" if data.startswith(b"%PDF") else "image/png"
    start = time.perf_counter()
    document = read_layout(data, media_type=media_type, name=path.name)
    return (time.perf_counter() - start) / document.pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pdfs", type=Path, default=ROOT / "tests" / "pdfs")
    parser.add_argument("--glob", default="din-letter-*.pdf", help="which PDFs of --pdfs (e.g. '*.pdf')")
    parser.add_argument("--scan", type=Path, default=ROOT / "tests" / "pdfs" / "din-letter-scan.png")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    pdfs = [p.read_bytes() for p in sorted(args.pdfs.glob(args.glob))]
    print(f"{len(pdfs)} PDFs, {args.rounds} rounds")
    best = interleaved(lambda data: read_layout(data, media_type="application/pdf", name="bench.pdf"), pdfium_text,
                       pdfs, args.rounds)
    print(f"read_layout {best['subject_cpu'] * 1000:7.2f} ms/letter CPU, {best['ratio']:.2f} x pypdfium2's plain text "
          f"({best['reference_cpu'] * 1000:.2f} ms), one core, best round")
    for backend in ("pdfium", "pdfplumber"):
        rounds = args.rounds if backend == "pdfium" else max(1, args.rounds // 10)
        pages_per_s, letters_per_s = bench_backend(pdfs, backend, rounds)
        print(f"{backend:11s} {pages_per_s:8.1f} pages/s  {letters_per_s:8.1f} letters/s")
    from amtsbrief.layout.ocr import tesseract_available

    if tesseract_available():
        print(f"tesseract   {bench_ocr(args.scan):8.2f} s/page ({args.scan.name})")
    else:
        print("tesseract   not installed")


if __name__ == "__main__":
    main()
