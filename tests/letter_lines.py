"""Every line of every letter in some folders, normalised as the parser reads it: what the tests of the
segmenter's shortcuts ask the full rules about, so that a shortcut is shown to change no answer."""

from __future__ import annotations

from amtsbrief.errors import AmtsbriefError
from amtsbrief.load import load_path
from amtsbrief.normalise import normalise

_SUFFIXES = (".txt", ".eml", ".msg", ".xml")


def lines_of(paths) -> set[str]:
    """The stripped lines of each readable letter among ``paths`` (gold files and unreadable ones left out)."""
    lines: set[str] = set()
    for path in paths:
        if path.suffix not in _SUFFIXES or path.name.endswith(".gold.json"):
            continue
        try:
            text = normalise(load_path(path).text)
        except AmtsbriefError:
            continue
        lines.update(line.strip() for line in text.splitlines())
    return lines
