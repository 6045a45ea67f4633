#!/usr/bin/env python3
"""Turn rendered PDFs into image-only scans, to test the OCR path on letters whose gold is known.

usage: degrade_scans.py SRC_DIR OUT_DIR [--every 3] [--dpi 150] [--seed 7]

Takes every ``--every``-th PDF of SRC_DIR (sorted by name, so the choice is stable), renders each page
at ``--dpi``, tilts it slightly (±0.4–1.2°), adds grain, blurs a little, and writes it back as a PDF
of images only, with the letter's ``.gold.json`` copied beside it. The same seed gives the same scans.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path


def degrade(image, rng: random.Random):
    """A photocopy look: grey, tilted, grainy, a little soft."""
    from PIL import Image, ImageFilter

    grey = image.convert("L")
    angle = rng.choice((-1, 1)) * rng.uniform(0.4, 1.2)
    tilted = grey.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    noise = Image.effect_noise(tilted.size, rng.uniform(18, 32))
    grainy = Image.blend(tilted, noise, 0.12)
    soft = grainy.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.7)))
    # a scanner's threshold-ish contrast: paper lighter, ink darker
    return soft.point(lambda v: 255 if v > 200 else max(0, int(v * 0.85)))


def degrade_pdf(pdf: Path, out: Path, dpi: int, rng: random.Random) -> Path:
    """Write ``out/<name>.pdf`` as an image-only scan of ``pdf``."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf.read_bytes())
    try:
        pages = [degrade(document[i].render(scale=dpi / 72).to_pil(), rng) for i in range(len(document))]
    finally:
        document.close()
    out.mkdir(parents=True, exist_ok=True)
    target = out / pdf.name
    pages[0].save(target, save_all=True, append_images=pages[1:], resolution=dpi)
    gold = pdf.with_suffix(".gold.json")
    if gold.exists():
        shutil.copyfile(gold, out / gold.name)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("src", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--every", type=int, default=3, help="take every n-th letter (default 3)")
    parser.add_argument("--dpi", type=int, default=150)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    pdfs = sorted(args.src.glob("*.pdf"))[:: max(args.every, 1)]
    if not pdfs:
        print(f"degrade_scans: no PDFs in {args.src}", file=sys.stderr)
        return 1
    rng = random.Random(args.seed)
    for pdf in pdfs:
        print(degrade_pdf(pdf, args.out, args.dpi, rng))
    return 0


if __name__ == "__main__":
    sys.exit(main())
