"""Safe XML for PAGE and ALTO input: no entity expansion, no external entities, no DTD fetching.

A PAGE or ALTO file comes from wherever an archive got it; ``defusedxml`` refuses the entity
declarations behind "billion laughs" and external-entity attacks, and this module turns that refusal
(and any plain syntax error) into an ``InputError`` that names the file.
"""

from __future__ import annotations

from amtsbrief.errors import InputError
from amtsbrief.layout.model import Word

Box = tuple[float, float, float, float]


def parse(data: bytes, name: str, what: str):
    """The root element of ``data``; ``InputError`` when it is unsafe or not well-formed."""
    import defusedxml
    import defusedxml.ElementTree as ET

    try:
        return ET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.DTDForbidden:
        raise InputError(name, f"the {what} file declares a DTD, which is not read for safety") from None
    except defusedxml.EntitiesForbidden:
        raise InputError(name, f"the {what} file declares XML entities, which are refused for safety "
                               "(entity expansion, external entities)") from None
    except defusedxml.ExternalReferenceForbidden:
        raise InputError(name, f"the {what} file refers to an external resource, which is refused for safety") from None
    except defusedxml.DefusedXmlException as error:
        raise InputError(name, f"the {what} file is refused for safety ({error})") from None
    except ET.ParseError as error:
        raise InputError(name, f"not well-formed {what} XML ({error})") from None


# Coordinates beyond this are no page's (a pixel of an A0 scan at 1200 dpi is below 60,000).
MAX_COORDINATE = 1_000_000.0


def coordinate(value: str | None) -> float | None:
    """A coordinate attribute as a number: ``None`` for one that is missing, not a number, NaN or
    infinite; a negative one (a box that starts off the page) is taken as 0, a huge one as
    ``MAX_COORDINATE``.

    >>> [coordinate(v) for v in ("12.5", "-3", "NaN", "inf", "x", None, "1e300")]
    [12.5, 0.0, None, None, None, None, 1000000.0]
    """
    import math

    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number):
        return None
    return min(max(number, 0.0), MAX_COORDINATE)


def whole_number(value: str | None, default: int = 0) -> int:
    """An index attribute as a whole number, ``default`` when it is none.

    >>> whole_number("3"), whole_number("x", 7), whole_number(None)
    (3, 7, 0)
    """
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def local(tag: str) -> str:
    """A tag without its namespace: PAGE and ALTO come in several schema versions."""
    return tag.rsplit("}", 1)[-1]


def words_in_box(text: str, box: Box, confidence: float | None = None) -> tuple[Word, ...]:
    """Words of a line known only as a whole, each given its share of the line's box by its characters."""
    x0, top, x1, bottom = box
    if not text.strip():
        return ()
    per_char = (x1 - x0) / max(len(text), 1)
    out, position = [], 0
    for token in text.split():
        start = text.index(token, position)
        position = start + len(token)
        out.append(Word(token, x0 + start * per_char, top, x0 + position * per_char, bottom, confidence=confidence))
    return tuple(out)
