"""The learned zones of a letter's lines, with the shipped model: the one entry point for callers.

Not wired into :func:`amtsbrief.pipeline.parse_document`: the extractors read the rule segmenter's
structured zones (header items with paths and value offsets, the signature block, the trailer), not a
zone per line. Applied where that maps one to one (:mod:`amtsbrief.learned.refine`), the model lowered
``corpus/test`` end to end (``scripts/evaluate_line_classifier.py``; figures in the README section
"A trained line classifier").
"""

from __future__ import annotations

from amtsbrief.learned.model import LineModel, shipped_model
from amtsbrief.learned.rules import rule_labels
from amtsbrief.normalise import normalise
from amtsbrief.segment import Segmentation, segment


def classify(seg: Segmentation, model: LineModel | None = None) -> list[str | None]:
    """A zone for each line of ``seg.lines`` (``None`` for blank lines), by ``model`` (default: shipped)."""
    model = model or shipped_model()
    return model.label_lines(seg.lines, is_email=seg.is_email, rule_zones=rule_labels(seg))


def classify_text(text: str, *, is_email: bool = False, model: LineModel | None = None) -> list[tuple[str, str | None]]:
    """(line, zone) for every line of a letter's text, normalised as the pipeline does.

    >>> zones = dict(classify_text("Sehr geehrte Frau Beispiel,\\n\\nich danke Ihnen für Ihr Schreiben vom 3. Mai, "
    ...     "das wir gern beantworten.\\n\\nMit freundlichen Grüßen\\n\\nErika Muster"))
    >>> zones["Sehr geehrte Frau Beispiel,"], zones["Mit freundlichen Grüßen"]
    ('salutation', 'closing')
    """
    seg = segment(normalise(text), is_email=is_email)
    return [(line.text, zone) for line, zone in zip(seg.lines, classify(seg, model))]
