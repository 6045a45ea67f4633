"""Stage 5, assemble: the draft's paths become a validated :class:`~amtsbrief.schema.Letter`.

Every non-null leaf gets a span: its own where the extractor recorded one, else its nearest recorded
ancestor's (the office-hours block for each day's hours). For laid-out input the span also names the page
and box it stands in.
"""

from __future__ import annotations

from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from amtsbrief.extract.draft import Draft
from amtsbrief.schema import Letter, Source, Warning


def _nest(values: dict[str, Any]) -> dict[str, Any]:
    """``{"a.b": 1, "q.0.text": "x"}`` → ``{"a": {"b": 1}, "q": [{"text": "x"}]}``."""
    root: dict[str, Any] = {}
    for path, value in values.items():
        head, _, rest = path.partition(".")
        if rest and "." not in rest and not rest.isdigit():  # "a.b", most of a letter's paths
            node = root.setdefault(head, {})
            if isinstance(node, dict):
                node[rest] = value
                continue
        _put(root, path.split("."), value)
    return root


def _put(root: dict[str, Any], parts: list[str], value: Any) -> None:
    """``value`` at the path ``parts`` of ``root``, making the dicts and lists on the way."""
    node: Any = root
    for position, part in enumerate(parts[:-1]):
        following = parts[position + 1]
        if isinstance(node, list):
            index = int(part)
            while len(node) <= index:
                node.append({} if not following.isdigit() else [])
            node = node[index]
            continue
        node = node.setdefault(part, [] if following.isdigit() else {})
    last = parts[-1]
    if isinstance(node, list):
        index = int(last)
        while len(node) <= index:
            node.append(None)
        node[index] = value
    else:
        node[last] = value


_MAX_REPAIRS = 5  # each round drops what failed; more rounds than that means nothing is left worth keeping


def _renumber(values: dict[str, Any], spans: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """List entries numbered 0, 1, 2 … again after some were dropped (``q.2.text`` → ``q.1.text``), and
    their spans moved with them (the span of a dropped entry goes too)."""
    dense: dict[tuple[str, ...], str] = {}
    counts: dict[tuple[str, ...], int] = {}

    def moved(path: str, *, number_new: bool) -> str | None:
        parts = path.split(".")
        for position, part in enumerate(parts):
            if part.isdigit():
                key = tuple(path.split(".")[:position + 1])
                if key not in dense:
                    if not number_new:
                        return None
                    parent = tuple(path.split(".")[:position])
                    dense[key] = str(counts.get(parent, 0))
                    counts[parent] = counts.get(parent, 0) + 1
                parts[position] = dense[key]
        return ".".join(parts)

    renumbered = {moved(path, number_new=True): value for path, value in values.items()}
    kept = {new: span for new, span in ((moved(path, number_new=False), span) for path, span in spans.items()) if new}
    return renumbered, kept  # type: ignore[return-value]


def leaves(value: Any, prefix: str = ""):
    """``(path, value)`` for every non-null leaf of a dumped letter; a list of scalars is one leaf."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield from leaves(child, f"{prefix}.{key}" if prefix else key)
    elif isinstance(value, list):
        if value and all(not isinstance(item, (dict, list)) for item in value):
            yield prefix, value
        else:
            for index, child in enumerate(value):
                yield from leaves(child, f"{prefix}.{index}")
    elif value is not None:
        yield prefix, value


def _leaf_paths(nested: dict[str, Any]) -> list[str]:
    """The paths of the non-null leaves of the letter validated from ``nested``, in the order of its dump
    (``leaves(letter.model_dump(exclude_none=True))`` without spans, source and warnings).

    Validation turns no value into null and no null into a value (every default is null, empty or a
    model of such, ``kind`` aside, which has no span), so the validated input holds the same leaves;
    walked in the models' field order, they come in the dump's order, without dumping the letter.
    """
    found: list[str] = []
    _walk(_plan(Letter), nested, "", found)
    return found


def _walk(plan: tuple, data: dict[str, Any], prefix: str, found: list[str]) -> None:
    for name, inner in plan:
        value = data.get(name)
        if value is None:
            continue
        path = f"{prefix}.{name}" if prefix else name
        if isinstance(value, dict):
            _walk(inner, value, path, found)
        elif isinstance(value, list):
            if value and all(not isinstance(item, (dict, list)) for item in value):
                found.append(path)  # a list of scalars is one leaf
            else:
                for index, item in enumerate(value):
                    if isinstance(item, dict):
                        _walk(inner, item, f"{path}.{index}", found)
                    elif item is not None:
                        found.append(f"{path}.{index}")
        else:
            found.append(path)


_PLANS: dict[type, tuple] = {}
_NOT_WALKED = ("spans", "source", "warnings")  # set by assemble itself


def _plan(model: type[BaseModel]) -> tuple:
    """``(field name, plan of its model or None)`` in field order, for ``model`` and the models in it."""
    if model not in _PLANS:
        _PLANS[model] = ()  # no model of the contract contains itself; this only ends a loop
        _PLANS[model] = tuple((name, _plan(inner) if (inner := _model_in(info.annotation)) else None)
                              for name, info in model.model_fields.items()
                              if not (model is Letter and name in _NOT_WALKED))
    return _PLANS[model]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, alone, optional or in a list (``Address | None``, ``list[Question]``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def _span_for(path: str, spans: dict[str, tuple[int, int]]) -> tuple[int, int] | None:
    while path:
        if path in spans:
            return spans[path]
        path = path.rpartition(".")[0]
    return None


def assemble(draft: Draft, source: Source, *, locate=None) -> Letter:
    """Build the letter; a value that fails validation is dropped with a warning, never raised."""
    values, span_of_path = dict(draft.values), dict(draft.spans)
    warnings = [Warning(code=code, message=message, path=path) for code, message, path in draft.warnings]
    letter, nested = None, {}
    for _ in range(_MAX_REPAIRS):
        try:
            nested = _nest(values)
            letter = Letter.model_validate(nested)
            break
        except ValidationError as error:
            for problem in error.errors():
                path = ".".join(str(part) for part in problem["loc"])
                warnings.append(Warning(code="invalid-value", message=f"{problem['msg']} ({problem.get('input')!r})", path=path))
                if problem["type"] == "missing":
                    path = path.rpartition(".")[0]  # an entry without a required part goes whole
                values, span_of_path = _renumber({key: value for key, value in values.items()
                                                  if not (key == path or key.startswith(path + ".") or path.startswith(key + "."))},
                                                 span_of_path)
    if letter is None:
        nested = {}
        letter = Letter.model_validate(nested)
    spans: dict[str, Any] = {}
    located: dict[tuple[int, int], Any] = {}  # many leaves share their ancestor's span: look each up once
    for path in _leaf_paths(nested):
        if path == "kind":
            continue
        span = _span_for(path, span_of_path)
        if span is None:
            continue
        if locate is not None:
            key = (span[0], span[1])
            if key not in located:
                where = locate(span[0], span[1])
                located[key] = (span[0], span[1], where[0], where[1]) if where else span
            spans[path] = located[key]
        else:
            spans[path] = span
    letter.spans = spans
    letter.source = source
    letter.warnings = warnings
    return letter
