"""The rule segmenter's zones, line by line, in the labels of :mod:`amtsbrief.learned.labels`.

The baseline a trained classifier must beat. A line split into cells (an address beside an information
block) can carry several header items; it takes the zone that comes first in the gold labelling's order
(:data:`_HEAD_ORDER`), so both sides decide such lines alike.
"""

from __future__ import annotations

from amtsbrief.segment import HeaderItem, Segmentation

_HEAD_ORDER = ("return_address", "subject", "reference", "contact", "recipient", "sender", "footer", "other")


def header_zone(item: HeaderItem) -> str:
    """The zone of one header item (its kind, and for a labelled field the path it fills)."""
    if item.kind == "field":
        section = (item.path or "").split(".")[0]
        return {"contact": "contact", "references": "reference", "footer": "footer", "sender": "sender",
                "recipient": "recipient", "inquiry": "reference", "subject": "subject"}.get(section, "other")
    return {"return_address": "return_address", "letterhead": "sender", "recipient": "recipient",
            "delivery": "recipient", "reference_line": "reference", "date_line": "reference",
            "subject": "subject", "regarding": "subject"}.get(item.kind, "other")


def rule_labels(seg: Segmentation) -> list[str | None]:
    """One zone (``None`` for a blank line) for each line of ``seg.lines``, as the rules placed it."""
    position = {line.index: number for number, line in enumerate(seg.lines)}
    labels: list[str | None] = ["other" if line.stripped else None for line in seg.lines]

    def put(lines, zone: str) -> None:
        for line in lines:
            number = position.get(line.index)
            if number is not None and labels[number] is not None:
                labels[number] = zone

    head: dict[int, str] = {}
    for item in seg.header:
        zone = header_zone(item)
        for line in item.lines:
            known = head.get(line.index)
            if known is None or _HEAD_ORDER.index(zone) < _HEAD_ORDER.index(known):
                head[line.index] = zone
    for index, zone in head.items():
        if index in position and labels[position[index]] is not None:
            labels[position[index]] = zone
    put(seg.salutation, "salutation")
    put(seg.body, "body")
    if seg.closing is not None:
        put([seg.closing], "closing")
    put(seg.signature, "signature")
    # An e-mail's trailer is the authority's signature block: its letterhead, in effect.
    put(seg.trailer, "sender" if seg.is_email else "other")
    put(seg.footer, "footer")
    put([line for line in seg.lines if line.index in seg.furniture], "furniture")
    return labels
