"""The layout layer: PDFs, scans and PAGE/ALTO XML read as a person reads the page.

``read_layout`` turns a document into a ``LaidOutDocument``: its text in reading order (fed to the
same parser as ``.txt`` input) and a map from every character range back to its page and box. The
stages, one module each: a backend reads words with boxes (``pdfium``, ``plumber``, ``ocr``,
``pagexml``, ``alto``) into the page model (``model``); ``bundle`` finds where attachments begin;
``zones`` finds columns, footers and running headers; ``serialize`` writes the text and its map.

Heavy libraries (pypdfium2, pdfplumber, pytesseract, Pillow) are imported inside the functions that
need them, so importing amtsbrief stays fast.
"""

from __future__ import annotations

from amtsbrief.errors import InputError
from amtsbrief.layout.model import LaidOutDocument, Line, Page, Word

__all__ = ["read_layout", "LaidOutDocument", "Page", "Line", "Word", "BACKENDS", "MEDIA_TYPES"]

BACKENDS = ("auto", "pdfium", "pdfplumber")
IMAGES = ("image/png", "image/tiff", "image/jpeg")
PAGE_XML, ALTO_XML = "application/vnd.prima.page+xml", "application/alto+xml"
MEDIA_TYPES = ("application/pdf", *IMAGES, PAGE_XML, ALTO_XML)
# A page whose OCR words average below this confidence gets a warning; fields read from it are doubtful.
LOW_CONFIDENCE = 0.70


def read_layout(data: bytes, *, media_type: str, name: str, backend: str = "auto",
                ocr_language: str = "deu") -> LaidOutDocument:
    """Read a laid-out document (PDF, image, PAGE or ALTO XML) into text in reading order with a box map.

    ``backend`` picks the PDF reader: ``auto`` is the fast one (pypdfium2), ``pdfplumber`` the
    reference. Broken input raises an ``InputError`` naming ``name``; missing Tesseract a
    ``DependencyError`` that says how to install it.
    """
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
    if media_type == "application/pdf":
        pages, extractor, warnings = _read_pdf(data, name, backend, ocr_language)
    elif media_type in IMAGES:
        from amtsbrief.layout.ocr import ocr_image, open_image

        frames = open_image(data, name)
        pages = [_named(name, ocr_image, frame, n, ocr_language) for n, frame in enumerate(frames, 1)]
        extractor, warnings = "tesseract", []
    elif media_type == PAGE_XML:
        from amtsbrief.layout.pagexml import read_page_xml

        pages, extractor, warnings = read_page_xml(data, name), "page-xml", []
    elif media_type == ALTO_XML:
        from amtsbrief.layout.alto import read_alto

        pages, extractor, warnings = read_alto(data, name), "alto", []
    else:
        raise InputError(name, f"cannot read {media_type!r} by its layout (expected one of {', '.join(MEDIA_TYPES)})")
    return lay_out(pages, extractor=extractor, warnings=warnings, name=name)


def lay_out(pages: list[Page], *, extractor: str, warnings=(), name: str = "<pages>") -> LaidOutDocument:
    """Pages of words (from any backend) → the document's text and map: bundle, zones, text."""
    from amtsbrief.layout.bundle import attachments_start
    from amtsbrief.layout.serialize import write
    from amtsbrief.layout.zones import chunk_pages, page_zones

    warnings = list(warnings)
    if not any(page.words for page in pages):
        from amtsbrief.errors import EmptyInputError

        raise EmptyInputError(name, "no text was found on any page")
    # Words into lines and chunks once, for the bundle test and the zones both.
    chunked = chunk_pages(pages)
    start = attachments_start(pages, [chunks for chunks, _ in chunked])
    if start is not None:
        warnings.append(("attachments", f"attachments (Anlagen) begin on page {pages[start].number}; "
                                        "left out of the letter"))
        letter_pages = pages[:start]
    else:
        letter_pages = pages
    warnings.extend(_confidence_warnings(letter_pages))
    zones = page_zones(letter_pages, chunked[:len(letter_pages)])
    return write(zones, pages=len(pages), extractor=extractor, warnings=warnings,
                 page_sizes=[(page.width, page.height) for page in pages])


def _named(name: str, function, *args):
    """Call ``function``, naming the file in any ``InputError`` or ``DependencyError`` it raises."""
    from amtsbrief.errors import AmtsbriefError

    try:
        return function(*args)
    except AmtsbriefError as error:
        if error.source is None:
            raise type(error)(name, error.message) from None
        raise


def _read_pdf(data: bytes, name: str, backend: str, language: str):
    from amtsbrief.layout import pdfium

    document = pdfium.open_document(data, name)
    try:
        if backend == "pdfplumber":
            from amtsbrief.layout import plumber

            pages = plumber.read_pages(data, name)
            extractor = "pdfplumber"
        else:
            pages = _named(name, pdfium.read_pages, document)
            extractor = "pdfium"
        warnings = []
        scanned = [i for i, page in enumerate(pages) if page is None]
        if scanned:
            from amtsbrief.layout.ocr import DPI, ocr_image

            for i in scanned:
                image = pdfium.render(document, i, DPI)
                pages[i] = _named(name, ocr_image, image, i + 1, language, DPI)
            extractor = "tesseract" if len(scanned) == len(pages) else f"{extractor}+tesseract"
            if len(scanned) < len(pages):
                warnings.append(("ocr", f"pages {', '.join(str(i + 1) for i in scanned)} have no text layer and were read by OCR"))
    finally:
        document.close()
    return pages, extractor, warnings


def _confidence_warnings(pages: list[Page]):
    for page in pages:
        values = [w.confidence for w in page.words if w.confidence is not None]
        if values and sum(values) / len(values) < LOW_CONFIDENCE:
            low = sum(v < 0.5 for v in values)
            yield ("ocr-low-confidence", f"page {page.number}: OCR confidence {sum(values) / len(values):.2f} "
                                         f"on average, {low} of {len(values)} words below 0.50")
