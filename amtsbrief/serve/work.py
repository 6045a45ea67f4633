"""What the service's worker processes do: parse an upload, draw a page.

These functions run in a process pool (parsing is CPU-bound and would otherwise stall every other
request), so they take and return only plain, picklable values: bytes, strings, tuples. An
:class:`~amtsbrief.errors.AmtsbriefError` comes back as a :class:`Failure` rather than an exception,
so the server maps it to an HTTP status without unpickling our exception classes' arguments.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from types import SimpleNamespace

from amtsbrief.config import ParserConfig


@dataclass(frozen=True)
class Failure:
    """An input that could not be read as a letter: the error's stable code, class and message."""

    code: str
    error: str
    message: str


LOG = logging.getLogger("amtsbrief.serve")


def unexpected(error: Exception, name: str) -> Failure:
    """A failure for an exception that is none of ours: the parser broke on this input.

    A service must answer a hostile file with a 4xx, not a 500, even where the parser has no
    check of its own yet; the traceback goes to the log, so the gap can be closed where it is.
    """
    if type(error).__name__ == "DecompressionBombError":  # Pillow refusing an image of too many pixels
        return Failure("limit-pixels", type(error).__name__, f"{name}: {error}")
    LOG.error("parsing %s failed unexpectedly", name, exc_info=error)
    return Failure("unreadable", type(error).__name__, f"{name}: the parser failed on this input ({type(error).__name__}: {error})")


@dataclass(frozen=True)
class Parsed:
    """A parsed upload: the letter's JSON and what is needed to draw its pages later without re-reading.

    ``zones`` holds, per page, the zone outlines ``amtsbrief show`` draws (label, colour, box, tip);
    ``page_sizes`` are in points. Both are empty for text and e-mail.
    """

    letter_json: str
    media_type: str
    page_sizes: tuple[tuple[float, float], ...] = ()
    zones: tuple[tuple, ...] = ()


def warm_up() -> None:
    """Load the parser's models once per worker, so the first real request does not pay for it."""
    from amtsbrief.api import parse_text

    parse_text("Betreff: Probe\n\nSehr geehrte Damen und Herren,\n\ndies ist ein Test.\n\nMit freundlichen Grüßen\n\nA. Muster")


def parse_upload(data: bytes, name: str, max_bytes: int, backend: str = "auto") -> Parsed | Failure:
    """Parse ``data`` exactly as ``amtsbrief parse NAME`` parses a file (``source.path`` = ``name``)."""
    from amtsbrief.errors import AmtsbriefError
    from amtsbrief.load import load_bytes
    from amtsbrief.pipeline import parse_document

    config = ParserConfig(max_bytes=max_bytes, backend=backend)
    try:
        document = load_bytes(data, name=name, path=name, config=config)
        letter = parse_document(document, config)
    except AmtsbriefError as error:
        return Failure(error.code, type(error).__name__, str(error))
    except Exception as error:  # noqa: BLE001 - see unexpected()
        return unexpected(error, name)
    layout = document.layout
    if layout is None:
        return Parsed(letter.model_dump_json(), document.media_type)
    from amtsbrief.commands.show import boxes_for_page

    sizes = tuple(tuple(size) for size in layout.page_sizes)
    zones = tuple(tuple(boxes_for_page(layout, None, number)) for number in range(1, len(sizes) + 1))
    return Parsed(letter.model_dump_json(), document.media_type, sizes, zones)


def zones_of(data: bytes, name: str, media_type: str, backend: str = "auto") -> Parsed | Failure:
    """Page sizes and zone outlines of a stored letter's source file (read again; letter JSON left empty)."""
    from amtsbrief.commands.show import boxes_for_page
    from amtsbrief.errors import AmtsbriefError
    from amtsbrief.layout import read_layout

    try:
        layout = read_layout(data, media_type=media_type, name=name, backend=backend)
    except AmtsbriefError as error:
        return Failure(error.code, type(error).__name__, str(error))
    except Exception as error:  # noqa: BLE001 - see unexpected()
        return unexpected(error, name)
    sizes = tuple(tuple(size) for size in layout.page_sizes)
    zones = tuple(tuple(boxes_for_page(layout, None, number)) for number in range(1, len(sizes) + 1))
    return Parsed("", media_type, sizes, zones)


def draw_page(data: bytes, parsed: Parsed, letter_json: str, number: int, fields: bool = True) -> bytes | Failure:
    """Page ``number`` as PNG with its zones and (unless ``fields`` is false) its fields outlined.

    The same drawing as ``amtsbrief show -o page.png``: its page rendering, its boxes, its pen.
    """
    from amtsbrief.commands.show import DPI, boxes_for_page, draw_png, page_image
    from amtsbrief.errors import AmtsbriefError
    from amtsbrief.schema import Letter

    try:
        image = page_image(data, parsed.media_type, number, parsed.page_sizes[number - 1])
        boxes = list(parsed.zones[number - 1])
        if fields:
            letter = Letter.model_validate_json(letter_json)
            boxes += boxes_for_page(SimpleNamespace(zones=()), letter, number)
        drawn = draw_png(image, boxes, DPI / 72)
    except AmtsbriefError as error:
        return Failure(error.code, type(error).__name__, str(error))
    except Exception as error:  # noqa: BLE001 - see unexpected()
        return unexpected(error, f"page {number}")
    buffer = io.BytesIO()
    drawn.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
