"""The document type's lead lines (short lines ending in a colon) are found in one scan of the text, the
same lines as stripping each line of ``text.split("\\n")`` finds."""

from __future__ import annotations

from hypothesis import given, strategies as st

from amtsbrief.load import load_path
from amtsbrief.normalise import normalise
from amtsbrief.zoning.doctype import _lead_lines


def _line_by_line(text: str) -> list[str]:
    return [line for line in (raw.strip() for raw in text.split("\n")) if line.endswith(":") and len(line) < 200]


def test_every_corpus_letter_gets_the_same_lead_lines(corpus_dir):
    texts = [normalise(load_path(path).text) for split in ("dev", "test") for path in sorted((corpus_dir / split).glob("*.txt"))]
    assert any(_line_by_line(text) for text in texts)
    assert [text[:60] for text in texts if _lead_lines({"text": text}) != _line_by_line(text)] == []


_PIECES = st.sampled_from(["Frage", ":", " ", "\t", "\r", "\n", "\u00a0", "\u2028", "x", "::", "a" * 120, "Wir fragen an"])


@given(st.lists(_PIECES, max_size=12).map("".join))
def test_texts_built_from_lines_and_colons(text):
    assert _lead_lines({"text": text}) == _line_by_line(text)
