"""Specification of amtsbrief.fields.signatures: signer, role and on-behalf note of a signature block."""

import json
from pathlib import Path

import pytest

from amtsbrief.errors import FieldError
from amtsbrief.fields import signatures


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["F. Vogel"], ("F. Vogel", None, None)),  # erzgebirgskreis: initial and surname
        (["i. A.", "F. Vogel"], ("F. Vogel", None, "i. A.")),  # the usual note
        (["i.A.", "F. Vogel"], ("F. Vogel", None, "i. A.")),  # without spaces
        (["I. A.", "F. Vogel"], ("F. Vogel", None, "i. A.")),  # capital I
        (["Im Auftrag", "Peter Punkt"], ("Peter Punkt", None, "i. A.")),  # nrw-msw: written out
        (["im Auftrag", "Theresa Tester"], ("Theresa Tester", None, "i. A.")),  # bsi: lower case
        (["i. A. Müller"], ("Müller", None, "i. A.")),  # note and name on one line
        (["i. V.", "Dr. Maria Schneider"], ("Dr. Maria Schneider", None, "i. V.")),  # deputy, academic title kept
        (["In Vertretung", "Dr. Maria Schneider", "Bürgermeisterin"], ("Dr. Maria Schneider", "Bürgermeisterin", "i. V.")),  # role under the name
        (["i.V.", "Hans Klein", "Leiterin des Bürgeramtes"], ("Hans Klein", "Leiterin des Bürgeramtes", "i. V.")),  # role of several words
        (["gez. Dr. Max Meier", "Landrat"], ("Dr. Max Meier", "Landrat", None)),  # "gez." dropped
        (["(Dr. Lindl)", "Staatsminister"], ("Dr. Lindl", "Staatsminister", None)),  # typed name in parentheses
        (["gez. (Dr. Lindl)"], ("Dr. Lindl", None, None)),  # both
        (["Dr. Max Meier, Landrat"], ("Dr. Max Meier", "Landrat", None)),  # role after a comma
        (["Müller", "Sachbearbeiter"], ("Müller", "Sachbearbeiter", None)),  # clerk
        (["Landeshauptstadt Düsseldorf", "Der Oberbürgermeister", "im Auftrag"], (None, None, "i. A.")),  # duesseldorf: no signer named
        (["im Auftrag", "Der Oberbürgermeister"], (None, None, "i. A.")),  # authority line is no role
        (
            ["Im Auftrag", "Peter Punkt", "Ministerium für Schule und Weiterbildung", "des Landes Nordrhein-Westfalen", "Völklinger Straße 49"],
            ("Peter Punkt", None, "i. A."),
        ),  # authority and address under the name are no role
        (["Mit freundlichen Grüßen", "i.A. Müller"], ("Müller", None, "i. A.")),  # closing left in the block
        ([], (None, None, None)),  # no block
    ],
)
def test_signatures_parse_reads_block(lines, expected):
    reading = signatures.parse(lines)
    assert (reading.name, reading.role, reading.on_behalf) == expected


@pytest.mark.parametrize(
    "lines",
    [
        "F. Vogel",  # a string, not a list of lines
        None,  # nothing
        [None],  # not lines
    ],
)
def test_signatures_parse_rejects_non_lines(lines):
    with pytest.raises(FieldError):
        signatures.parse(lines)


def test_signatures_roles_file_says_why():
    roles = json.loads((Path(__file__).parent.parent / "models" / "roles.json").read_text(encoding="utf-8"))
    assert roles["_why"] and "Landrat" in roles["roles"]


@pytest.mark.parametrize("line", [
    "Amira Muster, Dr. Dieter Beispiel und Fraktion",
    "Karl Muster und Erika Beispiel",
])
def test_signatures_a_line_of_several_signers_is_the_name_whole(line):
    assert signatures.parse([line]).name == line


def test_signatures_a_firm_joined_by_und_is_no_list_of_signers():
    assert signatures.parse(["Meier und Partner"]).name is None
