#!/usr/bin/env python3
"""Born-digital PDFs through the whole pipeline, against pypdfium2's plain text extraction.

usage: .venv/bin/python benchmarks/pdf.py [--letters 40] [--rounds 5] [--pdfs DIR] [--profile]

Renders the corpus letters as DIN 5008 PDFs (``scripts/render_pdfs.py``, natural producer; into a
temporary folder unless ``--pdfs`` names one already rendered) and keeps the two-page ones. Each
round parses every PDF with ``amtsbrief.parse_bytes`` (load, layout, normalise, segment, extract,
assemble) and, in turn, pulls the plain text out of every page with pypdfium2 alone (the reference:
what any PDF tool pays). Reported: letters per second of CPU on one core, and the ratio to the
reference (see ``_timing``), and apart the layout layer's share (``read_layout`` alone: PDFium's pages,
words, zones and text, timed in turn with the reference too). ``--profile`` prints where the
pipeline's time goes (cProfile).

Issue 9's target: 150 two-page letters per second per core.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import interleaved, pin_to_one_core, print_profile  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def render_corpus(out: Path) -> list[Path]:
    sys.path.insert(0, str(ROOT / "scripts"))
    import render_pdfs

    txts = sorted((ROOT / "corpus").glob("*/*.txt"))
    return [render_pdfs.render(txt, out, "natural") for txt in txts]


def two_page(paths: list[Path], limit: int) -> list[bytes]:
    """The two-page PDFs whose pages all have a text layer (a near-empty last page would go to OCR)."""
    from amtsbrief.layout import pdfium

    chosen = []
    for path in paths:
        data = path.read_bytes()
        document = pdfium.open_document(data, path.name)
        born_digital = len(document) == 2 and all(page is not None for page in pdfium.read_pages(document))
        document.close()
        if born_digital:
            chosen.append(data)
        if len(chosen) == limit:
            break
    return chosen


def pdfium_text(data: bytes) -> str:
    """The reference: every page's plain text through pypdfium2, nothing more."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(texts)
    finally:
        document.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=40, help="two-page letters to use")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pdfs", type=Path, help="a folder of rendered PDFs (default: render now)")
    parser.add_argument("--profile", action="store_true", help="print the pipeline's cProfile, top 40")
    args = parser.parse_args()

    from amtsbrief import parse_bytes
    from amtsbrief.layout import read_layout

    print(pin_to_one_core())
    with tempfile.TemporaryDirectory() as scratch:
        paths = sorted(args.pdfs.glob("*.pdf")) if args.pdfs else render_corpus(Path(scratch))
        pdfs = two_page(paths, args.letters)
    if not pdfs:
        print("no two-page PDFs found")
        return 1

    def pipeline(data: bytes) -> None:
        parse_bytes(data, name="letter.pdf")

    pipeline(pdfs[0])  # the lazy loads (spaCy's rules, dateparser) are not what is measured
    if args.profile:
        print_profile(pipeline, pdfs, 40, sort="cumulative")

    def layout(data: bytes) -> None:
        read_layout(data, media_type="application/pdf", name="letter.pdf")

    best = interleaved(pipeline, pdfium_text, pdfs, args.rounds)
    alone = interleaved(layout, pdfium_text, pdfs, args.rounds)
    print(f"{len(pdfs)} two-page rendered corpus letters, best of {args.rounds} rounds, CPU time on one core")
    print(f"{'whole pipeline (parse_bytes)':32s} {best['subject_cpu'] * 1000:7.2f} ms/letter "
          f"{1 / best['subject_cpu']:7.1f} letters/s   (wall {best['subject_wall'] * 1000:.2f} ms)")
    print(f"{'  of which the layout layer':32s} {alone['subject_cpu'] * 1000:7.2f} ms/letter "
          f"({alone['subject_cpu'] / best['subject_cpu']:.0%}; {alone['ratio']:.2f} x its reference)")
    print(f"{'reference: pypdfium2 plain text':32s} {best['reference_cpu'] * 1000:7.2f} ms/letter "
          f"{1 / best['reference_cpu']:7.1f} letters/s   (wall {best['reference_wall'] * 1000:.2f} ms)")
    print(f"ratio to the reference: {best['ratio']:.1f} x   target: >= 150 letters/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
