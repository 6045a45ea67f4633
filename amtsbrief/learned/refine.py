"""The learned zones applied back to a rule segmentation, where the extractors can use them.

The extractors read :class:`~amtsbrief.segment.Segmentation`'s structured parts, not a zone per line.
This stage changes only what maps one to one: the kind of an unlabelled header block (letterhead,
recipient, subject, or plain) when the model places all its lines in one other zone. Labelled fields,
the salutation, body, closing, signature and footer stay as the rules cut them.
"""

from __future__ import annotations

import dataclasses
from typing import Sequence

from amtsbrief.segment import HeaderItem, Segmentation

# Header block kinds the model may change, and the kind each zone means for such a block.
_BLOCK_KINDS = frozenset({"plain", "letterhead", "recipient", "subject"})
_KIND_OF_ZONE = {"sender": "letterhead", "recipient": "recipient", "subject": "subject", "other": "plain"}


def refine(seg: Segmentation, zones: Sequence[str | None]) -> Segmentation:
    """``seg`` with its unlabelled header blocks re-kinded by ``zones`` (one per line of ``seg.lines``).

    A block is re-kinded only when it covers whole lines (not a cell beside another column) and the
    model gives all its lines the same zone.
    """
    if len(zones) != len(seg.lines):
        raise ValueError("one zone per line of the segmentation is needed")
    by_index = {line.index: (line, zone) for line, zone in zip(seg.lines, zones)}
    header: list[HeaderItem] = []
    for item in seg.header:
        # A block with a value was labelled ("Betreff: …"): the rule that read it stays.
        header.append(_rekinded(item, by_index) if item.kind in _BLOCK_KINDS and item.value is None else item)
    return dataclasses.replace(seg, header=tuple(header))


def _rekinded(item: HeaderItem, by_index) -> HeaderItem:
    found = [by_index.get(line.index) for line in item.lines]
    if any(entry is None or entry[0].stripped != line.stripped for entry, line in zip(found, item.lines)):
        return item
    zones = {zone for _, zone in found}
    if len(zones) != 1:
        return item
    kind = _KIND_OF_ZONE.get(zones.pop())
    if kind is None or kind == item.kind:
        return item
    return dataclasses.replace(item, kind=kind)
