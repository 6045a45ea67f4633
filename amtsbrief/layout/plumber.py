"""The pdfplumber backend: slower (about 50 ms a page against 1 ms), but pdfplumber is the reference
for words and boxes, and its ``to_image`` is the visual debugger. Same page model as ``pdfium``."""

from __future__ import annotations

from amtsbrief.errors import InputError
from amtsbrief.layout.model import Page, Word
from amtsbrief.layout.pdfium import MIN_TEXT_CHARS


def read_pages(data: bytes, name: str, deadline=None) -> list[Page | None]:
    """Every page's words; ``None`` for a page without a text layer. ``deadline`` is checked per page."""
    import io

    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # pdfminer raises many kinds; each means the file cannot be read
        kind = type(error).__name__
        if "Password" in kind or "Encrypt" in kind:
            raise InputError(name, "the PDF is encrypted with a password and cannot be read") from None
        raise InputError(name, f"not a readable PDF ({kind}: {error})") from None
    out: list[Page | None] = []
    with pdf:
        if not pdf.pages:
            raise InputError(name, "the PDF has no pages")
        for number, page in enumerate(pdf.pages, 1):
            if deadline is not None:
                deadline.check(f"reading page {number}")
            try:
                found = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False)
            except Exception as error:
                raise InputError(name, f"page {number} cannot be read ({type(error).__name__})") from None
            if sum(len(w["text"]) for w in found) < MIN_TEXT_CHARS:
                out.append(None)
                continue
            words = tuple(
                Word(w["text"], float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]),
                     font=w.get("fontname"), size=round(float(w["size"]), 2))
                for w in found
            )
            out.append(Page(number=number, width=float(page.width), height=float(page.height), words=words))
    return out
