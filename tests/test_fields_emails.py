"""Specification of amtsbrief.fields.emails: e-mail addresses, lower case."""

import pytest

from amtsbrief.errors import FieldError
from amtsbrief.fields import emails


@pytest.mark.parametrize(
    "text, expected",
    [
        ("klaus.helmert@kreis-erz.de", "klaus.helmert@kreis-erz.de"),  # as printed in a letterhead
        ("Poststelle@BSI.Bund.de", "poststelle@bsi.bund.de"),  # capitals lowered
        ("peter.punkt@msw.nrw.de <mailto:peter.punkt@msw.nrw.de>", "peter.punkt@msw.nrw.de"),  # mail-program link suffix
        ("mailto:info@kreis-erz.de", "info@kreis-erz.de"),  # link form
        ("<info@kreis-erz.de>", "info@kreis-erz.de"),  # angle brackets
        ("info@kreis-erz.de.", "info@kreis-erz.de"),  # sentence end
        ("vorname.nachname+ifg@bezirksamt-pankow.berlin.de", "vorname.nachname+ifg@bezirksamt-pankow.berlin.de"),  # plus tag, long domain
        ("post@stadt-düsseldorf.de", "post@stadt-düsseldorf.de"),  # umlaut domain
    ],
)
def test_emails_parse_reads_forms(text, expected):
    assert emails.parse(text) == expected


@pytest.mark.parametrize(
    "text, reason",
    [
        ("info@kreis-erz", "not an e-mail"),  # no top-level domain
        ("info kreis-erz.de", "not an e-mail"),  # no @
        ("@kreis-erz.de", "not an e-mail"),  # no local part
        ("info@@kreis-erz.de", "not an e-mail"),  # two @
        ("a b@kreis-erz.de", "not an e-mail"),  # space in the local part
        ("", "no e-mail"),  # empty
        ("<>", "no e-mail"),  # brackets only
    ],
)
def test_emails_parse_rejects_with_reason(text, reason):
    with pytest.raises(FieldError, match=reason):
        emails.parse(text)


def test_emails_is_valid_answers_without_raising():
    assert emails.is_valid("info@kreis-erz.de")
    assert not emails.is_valid("www.erzgebirgskreis.de")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("E-Mail: klaus.helmert@kreis-erz.de", [("klaus.helmert@kreis-erz.de", 8, 34)]),  # labelled
        ("E-Mail:info@kreis-erz.de.", [("info@kreis-erz.de", 7, 24)]),  # no space, sentence end
        ("peter.punkt@msw.nrw.de <mailto:peter.punkt@msw.nrw.de>", [("peter.punkt@msw.nrw.de", 0, 22)]),  # link repeat once
        ("an a@x.de oder B@Y.de", [("a@x.de", 3, 9), ("b@y.de", 15, 21)]),  # two addresses
        ("Internet: www.erzgebirgskreis.de", []),  # a web address is no e-mail
        ("Frage @ Landrat", []),  # an @ in prose
    ],
)
def test_emails_find_returns_offsets(text, expected):
    assert [(f.value, f.start, f.end) for f in emails.find(text)] == expected
