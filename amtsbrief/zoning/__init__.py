"""Zone classification as one stage whose rules are data (``models/zones.json``).

:mod:`~amtsbrief.zoning.kinds` names the zones and document types, :mod:`~amtsbrief.zoning.table` reads
and applies the rule table, :mod:`~amtsbrief.zoning.doctype` decides the document type first;
:mod:`amtsbrief.segment` computes the features and records on every zone the rule that gave it.
"""

from amtsbrief.zoning.kinds import DocumentType, ZoneKind
from amtsbrief.zoning.table import Features, Rule, first, rule_table

__all__ = ["DocumentType", "Features", "Rule", "ZoneKind", "first", "rule_table"]
