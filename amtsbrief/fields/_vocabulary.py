"""Word lists the field readers read from ``models/`` (titles, roles), loaded once per process.

The lists are data so that they can be read, cited and extended without touching code (STYLE.md,
principle 7). A checkout reads ``models/`` at the repository root; an installed package reads its copy
in ``amtsbrief/_models``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent.parent / "models"
_PACKAGED = Path(__file__).resolve().parent.parent / "_models"


@cache
def load(name: str) -> dict:
    """The JSON object in ``models/<name>``, without its ``_why`` note."""
    folder = _CHECKOUT if (_CHECKOUT / name).is_file() else _PACKAGED
    with open(folder / name, encoding="utf-8") as handle:
        data = json.load(handle)
    return {key: value for key, value in data.items() if not key.startswith("_")}
