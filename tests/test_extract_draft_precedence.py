"""The draft keeps every extractor's candidates and picks one by the documented precedence, not by write order."""

import pytest

from amtsbrief.extract import body, closing, footer, header, inquiry
from amtsbrief.extract.draft import FIELD_PRECEDENCE, PRECEDENCE, Draft, proposes


def test_a_higher_source_wins_even_when_it_writes_last():
    draft = Draft()
    draft.set("sender.authority", "Stadt Beispielhausen", (0, 5), source="email_signature")
    draft.set("sender.authority", "Landratsamt Musterkreis", (10, 20), source="letterhead")
    assert draft.get("sender.authority") == "Landratsamt Musterkreis"
    assert draft.spans["sender.authority"] == (10, 20)
    assert [c.source for c in draft.candidates("sender.authority")] == ["letterhead", "email_signature"]


def test_within_one_source_the_first_proposal_stands_unless_replaced():
    draft = Draft()
    assert draft.set("kind", "letter", None, source="kind")
    assert not draft.set("kind", "answer", None, source="kind")
    assert draft.get("kind") == "letter"
    assert draft.set("kind", "answer", None, source="kind", replace=True)
    assert draft.get("kind") == "answer" and len(draft.candidates("kind")) == 1


def test_empty_values_are_no_candidates():
    draft = Draft()
    assert not draft.set("body", "", None)
    assert not draft.has("body") and draft.candidates("body") == []


def test_an_extractor_marked_with_its_source_proposes_under_it():
    @proposes("footer")
    def read(zone, draft):
        draft.set("footer.phone", zone, None)

    draft = Draft()
    read("+4930123", draft)
    assert draft.candidates("footer.phone")[0].source == "footer"
    assert draft.source == "body"  # restored after the call


def test_an_unknown_source_is_refused_when_declared():
    with pytest.raises(ValueError):
        proposes("rumour")


def test_every_pipeline_extractor_declares_a_known_source():
    extractors = [body.extract_salutation, body.extract_body, body.extract_questions_and_answers,
                  body.extract_quoted_questions, closing.extract_closing, closing.extract_signature,
                  closing.extract_email_signature_block, footer.extract_footer, header.extract_sender,
                  header.extract_recipient, header.extract_delivery, header.extract_fields,
                  header.extract_reference_in_body, header.extract_copies, header.extract_subject,
                  inquiry.extract_drucksache, inquiry.extract_drucksache_subject, inquiry.extract_inquiry,
                  inquiry.classify_kind]
    assert all(extractor.source in PRECEDENCE for extractor in extractors)
    assert all(set(order) <= set(PRECEDENCE) for order in FIELD_PRECEDENCE.values())


def test_a_higher_source_can_rule_a_path_out():
    draft = Draft()
    draft.set("sender.authority", "Deutscher Bundestag", (0, 19), source="letterhead")
    draft.rule_out("sender.authority", source="drucksache")
    assert not draft.has("sender.authority") and "sender.authority" not in draft.spans
    draft.set("sender.authority", "Bundesamt X", None, source="email_signature")
    assert not draft.has("sender.authority")  # the ruling still outranks it
