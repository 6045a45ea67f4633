"""`amtsbrief show FILE -o page.png|page.html`: the page with its zones and fields drawn on it.

So an archivist sees at a glance what was read where: zones are outlined by kind (body blue, footer
green, furniture grey), every field with a box in ``Letter.spans`` is outlined in red and labelled
with its path. The PNG shows one page (``--page``); the HTML view shows every page, with each box's
field and value on hover.
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import sys
from pathlib import Path

COLOURS = {"body": (40, 90, 220), "footer": (30, 150, 60), "furniture": (150, 150, 150)}
FIELD = (220, 30, 30)
RULE = (130, 40, 170)  # the id of the zone rule that placed a line (models/zones.json), written beside it
DPI = 100


def register(subparsers) -> None:
    parser = subparsers.add_parser("show", help="draw the zones and fields read from a PDF, scan or XML page",
                                   description=__doc__.split("\n\n")[0])
    parser.add_argument("file", help="a PDF, image (PNG/TIFF/JPEG), PAGE or ALTO XML file")
    parser.add_argument("-o", "--output", required=True, help="page.png (one page) or page.html (all pages)")
    parser.add_argument("--page", type=int, default=1, help="page to draw into a PNG (1-based; default 1)")
    parser.add_argument("--backend", choices=("auto", "pdfium", "pdfplumber"), default="auto")
    parser.set_defaults(run=run)


def page_image(data: bytes, media_type: str, number: int, size: tuple[float, float], dpi: int = DPI):
    """The page as an RGB image at ``dpi``: rendered PDF, the scan itself, or white for XML."""
    from PIL import Image

    width, height = round(size[0] * dpi / 72), round(size[1] * dpi / 72)
    if media_type == "application/pdf":
        from amtsbrief.layout.pdfium import open_document, render

        document = open_document(data, "<show>")
        try:
            return render(document, number - 1, dpi).convert("RGB")
        finally:
            document.close()
    if media_type.startswith("image/"):
        from amtsbrief.layout.ocr import open_image

        return open_image(data, "<show>")[number - 1].convert("RGB").resize((width, height))
    return Image.new("RGB", (max(width, 1), max(height, 1)), "white")


def boxes_for_page(document, letter, number: int, rules=()) -> list[tuple[str, tuple, tuple[float, float, float, float], str]]:
    """(label, colour, box in points, tooltip) for each zone and field span on page ``number``.

    ``rules``: (page, box, zone, rule id) of each line, from :func:`rule_boxes`.
    """
    from amtsbrief.layout.zones import zone_box

    out = [(rule, RULE, box, f"{zone} ← rule {rule}") for page, box, zone, rule in rules if page == number]
    for zone in document.zones:
        if zone.page == number:
            first = zone.lines[0].text if zone.lines else ""
            out.append((zone.kind, COLOURS.get(zone.kind, (0, 0, 0)), zone_box(zone), f"{zone.kind}: {first[:60]}"))
    if letter is not None:
        dumped = letter.model_dump(mode="json")
        for path, span in letter.spans.items():
            if len(span) >= 4 and span[2] == number:
                out.append((path, FIELD, tuple(span[3]), f"{path} = {_value(dumped, path)}"))
    return out


def rule_boxes(path: str, config) -> list[tuple[int, tuple, str, str]]:
    """(page, box, zone, rule id) of every placed line: why each line went where, for drawing."""
    from amtsbrief.load import load_path
    from amtsbrief.pipeline import _locator, segment_document

    document = load_path(path, config)
    _, origin, seg = segment_document(document, config)
    if document.layout is None or origin is None:
        return []
    locate = _locator(document.layout, origin)
    found = []
    for zone in seg.zones():
        if zone.kind == "blank" or zone.end <= zone.start:
            continue
        where = locate(zone.start, zone.end)
        if where is not None:
            found.append((where[0], tuple(where[1]), zone.kind.value, zone.rule.split("/")[-1]))
    return found


def _value(dumped: dict, path: str) -> str:
    value = dumped
    for part in path.split("."):
        try:
            value = value[int(part)] if isinstance(value, list) else value[part]
        except (KeyError, IndexError, ValueError, TypeError):
            return "?"
    return str(value)[:200]


def draw_png(image, boxes, scale: float):
    """Outline the boxes on a copy of the page image; fields get their path written above."""
    from PIL import ImageDraw

    image = image.copy()
    pen = ImageDraw.Draw(image)
    for label, colour, (x0, top, x1, bottom), _ in boxes:
        rect = [x0 * scale - 2, top * scale - 2, x1 * scale + 2, bottom * scale + 2]
        if colour == RULE:
            # The rule id beside its line: right of it, or left where the line runs to the page's edge.
            width = pen.textlength(label)
            x = rect[2] + 4 if rect[2] + 4 + width <= image.width else max(rect[0] - 4 - width, 0)
            pen.text((x, rect[1]), label, fill=colour)
            continue
        pen.rectangle(rect, outline=colour, width=2 if colour == FIELD else 1)
        if colour == FIELD:
            pen.text((rect[0], max(rect[1] - 10, 0)), label, fill=colour)
    return image


def write_html(pages: list[tuple[object, list]], scale: float, title: str) -> str:
    """One HTML page: each page image with its boxes as positioned outlines, tooltips naming them."""
    parts = [f"<!doctype html><meta charset='utf-8'><title>{html.escape(title)}</title>",
             "<style>.page{position:relative;margin:1em auto;box-shadow:0 0 4px #888}"
             ".b{position:absolute;box-sizing:border-box}.b:hover{background:rgba(255,255,0,.3)}"
             ".f{border:2px solid rgb(220,30,30)}.l{position:absolute;font:10px sans-serif;color:rgb(220,30,30);"
             "white-space:nowrap;transform:translateY(-100%)}</style>", f"<h1>{html.escape(title)}</h1>"]
    for image, boxes in pages:
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
        parts.append(f"<div class='page' style='width:{image.width}px;height:{image.height}px'>"
                     f"<img src='data:image/png;base64,{encoded}' width='{image.width}' height='{image.height}'>")
        for label, colour, (x0, top, x1, bottom), tip in boxes:
            style = (f"left:{x0 * scale - 2:.0f}px;top:{top * scale - 2:.0f}px;"
                     f"width:{(x1 - x0) * scale + 4:.0f}px;height:{(bottom - top) * scale + 4:.0f}px")
            kind = "b f" if colour == FIELD else "b"
            if colour == RULE:
                parts.append(f"<div class='l r' style='left:{x1 * scale + 4:.0f}px;top:{bottom * scale:.0f}px;"
                             f"color:rgb{colour}' title='{html.escape(tip, quote=True)}'>{html.escape(label)}</div>")
                continue
            border = "" if colour == FIELD else f";border:1px solid rgb{colour}"
            parts.append(f"<div class='{kind}' style='{style}{border}' title='{html.escape(tip, quote=True)}'></div>")
            if colour == FIELD:
                parts.append(f"<div class='l' style='left:{x0 * scale:.0f}px;top:{top * scale - 2:.0f}px'>"
                             f"{html.escape(label)}</div>")
        parts.append("</div>")
    return "\n".join(parts)


def show(path: str, output: str, page: int = 1, backend: str = "auto") -> Path:
    """Draw ``path``'s zones and fields into ``output`` (.png or .html); returns the written path."""
    from amtsbrief.errors import InputError
    from amtsbrief.layout import read_layout
    from amtsbrief.load import detect_media_type

    source = Path(path)
    try:
        data = source.read_bytes()
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror or error})") from None
    media_type = detect_media_type(data, path)
    document = read_layout(data, media_type=media_type, name=path, backend=backend)
    letter = _parse(path)
    rules = _rules(path, backend)
    target = Path(output)
    scale = DPI / 72
    sizes = list(document.page_sizes) or [(595.0, 842.0)]
    if target.suffix.lower() in (".html", ".htm"):
        pages = []
        for number in range(1, len(sizes) + 1):
            image = page_image(data, media_type, number, sizes[number - 1])
            pages.append((image, boxes_for_page(document, letter, number, rules)))
        target.write_text(write_html(pages, scale, source.name), encoding="utf-8")
    else:
        if not 1 <= page <= len(sizes):
            raise InputError(path, f"has {len(sizes)} page(s), not page {page}")
        image = page_image(data, media_type, page, sizes[page - 1])
        draw_png(image, boxes_for_page(document, letter, page, rules), scale).save(target)
    return target


def _parse(path: str):
    """The parsed letter, or ``None`` (zones only) when the parser is not available."""
    try:
        import amtsbrief

        return amtsbrief.parse_file(path)
    except (ImportError, AttributeError) as error:
        print(f"amtsbrief show: fields not drawn, the parser is unavailable ({error})", file=sys.stderr)
        return None


def _rules(path: str, backend: str):
    """The rule boxes, or none (with a note) when the letter cannot be segmented."""
    from amtsbrief.config import ParserConfig
    from amtsbrief.errors import AmtsbriefError

    try:
        return rule_boxes(path, ParserConfig(backend=backend))
    except AmtsbriefError as error:
        print(f"amtsbrief show: rule ids not drawn ({error})", file=sys.stderr)
        return []


def run(args: argparse.Namespace) -> int:
    written = show(args.file, args.output, page=args.page, backend=args.backend)
    print(written)
    return 0
