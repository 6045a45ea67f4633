"""The rendered-PDF corpus path end to end: corpus letters rendered by scripts/render_pdfs.py as DIN 5008
PDFs (both producers' text orders), parsed through the layout layer, score as well as their text."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from amtsbrief.api import parse_file

ROOT = Path(__file__).resolve().parents[1]
# a one-page letter and a letter that runs over two pages (running header, page number, footer on page 1)
LETTERS = ["bfs-2021-07-12-schreiben-radonmessung", "bezirksamt-treptow-koepenick-2023-05-24-antwort-schriftliche-anfrage"]


def _renderer():
    spec = importlib.util.spec_from_file_location("render_pdfs", ROOT / "scripts" / "render_pdfs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _leaves(value, prefix=""):
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in ("spans", "source", "warnings", "_unannotated"):
                yield from _leaves(item, f"{prefix}{key}.")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, f"{prefix}{index}.")
    else:
        yield prefix.rstrip("."), value


def _right(letter: dict, gold: dict) -> float:
    """Share of the gold's non-null leaves that the letter has exactly (short fields) or nearly (text)."""
    got = dict(_leaves(letter))
    wanted = {path: value for path, value in _leaves(gold) if value is not None and not path.startswith(("body", "questions", "answers"))}
    return sum(got.get(path) == value for path, value in wanted.items()) / max(len(wanted), 1)


@pytest.mark.parametrize("producer", ["natural", "scrambled"])
@pytest.mark.parametrize("name", LETTERS)
def test_rendered_corpus_letter_scores_like_its_text(tmp_path, name, producer):
    txt = next(ROOT.glob(f"corpus/*/{name}.txt"), None)
    if txt is None:
        pytest.skip(f"corpus letter {name} is absent")
    pytest.importorskip("reportlab")
    pdf = _renderer().render(txt, tmp_path, producer)
    gold = json.loads(txt.with_suffix(".gold.json").read_text(encoding="utf-8"))
    from_pdf = parse_file(pdf).model_dump(mode="json")
    from_text = parse_file(txt).model_dump(mode="json")
    assert from_pdf["source"]["extractor"] == "pdfium"
    assert from_pdf["source"]["pages"] >= 1
    assert _right(from_pdf, gold) >= _right(from_text, gold) - 0.05
    # provenance: spans of the PDF letter carry their page and box: [start, end, page, [x0, top, x1, bottom]]
    spans = list(from_pdf["spans"].values())
    assert spans and all(len(span) == 4 and span[2] >= 1 and len(span[3]) == 4 for span in spans)
