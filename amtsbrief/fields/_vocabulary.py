"""Word lists the field readers read from ``models/`` (titles, roles), loaded once per process.

The lists are data so that they can be read, cited and extended without touching code (STYLE.md,
principle 7); :func:`amtsbrief.cues.load_model` finds and caches the file.
"""

from __future__ import annotations

from functools import cache

from amtsbrief.cues import load_model


@cache
def load(name: str) -> dict:
    """The JSON object in ``models/<name>``, without its ``_why`` note."""
    return {key: value for key, value in load_model(name).items() if not key.startswith("_")}
