#!/usr/bin/env python3
"""OCR of the scans in ``../shared/letters``: seconds per page and the evaluation score side by side.

usage: .venv/bin/python benchmarks/ocr.py [--letters DIR] [--engines tesserocr,tesseract] [--only NAME]

For every scanned PDF with a gold file (a PDF some of whose pages have no text layer), each page is
rendered once at 300 dpi and read by the reference, the plain ``tesseract`` command (``--psm 3``, TSV
out, one thread, as a person would call it). Then the whole letter is parsed by amtsbrief once per
engine: ``tesserocr`` (Tesseract's API, the model kept loaded: the default where it is installed) and
``tesseract`` (pytesseract, one process per call: the fallback, and how OCR ran before), and scored
against its gold with ``amtsbrief evaluate``'s scorer. Time is CPU time of this process and its
children on one core (see ``_timing``), so a loaded machine disturbs it less than wall-clock time.
The reference reads every page at 300 dpi; amtsbrief renders each page at the resolution it reads
it at (``layout.ocr.scan_reading``: 300 dpi for a first page and a photographed one, the scan's own up to
200 dpi for later pages), which is part of what is measured.
Issue 9's target: twice as many pages per second as before, at equal accuracy.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import cpu_seconds, pin_to_one_core  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def scans(folder: Path, only: str | None) -> list[tuple[Path, Path, list[int]]]:
    """(pdf, gold, indexes of the pages without a text layer) for each scanned letter."""
    from amtsbrief.errors import AmtsbriefError
    from amtsbrief.layout import pdfium

    found = []
    for pdf in sorted(folder.glob("*.pdf")):
        gold = pdf.with_name(pdf.stem + ".gold.json")
        if not gold.exists() or (only and only not in pdf.name):
            continue
        try:
            document = pdfium.open_document(pdf.read_bytes(), pdf.name)
            pages = pdfium.read_pages(document)
            document.close()
        except AmtsbriefError:  # a broken PDF is simply not a scan here
            continue
        scanned = [index for index, page in enumerate(pages) if page is None]
        if scanned:
            found.append((pdf, gold, scanned))
    return found


def reference(pdf: Path, pages: list[int], scratch: Path) -> float:
    """CPU seconds per page of the ``tesseract`` command on the letter's pages (rendered first, untimed)."""
    from amtsbrief.layout import pdfium

    document = pdfium.open_document(pdf.read_bytes(), pdf.name)
    images = []
    for index in pages:
        image = pdfium.render(document, index, 300)
        path = scratch / f"{pdf.stem}-{index}.png"
        image.save(path, dpi=(300, 300))
        images.append(path)
    document.close()
    environment = dict(os.environ, OMP_THREAD_LIMIT="1")
    started = cpu_seconds()
    for path in images:
        subprocess.run(["tesseract", str(path), "stdout", "-l", "deu", "--psm", "3", "tsv"], check=True,
                       capture_output=True, env=environment)
    return (cpu_seconds() - started) / len(images)


def ours(pdf: Path, gold: Path, pages: int, engine: str) -> tuple[float, float, float]:
    """(CPU seconds per OCR'd page, wall seconds per page, F1) for parsing the letter with ``engine``."""
    from amtsbrief import parse_file
    from amtsbrief.errors import AmtsbriefError
    from amtsbrief.evaluate import score_letter
    from amtsbrief.layout import ocr

    os.environ["AMTSBRIEF_OCR_ENGINE"] = engine
    ocr._engine.cache_clear()
    ocr._languages.cache_clear()
    if ocr.engine_name() != engine:
        raise SystemExit(f"the {engine} engine is not available here")
    cpu, wall = cpu_seconds(), time.perf_counter()
    try:
        got = parse_file(pdf).model_dump(mode="json")
    except AmtsbriefError:
        got = None
    cpu, wall = cpu_seconds() - cpu, time.perf_counter() - wall
    score = score_letter(pdf.stem, json.loads(gold.read_text(encoding="utf-8")), got, {})
    return cpu / pages, wall / pages, score.f1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=Path, default=ROOT.parent / "shared" / "letters")
    parser.add_argument("--engines", default="tesserocr,tesseract")
    parser.add_argument("--only", help="only letters whose file name holds this")
    args = parser.parse_args()
    engines = args.engines.split(",")
    print(pin_to_one_core())
    letters = scans(args.letters, args.only)
    if not letters:
        print(f"no scanned PDFs with gold in {args.letters}")
        return 1
    # Warm both engines up (the API loads its model once per process: that is its point, and it is
    # paid once per worker, not per page; the command pays it on every call and is timed so).
    from amtsbrief.layout import ocr

    for engine in engines:
        os.environ["AMTSBRIEF_OCR_ENGINE"] = engine
        ocr._engine.cache_clear()
        ocr._languages.cache_clear()
        ocr.ensure_tesseract("deu")
    header = f"{'letter':44s} {'pages':>5s} {'tesseract cmd':>13s}" + "".join(f" {e + ' s/page':>17s} {'F1':>6s}" for e in engines)
    print(header)
    totals = {"reference": 0.0, **{e: 0.0 for e in engines}}
    scores = {e: [] for e in engines}
    pages_done = 0
    with tempfile.TemporaryDirectory() as scratch:
        for pdf, gold, pages in letters:
            ref = reference(pdf, pages, Path(scratch))
            totals["reference"] += ref * len(pages)
            row = f"{pdf.stem[:44]:44s} {len(pages):5d} {ref:13.2f}"
            for engine in engines:
                per_page, _, f1 = ours(pdf, gold, len(pages), engine)
                totals[engine] += per_page * len(pages)
                scores[engine].append(f1)
                row += f" {per_page:17.2f} {f1:6.3f}"
            pages_done += len(pages)
            print(row, flush=True)
    summary = f"{'all, per page (CPU s)':44s} {pages_done:5d} {totals['reference'] / pages_done:13.2f}"
    for engine in engines:
        summary += f" {totals[engine] / pages_done:17.2f} {sum(scores[engine]) / len(scores[engine]):6.3f}"
    print(summary)
    for engine in engines:
        print(f"{engine}: {totals[engine] / totals['reference']:.2f} x the tesseract command's CPU time "
              f"(whole pipeline: OCR, re-reads, layout, parse)")
    if len(engines) == 2:
        print(f"{engines[1]} / {engines[0]}: {totals[engines[1]] / totals[engines[0]]:.2f} x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
