"""A text is judged a letter by its words (``pipeline._not_a_document``); the shortcut that passes most
letters without the full count must never pass a text that the count would turn away."""

import random

from amtsbrief.pipeline import _WORD, _not_a_document

_PIECES = ["ab", "a", "Straße", "1", "2024.", "x", "§", "²", "½", "Wort,", "_a", "é", "Ⅻ", "  ", "\n", "-", "12:30"]


def _by_counting(text: str) -> str | None:
    """The judgement by the full count alone (the rule the shortcut must agree with)."""
    sample = " ".join(text.split())[:20000]
    found = _WORD.findall(sample)
    if len(found) >= 5 and sum(map(len, found)) >= 0.4 * len(sample):
        return None
    return "no letter"


def test_pipeline_word_count_shortcut_agrees_with_the_full_count() -> None:
    chance = random.Random(9)
    for _ in range(20000):
        text = " ".join(chance.choice(_PIECES) for _ in range(chance.randint(1, 40)))
        if text.strip()[:1] in "{[<":
            continue
        assert (_not_a_document(text) is None) == (_by_counting(text) is None), repr(text)


def test_pipeline_word_count_shortcut_passes_prose_and_turns_away_numbers() -> None:
    assert _not_a_document("Sehr geehrte Damen und Herren, wir bestätigen Ihren Antrag. " * 20) is None
    assert _not_a_document("12 34 56 78 90 ab cd ef gh ij " * 20) == "the text is mostly digits and symbols, not a letter"
    assert _not_a_document("Hallo Welt") == "only 2 words of text; a letter needs more"
