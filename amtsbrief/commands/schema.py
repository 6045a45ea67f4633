"""``amtsbrief schema [--markdown]``: the JSON Schema of a letter, or its field table.

Both come from the Pydantic models in :mod:`amtsbrief.schema` and their field descriptions, so the
documentation (``docs/FIELDS.md``, written by ``scripts/write_fields_doc.py``) cannot drift from the code.
"""

from __future__ import annotations

import argparse
import json
from typing import Any, Iterator


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("schema", help="print the JSON Schema of a letter's JSON",
                                   description="Print the JSON Schema (draft 2020-12) of the JSON that "
                                               "`amtsbrief parse` prints, generated from the models.")
    parser.add_argument("--markdown", action="store_true", help="print the field table (docs/FIELDS.md) instead")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from amtsbrief.schema import json_schema

    if args.markdown:
        print(fields_markdown(), end="")
    else:
        print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return 0


HEADING = """# The fields of a letter

<!-- Written by scripts/write_fields_doc.py from the models in amtsbrief/schema.py; do not edit by hand. -->

`amtsbrief parse FILE` prints one JSON object per letter; in Python it is `Letter.model_dump(mode="json")`,
and `amtsbrief schema` prints its JSON Schema. Every path below is always present: a value the letter
lacks is `null`, an empty list `[]`. In Python, dates are `datetime.date`; in JSON they are ISO text.
`a[].b` is the field `b` of each entry of the list `a`.

| path | type | meaning |
|---|---|---|
"""


def fields_markdown() -> str:
    """The field table of ``docs/FIELDS.md``: every path of a letter's JSON, its type and its meaning.

    >>> "| `references.date` | date or null |" in fields_markdown()
    True
    """
    from amtsbrief.schema import json_schema

    schema = json_schema()
    rows = [f"| `{path}` | {kind} | {meaning} |" for path, kind, meaning in _rows(schema, schema, "")]
    return HEADING + "\n".join(rows) + "\n"


def _rows(node: dict[str, Any], root: dict[str, Any], prefix: str) -> Iterator[tuple[str, str, str]]:
    for name, prop in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        kind, target = _kind(prop, root)
        yield path, kind, _one_line(prop.get("description") or (target or {}).get("description", ""))
        if target is not None:
            yield from _rows(target, root, path + ("[]." if kind.startswith("list") else "."))


def _resolve(prop: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = prop.get("$ref")
    return root["$defs"][ref.rsplit("/", 1)[1]] if ref else prop


def _kind(prop: dict[str, Any], root: dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
    """A reader's name for the field's type, and the object schema to descend into (or ``None``)."""
    options = [_resolve(option, root) for option in prop.get("anyOf", [prop])]
    nullable = any(option.get("type") == "null" for option in options)
    options = [option for option in options if option.get("type") != "null"]
    if len(options) > 1:  # the span's two shapes
        return "array", None
    option = options[0]
    suffix = " or null" if nullable else ""
    if option.get("type") == "object" and "properties" in option:
        return "object" + suffix, option
    if option.get("type") == "array" and "items" in option and "prefixItems" not in option:
        item = _resolve(option["items"], root)
        if item.get("type") == "object" and "properties" in item:
            return "list of objects", item
        return f"list of {_scalar(item)}", None
    return _scalar(option) + suffix, None


def _scalar(option: dict[str, Any]) -> str:
    if "enum" in option or "const" in option:
        return " \\| ".join(f"`{value}`" for value in option.get("enum", [option.get("const")]))
    if option.get("format") == "date":
        return "date"
    if "pattern" in option:
        from amtsbrief.schema import NORMAL_FORMS

        return f"text, {NORMAL_FORMS.get(option['pattern'], 'in normal form')}"
    return {"string": "text", "integer": "integer", "object": "object"}.get(option.get("type", ""), "value")


def _one_line(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
