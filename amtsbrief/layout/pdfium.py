"""The fast PDF backend: words and their boxes from pypdfium2's text page.

pypdfium2 gives the page's characters with their boxes in the file's internal order; zone
detection does not rely on that order, only on the boxes. Characters are read through the raw
PDFium calls, as the wrapper's per-character objects cost more than the reading itself: three calls
a word (its first and last character's boxes, its text object), the font and size once per text
object, about 0.6 ms for a page's words on top of PDFium's own loading. Loose boxes (the font's ascent to descent, not the glyph's ink) keep every
character of a line at the same height, which line grouping relies on.
"""

from __future__ import annotations

import re
import zlib
from functools import cache

from amtsbrief.config import DEFAULT_CONFIG, Deadline, ParserConfig
from amtsbrief.errors import InputError, LimitError
from amtsbrief.layout.model import Page, Word, new_word

# Fewer characters than this on a page means it has no usable text layer (a scan, perhaps with a
# stamped page number), so it goes to OCR.
MIN_TEXT_CHARS = 20
_EMPTY_PAGE_TREE = re.compile(rb"/Count\s*0\b")
_TOKEN = re.compile(r"[^\s\x00\ufffe]+")
# PDFium marks a hyphen that breaks a word at the end of a line as U+FFFE (and often writes no line break
# after it): it is the word's hyphen, so the word keeps it and dehyphenation can join the halves
# ("Au-" + "tomat"; "Domscheit-" + "Berg" keeps its hyphen before the capital).
_WORD = re.compile(r"[^\s\x00\ufffe]+\ufffe?")


_CHUNK = 1 << 16
# Deflate cannot expand data more than 1032-fold (zlib's documented maximum compression factor: a
# 258-byte match in two bits), so a stream too short to reach the budget even so need not be inflated.
_DEFLATE_RATIO = 1032
_DIMENSION = re.compile(rb"/(Width|Height)\s+(\d{1,12})\b")


class _Over(Exception):
    """The inflated bytes passed the limit."""


def _inflated(raw: bytes, depth: int, budget: int) -> int:
    """Bytes that ``raw`` inflates to through ``depth`` chained Flate filters, counting every stage
    (PDFium holds each in memory); stops with ``_Over`` past ``budget``. Never holds more than a
    chunk per stage. A stream that is not valid Flate counts what inflated before the error."""
    decoders = [zlib.decompressobj() for _ in range(depth)]
    total = 0

    def feed(level: int, chunk: bytes) -> None:
        nonlocal total
        decoder = decoders[level] if level < depth else None
        if decoder is None or decoder.eof or not chunk:
            return
        out = decoder.decompress(chunk, _CHUNK)
        while True:
            total += len(out)
            if total > budget:
                raise _Over
            feed(level + 1, out)
            # Past the end of the deflate data a byte or two (an EOL before 'endstream') stays in the
            # tail for ever: without the eof check this loop never ends (found on a scanned notice).
            if decoder.eof or not decoder.unconsumed_tail:
                return
            out = decoder.decompress(decoder.unconsumed_tail, _CHUNK)

    try:
        for start in range(0, len(raw), _CHUNK):
            feed(0, raw[start:start + _CHUNK])
    except zlib.error:
        pass
    return total


def check_streams(data: bytes, name: str, config: ParserConfig = DEFAULT_CONFIG) -> None:
    """Refuse a PDF with a stream that inflates past ``max_decompressed`` bytes, or which holds an
    image of more than ``max_pixels``, before PDFium sees it: PDFium inflates a stream whole, and a
    stream bomb (a few kilobytes of zeros deflated, perhaps twice) aborts the process.

    Streams are found by their keywords, as a damaged file's cross-reference table cannot be trusted;
    each is inflated in chunks and thrown away, unless it is too short to reach the limit at
    Deflate's greatest ratio (a letter's streams are).
    """
    budget = config.max_decompressed
    position = 0
    while True:
        start = data.find(b"stream", position)
        if start == -1:
            return
        position = start + 6
        if data[start - 3:start] == b"end":
            continue
        body = start + 6
        if data[body:body + 2] == b"\r\n":
            body += 2
        elif data[body:body + 1] in (b"\n", b"\r"):
            body += 1
        else:
            continue
        end = data.find(b"endstream", body)
        end = len(data) if end == -1 else end
        position = end
        head = data[max(0, start - 4096):start]
        head = head[head.rfind(b"obj") + 1:] if b"obj" in head else head
        if b"/Image" in head:
            size = dict((key.decode(), int(value)) for key, value in _DIMENSION.findall(head))
            pixels = size.get("Width", 0) * size.get("Height", 0)
            if pixels > config.max_pixels:
                raise LimitError(name, "pixels", f"the PDF holds an image of {size.get('Width')} × {size.get('Height')} "
                                                 f"pixels, more than the limit of {config.max_pixels:,}")
        depth = head.count(b"/FlateDecode")
        if not depth:
            continue
        # at most this many bytes, counting every stage as _inflated does (a letter's streams: a few kB)
        if sum((end - body) * _DEFLATE_RATIO ** stage for stage in range(1, depth + 1)) <= budget:
            continue
        try:
            _inflated(data[body:end], depth, budget)
        except _Over:
            raise LimitError(name, "decompressed", f"a stream of the PDF inflates to more than the limit of "
                                                   f"{budget:,} bytes") from None


def page_size(document, index: int) -> tuple[float, float]:
    """Width and height of page ``index`` (0-based) in points, without loading its content."""
    import ctypes

    import pypdfium2.raw as raw

    width, height = ctypes.c_double(), ctypes.c_double()
    if not raw.FPDF_GetPageSizeByIndex(document.raw, index, ctypes.byref(width), ctypes.byref(height)):
        raise InputError(None, f"page {index + 1} cannot be read")
    return abs(width.value), abs(height.value)


def open_document(data: bytes, name: str):
    """Open a PDF with pypdfium2, turning its failures into an ``InputError`` that says what is wrong."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        text = str(error)
        if "password" in text.lower():
            raise InputError(name, "the PDF is encrypted with a password and cannot be read") from None
        if _EMPTY_PAGE_TREE.search(data[:65536]) and b"/Type/Page " not in data and b"/Type /Page " not in data:
            # PDFium refuses an empty page tree as a format error; say what is actually wrong
            raise InputError(name, "the PDF has no pages") from None
        raise InputError(name, f"not a readable PDF (truncated or damaged: {text})") from None
    if len(document) == 0:
        raise InputError(name, "the PDF has no pages")
    return document


def _font_name(textpage, index: int) -> str | None:
    import ctypes

    import pypdfium2.raw as raw

    textpage = ctypes.cast(textpage, raw.FPDF_TEXTPAGE)
    flags = ctypes.c_int()
    size = raw.FPDFText_GetFontInfo(textpage, index, None, 0, ctypes.byref(flags))
    if size <= 0:
        return None
    buffer = ctypes.create_string_buffer(size)
    raw.FPDFText_GetFontInfo(textpage, index, buffer, size, ctypes.byref(flags))
    return buffer.value.decode("utf-8", "replace")


@cache
def _word_calls():
    """The PDFium calls made for every word, with no argument types declared, to be called with a
    ``c_void_p`` handle, an int and a ``byref``: pypdfium2's own prototypes convert every argument
    through its class, which costs more than the call (about 0.3 µs a call this way, 0.5–1 µs
    theirs). Returns (loose char box, font size, text object, font of a text object); a handle
    returned is a plain address (an int, ``None`` for NULL)."""
    import ctypes

    import pypdfium2.raw as raw

    def untyped(function, result):
        return ctypes.cast(function, ctypes.CFUNCTYPE(result))

    return (untyped(raw.FPDFText_GetLooseCharBox, ctypes.c_int),
            untyped(raw.FPDFText_GetFontSize, ctypes.c_double),
            untyped(raw.FPDFText_GetTextObject, ctypes.c_void_p),
            untyped(raw.FPDFTextObj_GetFont, ctypes.c_void_p))


def page_words(page, number: int) -> Page | None:
    """The words of one page (a raw PDFium page handle), or ``None`` when it has no text layer worth reading.

    Raw handles rather than pypdfium2's page and text-page objects: their set-up and finalisers
    cost about as much as reading the page's characters.
    """
    import ctypes

    import pypdfium2.raw as raw

    width, height = raw.FPDF_GetPageWidthF(page), raw.FPDF_GetPageHeightF(page)
    textpage = raw.FPDFText_LoadPage(page)
    if not textpage:
        return None
    try:
        count = raw.FPDFText_CountChars(textpage)
        if count <= 0:
            return None
        buffer = (ctypes.c_ushort * (count + 1))()
        written = raw.FPDFText_GetText(textpage, 0, count, buffer)
        text = ctypes.string_at(buffer, max(written - 1, 0) * 2).decode("utf-16-le", errors="replace")
        if len(text) != count:  # characters outside the BMP: read them one by one
            text = "".join(chr(raw.FPDFText_GetUnicode(textpage, i) or 32) for i in range(count))
        if not _has_text(text):
            return None
        words = _words(ctypes.cast(textpage, ctypes.c_void_p), text, height)
    finally:
        raw.FPDFText_ClosePage(textpage)
    return Page(number=number, width=width, height=height, words=tuple(words))


def _has_text(text: str) -> bool:
    """Whether ``text`` holds ``MIN_TEXT_CHARS`` characters of words (counted until there are enough)."""
    total = 0
    for match in _TOKEN.finditer(text):
        total += match.end() - match.start()
        if total >= MIN_TEXT_CHARS:
            return True
    return False


def _words(textpage, text: str, height: float) -> list[Word]:
    """The words of a text page (a ``c_void_p``) whose text is ``text``, on a page ``height`` points high."""
    import ctypes

    import pypdfium2.raw as raw

    rect = raw.FS_RECTF()
    rect_ref = ctypes.byref(rect)  # made once: byref and the attribute look-ups cost as much as the calls
    char_box, font_size_of, text_object_of, font_of = _word_calls()
    words: list[Word] = []
    append = words.append
    font = size = font_handle = last_object = None
    # PDFium writes a generated space where glyphs stand apart and a line break between lines, so
    # whitespace in its text delimits the words; a word's box is its first and last glyph's boxes.
    for match in _WORD.finditer(text):
        first, last = match.span()
        word = match.group()
        if word[-1] == "\ufffe":
            word, last = word[:-1] + "-", last - 1
        last -= 1
        if not char_box(textpage, first, rect_ref):
            continue
        x0, top, bottom = rect.left, height - rect.top, height - rect.bottom
        if last != first and char_box(textpage, last, rect_ref):
            # min and max, written out (two builtin calls per word)
            last_top, last_bottom = height - rect.top, height - rect.bottom
            x1 = rect.right
            top = last_top if last_top < top else top
            bottom = last_bottom if last_bottom > bottom else bottom
        else:
            x1 = rect.right if last == first else x0
        # A PDF text object has one font and one size (PDFium gives each character its object's):
        # a word in the same text object as the word before has both (one call, not four). The font's
        # handle tells whether the font changed (a bold subject in the body's size); its name, which
        # costs two calls, is read only then.
        text_object = text_object_of(textpage, first)
        if text_object != last_object or text_object is None:
            handle, last_object = font_of(ctypes.c_void_p(text_object)), text_object
            size = round(font_size_of(textpage, first), 2) or None
            if handle != font_handle:
                font, font_handle = _font_name(textpage, first), handle
        append(new_word(word, x0, top, x1 if x1 > x0 else x0, bottom, font, size))
    return words


def read_pages(document, deadline: Deadline | None = None) -> list[Page | None]:
    """Every page's words; ``None`` for a page without a text layer. ``deadline`` is checked per page."""
    import pypdfium2.raw as raw

    out = []
    for index in range(len(document)):
        if deadline is not None:
            deadline.check(f"reading page {index + 1}")
        page = raw.FPDF_LoadPage(document.raw, index)
        if not page:
            raise InputError(None, f"page {index + 1} cannot be read")
        try:
            out.append(page_words(page, index + 1))
        finally:
            raw.FPDF_ClosePage(page)
    return out


def render(document, index: int, dpi: float = 300):
    """A PIL image of page ``index`` (0-based) at ``dpi``, for OCR and for drawing (the caller keeps
    ``dpi`` within the pixel limit, see ``amtsbrief.layout.render_dpi``)."""
    page = document[index]
    try:
        return page.render(scale=dpi / 72).to_pil()
    finally:
        page.close()
