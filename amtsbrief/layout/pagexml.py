"""PAGE XML (Transkribus, OCR-D): text lines in the file's reading order, with their boxes.

Regions follow ``ReadingOrder`` (``RegionRefIndexed`` by index, or ``RegionRef`` in an
``OrderedGroup``); regions it leaves out follow in document order. A line's text is its own
``TextEquiv`` (the ground truth where there are several, ``index`` 0 first), its box the bounds of
its ``Coords``. Regions typed ``page-number``, ``header`` and ``footer`` are page furniture (running
heads in PAGE's sense) and are left out of the text. Pixels become points at an assumed 300 dpi,
as PAGE records no resolution.
"""

from __future__ import annotations

from amtsbrief.errors import InputError
from amtsbrief.layout.model import Line, Page, Zone
from amtsbrief.layout.xmlsafe import coordinate, local, parse, whole_number, words_in_box

SCALE = 72 / 300
FURNITURE = {"page-number", "header", "footer", "catch-word", "signature-mark"}


def _box(element) -> tuple[float, float, float, float] | None:
    coords = next((c for c in element if local(c.tag) == "Coords"), None)
    if coords is None:
        return None
    points = coords.get("points")
    if points:
        pairs = [p.split(",") for p in points.split()]
        pairs = [(coordinate(p[0]), coordinate(p[1])) for p in pairs if len(p) == 2]
    else:  # PAGE 2010 wrote <Point x= y=/> children
        pairs = [(coordinate(p.get("x")), coordinate(p.get("y"))) for p in coords if local(p.tag) == "Point"]
    # A point that is no number (NaN, "abc") is left out; a line with no readable point has no box.
    xs = [x for x, y in pairs if x is not None and y is not None]
    ys = [y for x, y in pairs if x is not None and y is not None]
    if not xs:
        return None
    return (min(xs) * SCALE, min(ys) * SCALE, max(xs) * SCALE, max(ys) * SCALE)


def _text(element) -> str:
    equivs = [e for e in element if local(e.tag) == "TextEquiv"]
    equivs.sort(key=lambda e: whole_number(e.get("index")))
    for equiv in equivs:
        unicode = next((u for u in equiv if local(u.tag) == "Unicode"), None)
        if unicode is not None and unicode.text:
            return " ".join(unicode.text.split())
    return ""


def _regions(page):
    """Text regions in document order, nested ones (in tables, groups) included."""
    for element in page.iter():
        if local(element.tag) == "TextRegion":
            yield element


def _order(page) -> list[str]:
    ids: list[tuple[int, str]] = []
    for element in page.iter():
        if local(element.tag) in ("RegionRefIndexed", "RegionRef") and element.get("regionRef"):
            ids.append((whole_number(element.get("index"), len(ids)), element.get("regionRef")))
    return [ref for _, ref in sorted(ids)]


def read_page_xml(data: bytes, name: str) -> list[Page]:
    """The pages of a PAGE XML file, their lines grouped in regions in reading order."""
    root = parse(data, name, "PAGE")
    if local(root.tag) != "PcGts":
        raise InputError(name, f"not a PAGE XML file (root element {local(root.tag)!r}, expected 'PcGts')")
    pages = []
    for number, page in enumerate((e for e in root.iter() if local(e.tag) == "Page"), 1):
        width = (coordinate(page.get("imageWidth")) or 0.0) * SCALE
        height = (coordinate(page.get("imageHeight")) or 0.0) * SCALE
        regions = list(_regions(page))
        by_id = {r.get("id"): r for r in regions}
        ordered = [by_id[i] for i in _order(page) if i in by_id]
        ordered += [r for r in regions if r not in ordered]
        zones, words = [], []
        for region in ordered:
            lines = []
            for line in (e for e in region if local(e.tag) == "TextLine"):
                box = _box(line)
                text = _text(line)
                if box is None or not text:
                    continue
                line_words = words_in_box(text, box)
                words.extend(line_words)
                lines.append(Line(line_words))
            if lines:
                kind = "furniture" if region.get("type") in FURNITURE else "body"
                zones.append(Zone(number, tuple(lines), kind))
        if not width:
            width = max((w.x1 for w in words), default=0.0)
            height = max((w.bottom for w in words), default=0.0)
        pages.append(Page(number, width, height, words=tuple(words),
                          lines=tuple(l for z in zones for l in z.lines), blocks=tuple(zones)))
    if not pages:
        raise InputError(name, "the PAGE XML file has no Page element")
    return pages
