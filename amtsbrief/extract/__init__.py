"""Stage 4, extract: one extractor per zone, each reading its zone's lines into a :class:`Draft`.

Extractors never see the whole letter's raw text, only their zone (GROBID's cascade); they write values
with the offsets they came from, and doubts as warnings.
"""
