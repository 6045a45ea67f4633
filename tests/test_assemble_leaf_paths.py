"""The leaves that get spans are found in the validated input, in the order of the letter's dump."""

from __future__ import annotations

from pydantic import BaseModel

from amtsbrief.assemble import _leaf_paths, _model_in, _nest, leaves
from amtsbrief.errors import AmtsbriefError
from amtsbrief.load import load_path
from amtsbrief.pipeline import extract, segment_document
from amtsbrief.schema import Letter


def _defaults_are_empty(model: type[BaseModel], path: str = "") -> list[str]:
    """Fields whose default is a value (not null, not empty, not a model of such)."""
    found = []
    for name, info in model.model_fields.items():
        default = info.get_default(call_default_factory=True)
        inner = _model_in(info.annotation)
        if isinstance(default, BaseModel) and inner is not None:
            found += _defaults_are_empty(inner, f"{path}{name}.")
        elif default not in (None, [], {}):
            found.append(path + name)
    return found


def test_no_default_is_a_value_but_the_kind():
    """What ``_leaf_paths`` relies on: validation adds no leaf the input lacks (``kind`` gets no span)."""
    # The source is set by assemble itself, not walked.
    assert [path for path in _defaults_are_empty(Letter) if not path.startswith("source.")] == ["kind"]


def test_leaf_paths_are_the_dumped_leaves_in_order(corpus_dir):
    checked = 0
    for path in sorted(corpus_dir.glob("*/*.txt")):
        try:
            _, _, seg = segment_document(load_path(path))
        except AmtsbriefError:
            continue
        nested = _nest(dict(extract(seg).values))
        letter = Letter.model_validate(nested)
        dumped = letter.model_dump(mode="python", exclude={"spans", "source", "warnings"})
        assert _leaf_paths(nested) == [leaf for leaf, _ in leaves(dumped)], path.name
        checked += 1
    assert checked > 100
