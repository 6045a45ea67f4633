"""Specification of amtsbrief.fields.web: web addresses as written."""

import pytest

from amtsbrief.errors import FieldError
from amtsbrief.fields import web


@pytest.mark.parametrize(
    "text, expected",
    [
        ("www.erzgebirgskreis.de", "www.erzgebirgskreis.de"),  # footer form
        ("www.erzgebirgskreis.de.", "www.erzgebirgskreis.de"),  # sentence end
        ("https://www.berlin.de/ba-pankow", "https://www.berlin.de/ba-pankow"),  # scheme and path
        ("<https://www.berlin.de/ba-pankow>", "https://www.berlin.de/ba-pankow"),  # mail-program brackets
        ("http://www.bsi.bund.de/", "http://www.bsi.bund.de/"),  # trailing slash kept
        ("WWW.BSI.BUND.DE", "WWW.BSI.BUND.DE"),  # as written, not lowered
        ("bsi.bund.de", "bsi.bund.de"),  # bare domain after a label
        ("https://de.wikipedia.org/wiki/Foo_(Bar)", "https://de.wikipedia.org/wiki/Foo_(Bar)"),  # closing parenthesis of the path
        ("www.düsseldorf.de", "www.düsseldorf.de"),  # umlaut domain
    ],
)
def test_web_parse_reads_forms(text, expected):
    assert web.parse(text) == expected


@pytest.mark.parametrize(
    "text, reason",
    [
        ("info@kreis-erz.de", "an e-mail"),  # an e-mail address
        ("www.x", "not a web address"),  # no top-level domain
        ("z.B.", "not a web address"),  # an abbreviation
        ("Landratsamt Erzgebirgskreis", "not a web address"),  # words
        ("", "no web address"),  # empty
    ],
)
def test_web_parse_rejects_with_reason(text, reason):
    with pytest.raises(FieldError, match=reason):
        web.parse(text)


def test_web_is_valid_answers_without_raising():
    assert web.is_valid("www.erzgebirgskreis.de")
    assert not web.is_valid("z.B.")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Internet: www.erzgebirgskreis.de", [("www.erzgebirgskreis.de", 10, 32)]),  # labelled
        ("finden Sie unter www.erzgebirgskreis.de.", [("www.erzgebirgskreis.de", 17, 39)]),  # sentence end
        ("siehe https://www.berlin.de/ba-pankow)", [("https://www.berlin.de/ba-pankow", 6, 37)]),  # closing parenthesis of prose
        ("www.bsi.bund.de und www.bsi-fuer-buerger.de", [("www.bsi.bund.de", 0, 15), ("www.bsi-fuer-buerger.de", 20, 43)]),  # two sites
        ("E-Mail: info@www.kreis.de", []),  # inside an e-mail address
        ("E-Mail: klaus.helmert@kreis-erz.de", []),  # an e-mail address's domain
        ("z.B. bsi.bund.de", []),  # bare domains are not found in prose
    ],
)
def test_web_find_returns_offsets(text, expected):
    assert [(f.value, f.start, f.end) for f in web.find(text)] == expected
