#!/usr/bin/env python3
"""Regenerate the PDF and image fixtures of the layout tests from ``din-letter.txt`` (a fictional letter).

usage: .venv/bin/python tests/pdfs/make_fixtures.py

- ``din-letter-natural.pdf`` / ``din-letter-scrambled.pdf``: the letter as a two-page DIN 5008 PDF by
  the two producers of scripts/render_pdfs.py (left column first / right column and footer first).
- ``bundle-anlage.pdf``: the letter followed by an attachment page headed "Anlage 1".
- ``encrypted.pdf`` (user password "secret"), ``truncated.pdf`` (first half of a PDF),
  ``no-pages.pdf`` (a page tree with no pages): broken input that must give a clear error.
- ``din-letter-scan.png``: page 1 as a degraded 150 dpi greyscale scan, for the OCR test.
"""

from __future__ import annotations

import importlib.util
import io
import random
import sys
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent.parent


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def main() -> None:
    import pypdfium2 as pdfium
    from reportlab.pdfgen import canvas

    render = _script("render_pdfs")
    degrade = _script("degrade_scans")
    letter = HERE / "din-letter.txt"
    for producer in ("natural", "scrambled"):
        pdf = render.render(letter, HERE / "_tmp", producer)
        pdf.rename(HERE / f"din-letter-{producer}.pdf")
    (HERE / "_tmp").rmdir()

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(render.PAGE_W, render.PAGE_H), invariant=1)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(render.LEFT, render.PAGE_H - 80, "Anlage 1")
    c.setFont("Helvetica", 10.5)
    for i, text in enumerate(["Übersicht der Verwarnungen nach Monaten im Jahr 2023",
                              "Januar 402, Februar 388, März 415, April 397, Mai 420, Juni 391"]):
        c.drawString(render.LEFT, render.PAGE_H - 110 - i * 14, text)
    c.showPage()
    c.save()
    bundle = pdfium.PdfDocument((HERE / "din-letter-natural.pdf").read_bytes())
    bundle.import_pages(pdfium.PdfDocument(buffer.getvalue()))
    with open(HERE / "bundle-anlage.pdf", "wb") as out:
        bundle.save(out)

    c = canvas.Canvas(str(HERE / "encrypted.pdf"), encrypt="secret", invariant=1)
    c.drawString(72, 720, "Vertraulich: dieser Brief ist verschlüsselt.")
    c.save()
    whole = (HERE / "din-letter-natural.pdf").read_bytes()
    (HERE / "truncated.pdf").write_bytes(whole[: len(whole) // 2])
    with open(HERE / "no-pages.pdf", "wb") as out:  # a valid file whose page tree is empty
        pdfium.PdfDocument.new().save(out)

    document = pdfium.PdfDocument((HERE / "din-letter-natural.pdf").read_bytes())
    image = degrade.degrade(document[0].render(scale=150 / 72).to_pil(), random.Random(3))
    image.save(HERE / "din-letter-scan.png", optimize=True, dpi=(150, 150))


if __name__ == "__main__":
    main()
