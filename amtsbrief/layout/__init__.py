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

from dataclasses import replace
from typing import Callable

from amtsbrief.config import DEFAULT_CONFIG, MIN_OCR_DPI, Deadline, ParserConfig
from amtsbrief.errors import InputError, LimitError
from amtsbrief.layout.model import LaidOutDocument, Line, Page, Word

__all__ = ["read_layout", "LaidOutDocument", "Page", "Line", "Word", "BACKENDS", "MEDIA_TYPES"]

BACKENDS = ("auto", "pdfium", "pdfplumber")
IMAGES = ("image/png", "image/tiff", "image/jpeg")
PAGE_XML, ALTO_XML = "application/vnd.prima.page+xml", "application/alto+xml"
MEDIA_TYPES = ("application/pdf", *IMAGES, PAGE_XML, ALTO_XML)
# A page whose OCR words average below this confidence gets a warning; fields read from it are doubtful.
LOW_CONFIDENCE = 0.70


def read_layout(data: bytes, *, media_type: str, name: str, backend: str = "auto",
                ocr_language: str = "deu", config: ParserConfig = DEFAULT_CONFIG,
                deadline: Deadline | None = None) -> LaidOutDocument:
    """Read a laid-out document (PDF, image, PAGE or ALTO XML) into text in reading order with a box map.

    ``backend`` picks the PDF reader: ``auto`` is the fast one (pypdfium2), ``pdfplumber`` the
    reference. Broken input raises an ``InputError`` naming ``name``; missing Tesseract a
    ``DependencyError`` that says how to install it; a document beyond ``config``'s limits (pages,
    pixels, decompressed size, ``deadline``) a ``LimitError``.
    """
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
    deadline = deadline or Deadline(name, config.time_budget)
    if media_type == "application/pdf":
        pages, extractor, warnings = _read_pdf(data, name, backend, ocr_language, config, deadline)
    elif media_type in IMAGES:
        from amtsbrief.layout.ocr import open_image

        check_image(data, name, config)
        frames = open_image(data, name)
        pages = []
        for number, frame in enumerate(frames, 1):
            deadline.check(f"reading page {number} by OCR")
            pages.append(_ocr_within(name, frame, number, ocr_language, config))
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


def check_image(data: bytes, name: str, config: ParserConfig = DEFAULT_CONFIG) -> None:
    """Refuse an image file whose header claims more frames than ``max_pages`` or a frame of more
    pixels than ``max_pixels``, before any pixel is decoded (a PNG may claim 100,000 × 100,000)."""
    import io
    import warnings

    try:
        from PIL import Image
    except ImportError:
        return  # open_image says how to install Pillow
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # DecompressionBombWarning: we decide below
            image = Image.open(io.BytesIO(data))
            frames = getattr(image, "n_frames", 1)
            if frames > config.max_pages:
                raise LimitError(name, "pages", f"the image has {frames} frames, more than the limit of {config.max_pages}")
            for index in range(frames):
                if index:
                    image.seek(index)
                width, height = image.size
                if width * height > config.max_pixels:
                    raise LimitError(name, "pixels", f"frame {index + 1} is {width} × {height} pixels, more than the "
                                                     f"limit of {config.max_pixels:,} pixels")
    except LimitError:
        raise
    except Image.DecompressionBombError as error:
        raise LimitError(name, "pixels", f"the image is too large to decode ({error})") from None
    except (OSError, ValueError, EOFError, SyntaxError) as error:
        raise InputError(name, f"the image cannot be read ({error})") from None


def _ocr_within(name: str, image, number: int, language: str, config: ParserConfig, dpi: float | None = None,
                rescale: bool = True) -> Page:
    """OCR one image within ``max_pixels``: the OCR stage scales an image of low resolution up (see
    ``ocr.ocr_dpi``), which for a large page would exceed the limit; such a page is read at the
    resolution it has. ``rescale=False``: the image was rendered at the resolution to read it at."""
    import functools

    from amtsbrief.layout.ocr import DPI, ocr_dpi, ocr_image

    given = dpi
    if dpi is None:
        info = image.info.get("dpi") or (DPI, DPI)
        try:
            dpi = float(info[0]) if info and info[0] and float(info[0]) > 50 else DPI
        except (TypeError, ValueError):
            dpi = DPI
    upscaled = image.width * image.height * max(1.0, ocr_dpi(dpi, number) / dpi if rescale else 1.0) ** 2
    if image.width * image.height > config.max_pixels:
        raise LimitError(name, "pixels", f"page {number} is {image.width} × {image.height} pixels, more than the "
                                         f"limit of {config.max_pixels:,} pixels")
    if rescale and upscaled <= config.max_pixels:
        return _named(name, ocr_image, image, number, language, given)
    # rendered for reading, or too large to scale up: read as it is
    return _named(name, functools.partial(ocr_image, rescale=False), image, number, language, dpi)


# A scanned page with fewer words than this was probably not read at all (a whole letter page has hundreds).
FEW_WORDS = 20
_PAPER_MARGIN = 0.02  # a white border wider than this share of the page is the PDF page around the photo


def _ocr_paper_alone(name: str, image, number: int, language: str, config: ParserConfig, first: Page,
                     dpi: float) -> Page:
    """OCR again on the photographed sheet alone, cropped from the white page it was placed on.

    Tesseract binarises a page with one global (Otsu) threshold. When a grey photo of a letter sits on a
    pure white PDF page, that threshold falls between the white border and the grey paper, and the
    type vanishes with the paper: no word is read (a photographed Freistellungsbescheid). Cropped to the
    sheet, the threshold falls between paper and ink again. Done only where the first reading found
    almost nothing, so pages that read well are untouched.
    """
    box = _paper_box(image)
    if box is None:
        return first  # a white page
    left, top, right, bottom = box
    if left < _PAPER_MARGIN * image.width and top < _PAPER_MARGIN * image.height \
            and right > (1 - _PAPER_MARGIN) * image.width and bottom > (1 - _PAPER_MARGIN) * image.height:
        return first  # no white border to take away
    cropped = _ocr_within(name, image.crop(box), number, language, config, dpi, False)
    if len(cropped.words) <= len(first.words):
        return first
    return _shifted(cropped, left * 72.0 / dpi, top * 72.0 / dpi, first.width, first.height)


def ocr_scanned_page(document, name: str, index: int, language: str, config: ParserConfig = DEFAULT_CONFIG) -> Page:
    """Page ``index`` (0-based) of an open PDF, one without a text layer, read by OCR: rendered at the
    resolution it is read at (``ocr.scan_reading``: its scan's own, within what OCR needs and the pixel
    limit), and read again on the sheet alone where almost nothing was found (a photo placed on a white
    page: on the sheet alone straight away). ``parse_file`` and a
    batch's page tasks read a page alike through it."""
    from amtsbrief.layout import pdfium
    from amtsbrief.layout.ocr import scan_reading

    width, height = pdfium.page_size(document, index)
    wanted_dpi, photo = scan_reading(document, index)
    dpi = render_dpi(width, height, name, index + 1, config, wanted_dpi)
    image = pdfium.render(document, index, dpi)
    if photo:  # the sheet alone straight away: the whole page reads as nothing
        nothing = Page(index + 1, image.width * 72.0 / dpi, image.height * 72.0 / dpi)
        page = _ocr_paper_alone(name, image, index + 1, language, config, nothing, dpi)
        if len(page.words) >= FEW_WORDS:
            return page
    page = _ocr_within(name, image, index + 1, language, config, dpi, False)  # rendered to be read as it is
    if len(page.words) < FEW_WORDS:
        page = _ocr_paper_alone(name, image, index + 1, language, config, page, dpi)
    return page


def _paper_box(image) -> tuple[int, int, int, int] | None:
    """The box of what is not pure white on the page (the photographed sheet), ``None`` on a white page."""
    from PIL import ImageOps

    return ImageOps.invert(image.convert("L")).point(lambda value: 255 if value > 8 else 0).getbbox()


def _shifted(page: Page, dx: float, dy: float, width: float, height: float) -> Page:
    """``page`` with every box moved by ``dx``, ``dy`` points, on a page of ``width`` × ``height``."""
    return _with_boxes(page, lambda w: replace(w, x0=w.x0 + dx, top=w.top + dy, x1=w.x1 + dx, bottom=w.bottom + dy),
                       width, height)


def _with_boxes(page: Page, word: Callable[[Word], Word], width: float, height: float) -> Page:
    """``page`` of ``width`` × ``height`` with ``word`` applied to every word, in its words and its lines alike."""
    moved = {id(w): word(w) for w in page.words}
    lines = tuple(Line(tuple(moved.get(id(w)) or word(w) for w in line.words)) for line in page.lines)
    return replace(page, width=width, height=height, words=tuple(moved[id(w)] for w in page.words), lines=lines)


def render_dpi(width_pt: float, height_pt: float, name: str, number: int, config: ParserConfig, dpi: float = 300) -> float:
    """The resolution to render a page of ``width_pt`` × ``height_pt`` points at: ``dpi``, or lower
    so that it fits ``max_pixels``; a ``LimitError`` when that would be below ``MIN_OCR_DPI``.

    >>> render_dpi(595, 842, "a.pdf", 1, DEFAULT_CONFIG)  # A4
    300
    >>> round(render_dpi(2384, 3370, "a0.pdf", 1, DEFAULT_CONFIG))  # A0: rendered at 159 dpi
    159
    """
    pixels = (width_pt / 72 * dpi) * (height_pt / 72 * dpi)
    if pixels <= config.max_pixels:
        return dpi
    fitted = dpi * (config.max_pixels / pixels) ** 0.5 * 0.99  # rounding to whole pixels must not pass the limit
    if fitted < MIN_OCR_DPI:
        raise LimitError(name, "pixels", f"page {number} measures {width_pt:.0f} × {height_pt:.0f} points; even at "
                                         f"{MIN_OCR_DPI} dpi it is more than the limit of {config.max_pixels:,} pixels")
    return fitted


def _read_pdf(data: bytes, name: str, backend: str, language: str, config: ParserConfig = DEFAULT_CONFIG,
              deadline: Deadline | None = None):
    from amtsbrief.layout import pdfium

    deadline = deadline or Deadline(name, config.time_budget)
    pdfium.check_streams(data, name, config)
    document = pdfium.open_document(data, name)
    try:
        if len(document) > config.max_pages:
            raise LimitError(name, "pages", f"the PDF has {len(document)} pages, more than the limit of {config.max_pages}")
        if backend == "pdfplumber":
            from amtsbrief.layout import plumber

            pages = plumber.read_pages(data, name, deadline)
            extractor = "pdfplumber"
        else:
            pages = _named(name, pdfium.read_pages, document, deadline)
            extractor = "pdfium"
        warnings = []
        scanned = [i for i, page in enumerate(pages) if page is None]
        if scanned:
            for position, i in enumerate(scanned):
                if deadline.expired() and position:
                    # A long scan keeps the pages read so far: the letter's head is on its first pages.
                    unread = scanned[position:]
                    pages = [page for number, page in enumerate(pages) if number not in unread]
                    warnings.append(("pages-unread", f"pages {', '.join(str(n + 1) for n in unread)} were not read "
                                                     f"by OCR: the time budget of {deadline.seconds:g} s was spent"))
                    break
                deadline.check(f"reading page {i + 1} by OCR")
                pages[i] = ocr_scanned_page(document, name, i, language, config)
            extractor = "tesseract" if len(scanned) == len(document) else f"{extractor}+tesseract"
            if len(scanned) < len(document):
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
