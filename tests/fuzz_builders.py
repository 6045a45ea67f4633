"""Builders of hostile inputs, small on disk and claiming huge: the suite's fuzz tests and
``benchmarks/hostile.py`` (the hostile-input kit) both use them.

Each builder returns bytes. Nothing here writes files; nothing here is larger than a few hundred
kilobytes unless asked to be.
"""

from __future__ import annotations

import struct
import zlib

LETTER = """Stadt Musterstadt · Markt 1 · 01234 Musterstadt

Frau
Erika Beispiel
Hauptstraße 5
01234 Musterstadt

Musterstadt, 12.03.2024

Betreff: Ihre Anfrage zum Spielplatz

Sehr geehrte Frau Beispiel,

vielen Dank für Ihre Anfrage. Der Spielplatz wird im Mai erneuert.

Mit freundlichen Grüßen

Max Mustermann
"""


# -- PDF ----------------------------------------------------------------------------------------------


def pdf(objects: list[bytes], *, root: int = 1, xref: bool = True) -> bytes:
    """A PDF of ``objects`` (object ``i + 1`` is ``objects[i]``, without ``obj``/``endobj``)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, start)
    return bytes(out)


def stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def deflated_zeros(size: int, times: int = 1) -> bytes:
    """``size`` zero bytes deflated ``times`` times, built in chunks (never ``size`` in memory)."""
    compressor = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    parts = []
    remaining = size
    while remaining > 0:
        parts.append(compressor.compress(chunk[:min(remaining, len(chunk))]))
        remaining -= len(chunk)
    parts.append(compressor.flush())
    data = b"".join(parts)
    for _ in range(times - 1):
        data = zlib.compress(data, 9)
    return data


def text_pdf(lines: list[str] | None = None, *, width: int = 595, height: int = 842, pages: int = 1,
             content: bytes | None = None, filters: bytes = b"") -> bytes:
    """A PDF with a text layer: ``lines`` on each of ``pages`` pages (Helvetica, WinAnsi)."""
    lines = lines if lines is not None else LETTER.splitlines()
    if content is None:
        ops = [b"BT /F1 10 Tf 12 TL 60 %d Td" % (height - 60)]
        for line in lines:
            text = line.encode("cp1252", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            ops.append(b"(" + text + b") Tj T*")
        ops.append(b"ET")
        content = b"\n".join(ops)
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        stream(filters, content),
    ]
    for _ in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 3 0 R "
                       b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (width, height, 4 + pages))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    return pdf(objects)


def stream_bomb_pdf(size: int = 2 * 1024**3, times: int = 2) -> bytes:
    """A one-page PDF whose content stream inflates to ``size`` bytes (deflated ``times`` times)."""
    data = deflated_zeros(size, times)
    filters = b"/Filter [" + b" ".join([b"/FlateDecode"] * times) + b"]"
    return text_pdf(content=data, filters=filters)


def many_pages_pdf(pages: int = 5000) -> bytes:
    """``pages`` tiny pages sharing one content stream."""
    return text_pdf(["Seite"], width=20, height=20, pages=pages)


def image_only_pdf(width: int = 14400, height: int = 14400) -> bytes:
    """A page of ``width`` × ``height`` points with no text at all (it goes to OCR)."""
    return text_pdf([], width=width, height=height, content=b"0 0 m 10 10 l S")


def image_xobject_pdf(pixels: int = 100_000) -> bytes:
    """A page showing an image XObject that claims ``pixels`` × ``pixels`` (its data is tiny)."""
    image = stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                   b"/BitsPerComponent 8 /Filter /FlateDecode" % (pixels, pixels), zlib.compress(bytes(1000)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>",
        stream(b"", b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
        image,
    ]
    return pdf(objects)


def page_tree_loop_pdf() -> bytes:
    """A page tree whose kids point back at itself, with a lying /Count."""
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 2 0 R] /Count 1000000000 >>"])


# -- images ---------------------------------------------------------------------------------------


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_claiming(width: int = 100_000, height: int = 100_000, *, real_rows: int = 4) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` grey pixels, with a few rows of data."""
    raw = b"".join(b"\x00" + bytes(min(width, 4096)) for _ in range(real_rows))
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + _png_chunk(b"IDAT", zlib.compress(raw)) + _png_chunk(b"IEND", b""))


def png_bomb(side: int = 20_000) -> bytes:
    """A real decompression bomb: ``side`` × ``side`` 1-bit pixels, all white, deflated (about 50 KB for 20,000)."""
    row = b"\x00" + b"\xff" * ((side + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0))
            + _png_chunk(b"IDAT", data) + _png_chunk(b"IEND", b""))


def tiff_frames(frames: int = 1000, side: int = 8) -> bytes:
    """A multi-page TIFF of ``frames`` tiny blank frames (a frame-count bomb)."""
    import io

    from PIL import Image

    images = [Image.new("L", (side, side), 255) for _ in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, format="TIFF", save_all=True, append_images=images[1:])
    return buffer.getvalue()


def jpeg_claiming(width: int = 65_000, height: int = 65_000) -> bytes:
    """A tiny JPEG whose frame header is rewritten to claim ``width`` × ``height``."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (8, 8), 255).save(buffer, format="JPEG")
    data = bytearray(buffer.getvalue())
    at = data.find(b"\xff\xc0")
    struct.pack_into(">HH", data, at + 5, height, width)
    return bytes(data)


# -- XML ------------------------------------------------------------------------------------------

PAGE_NS = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"
ALTO_NS = "http://www.loc.gov/standards/alto/ns-v4#"


def page_xml(lines: list[tuple[str, str]], *, width: str = "2480", height: str = "3508") -> bytes:
    """A PAGE XML page with one region holding ``lines`` of ``(points, text)``."""
    body = "".join(
        f'<TextLine id="l{i}"><Coords points="{points}"/><TextEquiv><Unicode>{_xml(text)}</Unicode></TextEquiv></TextLine>'
        for i, (points, text) in enumerate(lines))
    return (f'<?xml version="1.0" encoding="UTF-8"?><PcGts xmlns="{PAGE_NS}"><Page imageFilename="x.png" '
            f'imageWidth="{width}" imageHeight="{height}"><TextRegion id="r1"><Coords points="0,0 1,1"/>{body}'
            f'</TextRegion></Page></PcGts>').encode()


def alto_xml(words: list[tuple[str, str, str, str, str, str]]) -> bytes:
    """An ALTO page with one line of ``words`` as ``(content, hpos, vpos, width, height, wc)``."""
    strings = "".join(f'<String CONTENT="{_xml(c)}" HPOS="{x}" VPOS="{y}" WIDTH="{w}" HEIGHT="{h}" WC="{wc}"/>'
                      for c, x, y, w, h, wc in words)
    return (f'<?xml version="1.0" encoding="UTF-8"?><alto xmlns="{ALTO_NS}"><Layout><Page ID="p1" WIDTH="2480" '
            f'HEIGHT="3508"><PrintSpace><TextBlock ID="b1"><TextLine ID="t1">{strings}</TextLine></TextBlock>'
            f'</PrintSpace></Page></Layout></alto>').encode()


def letter_lines(coordinates=lambda i: (f"100,{100 + 60 * i} 2000,{100 + 60 * i} 2000,{150 + 60 * i} 100,{150 + 60 * i}")):
    return [(coordinates(i), line) for i, line in enumerate(LETTER.splitlines()) if line.strip()]


def billion_laughs() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    return (f'<?xml version="1.0"?><!DOCTYPE PcGts [{entities}]><PcGts xmlns="{PAGE_NS}"><Page>'
            f'<TextRegion><TextLine><Coords points="0,0 9,9"/><TextEquiv><Unicode>&lol9;</Unicode></TextEquiv>'
            f'</TextLine></TextRegion></Page></PcGts>').encode()


def external_entity() -> bytes:
    return (f'<?xml version="1.0"?><!DOCTYPE alto [<!ENTITY x SYSTEM "file:///etc/passwd">]><alto xmlns="{ALTO_NS}">'
            f'<Layout><Page><PrintSpace><TextBlock><TextLine><String CONTENT="&x;"/></TextLine></TextBlock>'
            f'</PrintSpace></Page></Layout></alto>').encode()


def deep_xml(depth: int = 100_000) -> bytes:
    return (f'<?xml version="1.0"?><PcGts xmlns="{PAGE_NS}"><Page>' + "<TextRegion>" * depth
            + "</TextRegion>" * depth + "</Page></PcGts>").encode()


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


# -- e-mail -------------------------------------------------------------------------------------------


def mail(headers: dict[str, str] | None = None, body: str = LETTER, *, extra: str = "") -> bytes:
    """A plain-text e-mail; ``extra`` is raw header text added before the blank line."""
    heads = {"From": "amt@example.org", "To": "buerger@example.org", "Subject": "Ihre Anfrage",
             "Date": "Tue, 12 Mar 2024 10:00:00 +0100", "MIME-Version": "1.0",
             "Content-Type": "text/plain; charset=utf-8", **(headers or {})}
    text = "".join(f"{key}: {value}\n" for key, value in heads.items()) + extra + "\n" + body
    return text.encode("utf-8")


def encoded_words(count: int) -> str:
    return " ".join(f"=?utf-8?q?Gr=C3=BC=C3=9Fe_{i}?=" for i in range(count))


def mime_tree(depth: int, width: int = 1, *, leaf: str = LETTER) -> bytes:
    """A multipart message nested ``depth`` deep, each level with ``width`` parts."""

    # built from the inside out: a recursive builder would hit Python's recursion limit itself
    inner = f"Content-Type: text/plain; charset=utf-8\n\n{leaf}\n"
    for level in reversed(range(depth)):
        boundary = f"b{level}"
        inner = (f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n'
                 + "".join(f"--{boundary}\n{inner}" for _ in range(width)) + f"--{boundary}--\n")
    return ("From: a@example.org\nSubject: x\nMIME-Version: 1.0\n" + inner).encode("utf-8")


# -- text -----------------------------------------------------------------------------------------

UNICODE_BLANKS = "\u00a0\u202f\u3000\t \u2007\u2009\u205f"


def blank_run(length: int = 40_000) -> str:
    """A run of mixed Unicode blanks (no-break, narrow no-break, ideographic, tab, figure, thin …)."""
    return (UNICODE_BLANKS * (length // len(UNICODE_BLANKS) + 1))[:length]
