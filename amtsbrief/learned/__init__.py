"""A trained line classifier beside the rule segmenter, and the means to measure one against the other.

Every line of a letter gets one of the :data:`~amtsbrief.learned.labels.ZONES`. Three sources of such
labels live here, each a pure function:

- :func:`~amtsbrief.learned.labels.gold_labels`: derived from a letter's gold JSON (which field's value
  a line holds, and where it stands relative to the body);
- :func:`~amtsbrief.learned.rules.rule_labels`: what the rule segmenter (:func:`amtsbrief.segment.segment`)
  made of each line, mapped to the same zones;
- :class:`~amtsbrief.learned.model.LineModel`: a linear-chain CRF over the
  :func:`~amtsbrief.learned.features.line_features`, trained on ``corpus/dev`` by
  ``scripts/train_line_classifier.py`` and shipped as plain JSON weights (``models/line_classifier.json``),
  decoded here in pure Python (no pickle, no native dependency at inference).
"""
