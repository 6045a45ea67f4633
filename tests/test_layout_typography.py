"""Specification: where the input is laid out, type size and weight are features of the zones (issue 7).

A born-digital PDF tells each word's font: a bold block below the address is the subject even with a
plain block between it and the salutation; the same letter as text has no such cue.
"""

from __future__ import annotations

import io

import pytest

from amtsbrief import parse_bytes
from amtsbrief.layout import read_layout

LETTER = [
    ("Helvetica", 8, "Stadt Musterstadt · Markt 1 · 01234 Musterstadt"),
    ("Helvetica", 11, ""),
    ("Helvetica", 11, "Herrn"),
    ("Helvetica", 11, "Paul Weber"),
    ("Helvetica", 11, "Lindenweg 3"),
    ("Helvetica", 11, "01234 Musterstadt"),
    ("Helvetica", 11, ""),
    ("Helvetica-Bold", 11, "Neubau der Grundschule am Markt"),
    ("Helvetica", 11, ""),
    ("Helvetica", 11, "Vorgang 2024-117"),
    ("Helvetica", 11, ""),
    ("Helvetica", 11, "Sehr geehrter Herr Weber,"),
    ("Helvetica", 11, ""),
    ("Helvetica", 11, "die Arbeiten an der Grundschule beginnen im Mai und enden im Herbst."),
    ("Helvetica", 11, ""),
    ("Helvetica", 11, "Mit freundlichen Grüßen"),
    ("Helvetica", 11, ""),
    ("Helvetica", 11, "Anna Beck"),
]


def _pdf() -> bytes:
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(595, 842), invariant=1)
    y = 760
    for font, size, text in LETTER:
        page.setFont(font, size)
        page.drawString(70, y, text)
        y -= 16
    page.save()
    return buffer.getvalue()


def test_a_laid_out_letter_reports_bold_and_type_size_of_its_lines():
    layout = read_layout(_pdf(), media_type="application/pdf", name="brief.pdf")
    subject = layout.text.index("Neubau")
    body = layout.text.index("die Arbeiten")
    sender = layout.text.index("Stadt Musterstadt")
    assert layout.typography(subject, subject + 6).bold
    assert not layout.typography(body, body + 3).bold
    assert layout.typography(body, body + 3).relative_size == 1.0
    assert layout.typography(sender, sender + 5).relative_size < 0.8


def test_a_bold_block_below_the_address_is_the_subject_of_a_pdf():
    letter = parse_bytes(_pdf(), name="brief.pdf")
    assert letter.subject.title == "Neubau der Grundschule am Markt"


def test_the_same_letter_as_text_has_no_bold_to_go_by():
    text = "\n".join(line for _, _, line in LETTER)
    letter = parse_bytes(text.encode("utf-8"), name="brief.txt")
    assert letter.subject.title == "Vorgang 2024-117"
