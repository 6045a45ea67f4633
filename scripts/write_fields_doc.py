"""Write docs/FIELDS.md from the models' field descriptions (``amtsbrief schema --markdown``).

Run after changing a field or its description in amtsbrief/schema.py:
    .venv/bin/python scripts/write_fields_doc.py
tests/test_schema_docs.py fails while the file is out of date.
"""

from pathlib import Path

from amtsbrief.commands.schema import fields_markdown

TARGET = Path(__file__).resolve().parents[1] / "docs" / "FIELDS.md"

if __name__ == "__main__":
    TARGET.write_text(fields_markdown(), encoding="utf-8")
    print(f"wrote {TARGET}")
