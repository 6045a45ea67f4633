"""amtsbrief: read German administrative letters (Amtsbriefe) into typed, validated objects.

>>> import amtsbrief
>>> letter = amtsbrief.parse_text('''Stadt Musterstadt · Markt 1 · 01234 Musterstadt
...
... Sehr geehrte Frau Beispiel,
...
... vielen Dank für Ihr Schreiben.
...
... Mit freundlichen Grüßen
...
... Erika Muster''')
>>> letter.closing, letter.signature.name
('Mit freundlichen Grüßen', 'Erika Muster')

Heavy parts (spaCy, dateparser, pdfplumber) load only when first needed, so ``import amtsbrief`` is fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from amtsbrief.errors import AmtsbriefError

__version__ = "0.1.0"

# Public name -> module that defines it; resolved on first access (PEP 562).
_LAZY = {
    "parse_text": "amtsbrief.api",
    "parse_file": "amtsbrief.api",
    "parse_bytes": "amtsbrief.api",
    "parse_file_guarded": "amtsbrief.guard",
    "ParserConfig": "amtsbrief.config",
    "Letter": "amtsbrief.schema",
    "json_schema": "amtsbrief.schema",
    "to_dataframe": "amtsbrief.export.dataframe",
}

if TYPE_CHECKING:  # pragma: no cover
    from amtsbrief.api import parse_bytes, parse_file, parse_text
    from amtsbrief.config import ParserConfig
    from amtsbrief.export.dataframe import to_dataframe
    from amtsbrief.schema import Letter, json_schema


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'amtsbrief' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = ["AmtsbriefError", "Letter", "ParserConfig", "json_schema", "parse_bytes", "parse_file", "parse_text",
           "to_dataframe", "__version__"]
