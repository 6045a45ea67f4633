"""Specification of questions and answers in their many forms (amtsbrief/extract/body.py)."""

from __future__ import annotations

import email.message

import amtsbrief

HEAD = "Stadt Beispielburg · Markt 1 · 01234 Beispielburg\n\nHerrn Stadtrat\nMax Beispiel\nMarkt 1\n01234 Beispielburg\n\n"
TAIL = "\n\nMit freundlichen Grüßen\n\nErika Muster\nBürgermeisterin"


def _pairs(text: str):
    letter = amtsbrief.parse_text(HEAD + text + TAIL)
    return ([(q.number, q.text) for q in letter.questions], [(a.question_number, a.text) for a in letter.answers])


def test_questions_unlabelled_each_followed_by_its_answer():
    questions, answers = _pairs("Sehr geehrter Herr Beispiel,\n\nzu Ihrer Anfrage nehme ich wie folgt Stellung:\n\n"
                                "WIE VIELE BRUNNEN GIBT ES?\n\nEs gibt zwei Brunnen.\n\nSIND WEITERE GEPLANT?\n\nJa, einer.")
    assert questions == [(None, "WIE VIELE BRUNNEN GIBT ES?"), (None, "SIND WEITERE GEPLANT?")]
    assert answers == [(None, "Es gibt zwei Brunnen."), (None, "Ja, einer.")]


def test_questions_stated_first_then_ordinal_answers_are_numbered_in_order():
    questions, answers = _pairs("Sehr geehrter Herr Beispiel,\n\nSie fragten:\n\n„Wie viele Bäume wurden gefällt?“\n\n"
                                "„Wann wird nachgepflanzt?“\n\nDiese Fragen beantworte ich wie folgt:\n\nZu Ihrer ersten Frage:\n\n"
                                "Es wurden drei Bäume gefällt.\n\nZu Ihrer zweiten Frage:\n\nIm Herbst.")
    assert [number for number, _ in questions] == ["1", "2"]
    assert answers == [("1", "Es wurden drei Bäume gefällt."), ("2", "Im Herbst.")]


def test_questions_sub_questions_take_their_parents_number():
    letter = amtsbrief.parse_text(
        "Fraktion Beispiel im Stadtrat\n\nStadtverwaltung Beispielburg\nMarkt 1\n01234 Beispielburg\n\nAnfrage zum Parkhaus\n\n"
        "Sehr geehrte Damen und Herren,\n\nwir bitten um Beantwortung folgender Fragen:\n\n1) Wie hoch ist die Auslastung?\n\n"
        "2) Welche Kosten entstanden\na) für den Betrieb,\nb) für die Instandhaltung?\n\n3) Ist eine Erweiterung geplant?" + TAIL)
    assert letter.kind == "inquiry"
    assert [q.number for q in letter.questions] == ["1", "2", "2a", "2b", "3"]


def test_questions_combined_answer_lists_its_numbers():
    questions, answers = _pairs("Sehr geehrter Herr Beispiel,\n\n1. Wie viele Linien gibt es?\n\n2. Welche Gründe gab es?\n\n"
                                "3. Welche Ersatzangebote gibt es?\n\nZu 1.:\nDrei Linien.\n\nZu 2. und 3.:\nFahrermangel; ein Rufbus.")
    assert [number for number, _ in questions] == ["1", "2", "3"]
    assert answers == [("1", "Drei Linien."), ("2, 3", "Fahrermangel; ein Rufbus.")]


def test_questions_from_the_quoted_message_when_answers_refer_to_them():
    message = email.message.EmailMessage()
    message["From"] = "amt@beispielburg.de"
    message["Subject"] = "AW: Fragen"
    message["Date"] = "Mon, 06 Mar 2023 10:00:00 +0100"
    message.set_content("Sehr geehrter Herr Muster,\n\nZu 1: Am Montag.\n\nZu 2: Ja.\n\nMit freundlichen Grüßen\nErika Muster\n\n"
                        "Am 03.03.2023 um 10:14 schrieb Max Muster:\n> 1. Wann ist geöffnet?\n> 2. Gibt es Parkplätze?\n")
    letter = amtsbrief.parse_bytes(message.as_bytes(), name="antwort.eml")
    assert [(q.number, q.text) for q in letter.questions] == [("1", "Wann ist geöffnet?"), ("2", "Gibt es Parkplätze?")]
    start, end = letter.spans["questions.0.text"][:2]
    assert letter.source.text[start:end] == "Wann ist geöffnet?"


def test_questions_drucksache_signed_without_closing():
    letter = amtsbrief.parse_text(
        "Landtag Beispielland                                            Drucksache 7/4412\n"
        "7. Wahlperiode                                                        19.11.2021\n\nAntwort\n\n"
        "des Ministeriums für Infrastruktur\n\nauf die Kleine Anfrage 7/2315 der Abgeordneten Anna Beispiel (DIE LINKE)\n\n"
        "Busverkehr im Landkreis\n\nDie Kleine Anfrage 7/2315 vom 1. Oktober 2021 hat folgenden Wortlaut:\n\n"
        "1. Wie viele Buslinien wurden eingestellt?\n\n2. Welche Gründe gab es?\n\nZu 1.:\nDrei.\n\nZu 2.:\nFahrermangel.\n\n"
        "Karawanskij\nMinisterin")
    assert letter.sender.authority == "Ministerium für Infrastruktur"
    assert (letter.references.our_reference, letter.inquiry.reference) == ("7/4412", "7/2315")
    assert (letter.inquiry.asked_by, letter.inquiry.group) == ("Anna Beispiel", "DIE LINKE")
    assert letter.subject.title == "Busverkehr im Landkreis"
    assert [(a.question_number, a.text) for a in letter.answers] == [("1", "Drei."), ("2", "Fahrermangel.")]
    assert (letter.signature.name, letter.signature.role, letter.closing) == ("Karawanskij", "Ministerin", None)


def test_numbered_questions_each_followed_by_a_plain_answer_paragraph():
    questions, answers = _pairs("Sehr geehrter Herr Beispiel,\n\nIhre Anfrage beantworte ich wie folgt:\n\n"
                                "1. Wie viele Bänke stehen im Park?\n\nEs stehen dort 24 Bänke.\n\n"
                                "2. Werden weitere aufgestellt?\n\n3. Wann?\n\nIm Mai kommen vier hinzu.\n\n"
                                "Für Rückfragen stehe ich gern zur Verfügung.")
    assert questions == [("1", "Wie viele Bänke stehen im Park?"), ("2", "Werden weitere aufgestellt?"), ("3", "Wann?")]
    assert answers == [("1", "Es stehen dort 24 Bänke."), ("2, 3", "Im Mai kommen vier hinzu.")]


def test_an_inquirys_numbered_questions_with_a_closing_remark_get_no_answers():
    letter = amtsbrief.parse_text(
        "Fraktion Beispiel im Stadtrat\n\nStadtverwaltung Beispielburg\nMarkt 1\n01234 Beispielburg\n\nAnfrage zum Park\n\n"
        "Sehr geehrte Damen und Herren,\n\nwir fragen an:\n\n1. Wie viele Bänke stehen im Park?\n\n2. Werden weitere aufgestellt?\n\n"
        "Wir bitten um schriftliche Beantwortung bis zur nächsten Sitzung." + TAIL)
    assert [q.number for q in letter.questions] == ["1", "2"]
    assert letter.answers == []


def test_sub_questions_answered_under_their_letters():
    questions, answers = _pairs("Sehr geehrter Herr Beispiel,\n\nzu Ihren Fragen:\n\n1. Wie alt ist die Brücke?\n\nSie wurde 1962 gebaut.\n\n"
                                "2. a) Ist sie sicher?\n\nb) Wann wird sie saniert?\n\na) Ja, die Prüfung 2023 ergab keine Mängel.\n\n"
                                "b) Im Jahr 2027.")
    assert [number for number, _ in questions] == ["1", "2a", "2b"]
    assert answers == [("1", "Sie wurde 1962 gebaut."), ("2a", "Ja, die Prüfung 2023 ergab keine Mängel."), ("2b", "Im Jahr 2027.")]


def test_an_answer_whose_answers_cannot_be_assigned_says_so():
    letter = amtsbrief.parse_text(HEAD + "Sehr geehrter Herr Beispiel,\n\nzu Ihrer Anfrage vom 3. Mai:\n\n1. Wie alt ist die Brücke?\n\n"
                                  "2. Wann wird sie saniert?" + TAIL)
    assert letter.kind == "answer" and letter.answers == []
    assert any(warning.code == "answers-not-found" for warning in letter.warnings)


def test_sub_questions_answered_under_zu_letter_headings_take_the_parents_number():
    questions, answers = _pairs("Sehr geehrter Herr Beispiel,\n\nSie fragten:\n\n1. Wie alt ist die Brücke?\n\n2. a) Ist sie sicher?\n\n"
                                "b) Wann wird sie saniert?\n\nZu 1.:\n\nSie wurde 1962 gebaut.\n\nZu a):\n\nJa.\n\nZu b):\n\nIm Jahr 2027.")
    assert [number for number, _ in questions] == ["1", "2a", "2b"]
    assert answers == [("1", "Sie wurde 1962 gebaut."), ("2a", "Ja."), ("2b", "Im Jahr 2027.")]


def test_numbered_questions_with_their_answers_directly_below_and_no_blank_line():
    letter = amtsbrief.parse_text(
        "Sehr geehrter Herr Weber,\n\nzu Ihrer Anfrage nehme ich wie folgt Stellung:\n\n"
        "1. Wie viele Bänke gibt es im Stadtpark\n   und wer pflegt sie?\nEs gibt zwölf Bänke. Der Bauhof pflegt sie.\n\n"
        "2. Werden neue Bänke aufgestellt?\nIm Frühjahr kommen vier Bänke hinzu.\n\n"
        "Mit freundlichen Grüßen\n\nAnna Beck\nBürgermeisterin\n")
    assert [(q.number, q.text) for q in letter.questions] == [
        ("1", "Wie viele Bänke gibt es im Stadtpark und wer pflegt sie?"), ("2", "Werden neue Bänke aufgestellt?")]
    assert [(a.question_number, a.text) for a in letter.answers] == [
        ("1", "Es gibt zwölf Bänke. Der Bauhof pflegt sie."), ("2", "Im Frühjahr kommen vier Bänke hinzu.")]


def test_a_short_title_over_lettered_questions_is_their_heading_and_zu_2_alone_labels_an_answer():
    letter = amtsbrief.parse_text(
        "Sehr geehrte Frau Kammer,\n\nIhre Fragen beantworte ich wie folgt:\n\n1. Kinderärzte\na) Wie viele Praxen gibt es?\n"
        "b) Wie viele nehmen Patienten auf?\n\n2. Was tut der Kreis für neue Praxen?\n\nZu 1 a)\nEs gibt neun Praxen.\n\n"
        "Zu 1 b)\nDrei Praxen nehmen auf.\n\nZu 2\nDer Kreis fördert Stipendien.\n\nMit freundlichen Grüßen\n\nAnna Beck\nLandrätin\n")
    assert [q.number for q in letter.questions] == ["1a", "1b", "2"]
    assert [(a.question_number, a.text) for a in letter.answers] == [
        ("1a", "Es gibt neun Praxen."), ("1b", "Drei Praxen nehmen auf."), ("2", "Der Kreis fördert Stipendien.")]


def test_questions_quoted_as_a_list_keep_the_opening_quotation_mark_and_pair_with_numbered_answers():
    letter = amtsbrief.parse_text(
        "Sehr geehrter Herr Weyand,\n\nIhre Fragen lauteten:\n\n„1. Wie viele Verwarnungen gab es?\n\n"
        "2. Welche Kosten entstehen?“\n\n1. Es gab 214 Verwarnungen.\n\n2. Die Kosten betragen 1.150 Euro.\n\n"
        "Mit freundlichen Grüßen\n\nAnna Beck\nOberbürgermeisterin\n")
    assert [(q.number, q.text) for q in letter.questions] == [
        ("1", "„Wie viele Verwarnungen gab es?"), ("2", "Welche Kosten entstehen?“")]
    assert [(a.question_number, a.text) for a in letter.answers] == [
        ("1", "Es gab 214 Verwarnungen."), ("2", "Die Kosten betragen 1.150 Euro.")]


def test_questions_numbered_in_brackets_make_an_inquiry():
    letter = amtsbrief.parse_text(
        "Fraktion im Kreistag des Musterkreises\nBadstraße 20 · 77652 Offenburg\n\nAn das\nLandratsamt Musterkreis\nBadstraße 20\n"
        "77652 Offenburg\n\nOffenburg, den 3. Februar 2022\n\nBetreff: Sanierung der Schulen\n\nSehr geehrter Herr Landrat,\n\n"
        "wir bitten um die Beantwortung folgender Fragen:\n\n(1) An welchen Schulen besteht Sanierungsbedarf?\n\n"
        "(2) Welche Mittel sind veranschlagt?\n\nMit freundlichen Grüßen\n\nHannah Muster\nFraktionsvorsitzende\n")
    assert [(q.number, q.text) for q in letter.questions] == [
        ("1", "An welchen Schulen besteht Sanierungsbedarf?"), ("2", "Welche Mittel sind veranschlagt?")]
    assert letter.kind == "inquiry"
