"""Specification of the scorer (``amtsbrief.evaluate``), CONTRACT.md's scoring section.

First its rules on hand-made gold/got pairs; then agreement with the reference scorer
``../shared/tools/score.py``: both score the same directory (a temporary copy of the shared text and
e-mail letters, some gold values changed so the scores are not all 1.000) and must agree per letter and
on the mean to three decimals.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from amtsbrief.evaluate import Report, evaluate_dir, score_letter, token_f1

TEN_WORDS = "eins zwei drei vier fünf sechs sieben acht neun zehn"
TWENTY_WORDS = TEN_WORDS + " elf zwölf dreizehn vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn zwanzig"


def score(gold: dict, got: dict | None) -> tuple[int, int, int]:
    """(right, missed, extra) of one letter."""
    result = score_letter("brief", gold, got, {})
    return result.right, result.missed, result.extra


# --- the rules ---------------------------------------------------------------------------------------------

RULE_CASES = [
    # equal values are right
    pytest.param({"sender": {"authority": "Stadt X"}}, {"sender": {"authority": "Stadt X"}}, (1, 0, 0), id="equal"),
    # short fields compare case- and whitespace-folded
    pytest.param({"subject": {"title": "Integration von  Ausländern"}}, {"subject": {"title": " integration von ausländern"}},
                 (1, 0, 0), id="folded"),
    # short fields need the exact normal form: one letter off is wrong (a miss and an extra)
    pytest.param({"subject": {"title": "Integration von Ausländern"}}, {"subject": {"title": "Integration von Ausländer"}},
                 (0, 1, 1), id="short-field-exact"),
    # a value the parser missed is a miss only
    pytest.param({"references": {"date": "2015-09-07"}}, {"references": {"date": None}}, (0, 1, 0), id="missed"),
    # a value where the gold has null is an extra only
    pytest.param({"delivery": None}, {"delivery": "per Post"}, (0, 0, 1), id="null-vs-value"),
    # null where the gold has null is not counted at all
    pytest.param({"delivery": None}, {"delivery": None}, (0, 0, 0), id="null-vs-null"),
    # an empty string counts as null
    pytest.param({"delivery": None}, {"delivery": ""}, (0, 0, 0), id="null-vs-empty"),
    # a path the parser's output lacks is null
    pytest.param({"delivery": "per E-Mail"}, {}, (0, 1, 0), id="absent-path"),
    # long text: a token F1 of 0.9 is right (one word of ten replaced)
    pytest.param({"body": TEN_WORDS}, {"body": TEN_WORDS.replace("vier", "VIERZIG")}, (1, 0, 0), id="long-text-at-threshold"),
    # long text: F1 0.8 is wrong (two words of ten replaced)
    pytest.param({"body": TEN_WORDS}, {"body": TEN_WORDS.replace("vier", "x").replace("acht", "y")}, (0, 1, 1),
                 id="long-text-below-threshold"),
    # long text: punctuation and paragraph breaks do not matter
    pytest.param({"body": "Erster Absatz.\n\nZweiter, dritter Teil!"}, {"body": "erster absatz zweiter dritter teil"},
                 (1, 0, 0), id="long-text-tokens-only"),
    # long text inside list entries follows the same rule
    pytest.param({"answers": [{"question_number": "1", "text": TWENTY_WORDS}]},
                 {"answers": [{"question_number": "1", "text": TWENTY_WORDS.replace("elf", "x")}]}, (2, 0, 0),
                 id="answer-text-f1"),
    # lists of strings compare as sets of normal forms, in any order
    pytest.param({"copies_to": ["B", "a"]}, {"copies_to": ["A", "b"]}, (1, 0, 0), id="string-list-any-order"),
    # ... and a missing entry makes the whole list wrong
    pytest.param({"copies_to": ["A", "B"]}, {"copies_to": ["A"]}, (0, 1, 1), id="string-list-missing-entry"),
    # an empty gold list with entries in the output is one extra
    pytest.param({"copies_to": []}, {"copies_to": ["A", "B"]}, (0, 0, 1), id="empty-string-list-vs-entries"),
    # questions beyond the gold's are extras, one each
    pytest.param({"questions": [{"number": "1", "text": TEN_WORDS}]},
                 {"questions": [{"number": "1", "text": TEN_WORDS}, {"number": "2", "text": "Noch eine?"},
                                {"number": "3", "text": "Und noch eine?"}]}, (2, 0, 2), id="extra-questions"),
    # an empty gold list of objects with entries in the output is one extra (the list leaf), not one per entry
    pytest.param({"answers": []}, {"answers": [{"question_number": None, "text": "a"}, {"question_number": None, "text": "b"}]},
                 (0, 0, 1), id="empty-gold-answers"),
    # bank accounts and office hours beyond the gold's are extras too
    pytest.param({"footer": {"bank_accounts": [{"iban": "DE30870540003318002967"}]}},
                 {"footer": {"bank_accounts": [{"iban": "DE30870540003318002967"}, {"iban": "DE89370400440532013000"}]}},
                 (1, 0, 1), id="extra-bank-account"),
    pytest.param({"footer": {"office_hours": [{"day": "monday", "opens": "08:00", "closes": "12:00"}]}},
                 {"footer": {"office_hours": [{"day": "monday", "opens": "08:00", "closes": "12:00"},
                                              {"day": "tuesday", "opens": "08:00", "closes": "12:00"}]}},
                 (3, 0, 1), id="extra-office-hours"),
    # fewer list entries than the gold: the missing entries' leaves are misses
    pytest.param({"questions": [{"number": "1", "text": "a b"}, {"number": "2", "text": "c d"}]},
                 {"questions": [{"number": "1", "text": "a b"}]}, (2, 2, 0), id="missing-question"),
    # paths under "_unannotated" are not scored, nor their extra entries
    pytest.param({"_unannotated": ["body", "questions"], "body": "soll", "questions": [{"number": "1", "text": "a"}],
                  "closing": "Mit freundlichen Grüßen"},
                 {"body": "ganz anders", "questions": [{"number": "1", "text": "b"}, {"number": "2", "text": "c"}],
                  "closing": "Mit freundlichen Grüßen"}, (1, 0, 0), id="unannotated-skipped"),
    # spans, source and warnings are never scored
    pytest.param({"spans": {"body": [0, 1]}, "source": {"path": "a"}, "warnings": [{"code": "x"}]},
                 {"spans": {}, "source": {"path": "b"}, "warnings": []}, (0, 0, 0), id="not-scored-keys"),
    # no output at all (the parser failed): every gold value is a miss
    pytest.param({"kind": "answer", "body": "a b", "delivery": None}, None, (0, 2, 0), id="no-output"),
]


@pytest.mark.parametrize("gold, got, expected", RULE_CASES)
def test_evaluate_scores_by_the_contracts_rules(gold: dict, got: dict | None, expected: tuple[int, int, int]) -> None:
    assert score(gold, got) == expected


def test_evaluate_letter_score_is_field_f1() -> None:
    # 3 right, 1 missed, 2 extra: 2·3 / (2·3 + 1 + 2)
    gold = {"a": "1", "b": "2", "c": "3", "d": "4", "e": None}
    got = {"a": "1", "b": "2", "c": "3", "e": "x", "d": None}
    result = score_letter("brief", gold, got, {})
    assert (result.right, result.missed, result.extra) == (3, 1, 1)
    assert result.f1 == pytest.approx(6 / 8)


def test_evaluate_counts_per_field_with_list_indices_folded() -> None:
    fields: dict[str, list[int]] = {}
    score_letter("brief", {"questions": [{"number": "1", "text": "a"}, {"number": "2", "text": "b"}]},
                 {"questions": [{"number": "1", "text": "a"}, {"number": "3", "text": "b"}]}, fields)
    assert fields["questions[].number"] == [1, 1, 1]
    assert fields["questions[].text"] == [2, 0, 0]


def test_evaluate_set_score_is_the_mean_over_letters() -> None:
    fields: dict[str, list[int]] = {}
    letters = [score_letter("a", {"x": "1"}, {"x": "1"}, fields), score_letter("b", {"x": "1", "y": "2"}, {"x": "1"}, fields)]
    assert Report(letters, fields).mean == pytest.approx((1.0 + 2 / 3) / 2)


def test_evaluate_token_f1_is_symmetric_and_bounded() -> None:
    assert token_f1("a b c", "a b c") == 1.0
    assert token_f1("", "") == 1.0
    assert token_f1("a b", "") == 0.0
    assert token_f1("a b c d", "a b") == token_f1("a b", "a b c d") == pytest.approx(2 / 3)


def test_evaluate_dir_records_a_parser_error_as_no_output(tmp_path: Path) -> None:
    (tmp_path / "leer.txt").write_bytes(b"")
    (tmp_path / "leer.gold.json").write_text(json.dumps({"kind": "letter", "body": "a"}), encoding="utf-8")
    (tmp_path / "ohne-quelle.gold.json").write_text(json.dumps({"kind": "letter"}), encoding="utf-8")
    report = evaluate_dir(tmp_path)
    by_name = {letter.name: letter for letter in report.letters}
    assert not by_name["leer"].had_output and "empty" in by_name["leer"].error
    assert by_name["ohne-quelle"].error == "no source file beside the gold"
    assert by_name["leer"].f1 == 0.0


# --- agreement with the reference scorer ------------------------------------------------------------------


def _perturb(directory: Path) -> None:
    """Change some gold values in the copy, so that the scorers have misses and extras to agree on."""

    def edit(name: str, change) -> None:
        path = directory / f"{name}.gold.json"
        if path.exists():
            gold = json.loads(path.read_text(encoding="utf-8"))
            change(gold)
            path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")

    def founding(gold: dict) -> None:
        gold["subject"]["title"] += " im Landkreis"  # wrong short field
        gold["contact"]["room"] = None  # the parser's value becomes an extra
        words = gold["body"].split()
        gold["body"] = " ".join(words[: len(words) // 2])  # long text below the F1 threshold
        gold["answers"] = []  # the parser's answer becomes an extra
        gold["copies_to"] = list(reversed(gold["copies_to"]))  # order does not matter

    def drucksache(gold: dict) -> None:
        gold["questions"] = gold["questions"][:3]  # the parser's further questions are extras
        gold["_unannotated"] = ["answers"]
        gold["references"]["date"] = "2015-03-13"

    def email(gold: dict) -> None:
        gold["signature"]["name"] = "Jemand Anderes"

    edit("erzgebirgskreis-2015-09-07-integration", founding)
    edit("saarland-2015-03-12-drs-15-1284-antwort", drucksache)
    edit("bsi-2018-09-04-ifg", email)


@pytest.fixture
def scored_copy(shared_dir: Path, tmp_path: Path) -> Path:
    """The shared text and e-mail letters with their golds, copied to a temporary directory."""
    letters = shared_dir / "letters"
    copied = 0
    for source in sorted(letters.glob("*")):
        if source.suffix not in (".txt", ".eml"):
            continue
        gold = letters / (source.stem + ".gold.json")
        if gold.exists():
            shutil.copy(source, tmp_path / source.name)
            shutil.copy(gold, tmp_path / gold.name)
            copied += 1
    if not copied:
        pytest.skip(f"{letters} holds no text or e-mail letters with golds")
    _perturb(tmp_path)
    return tmp_path


def test_evaluate_agrees_with_the_reference_scorer(shared_dir: Path, scored_copy: Path, repo_dir: Path) -> None:
    command = f"{shlex.quote(sys.executable)} -m amtsbrief.cli parse {{file}} --format json"
    reference = subprocess.run([sys.executable, str(shared_dir / "tools" / "score.py"), str(scored_copy),
                                "--cmd", command, "--min", "0"], capture_output=True, text=True, cwd=repo_dir, timeout=300)
    assert reference.returncode == 0, reference.stderr
    want = {match.group(1): float(match.group(2))
            for match in re.finditer(r"^letter (\S+): (\d\.\d{3})", reference.stdout, re.M)}
    want_mean = float(re.search(r"^score (\d\.\d{3}) over (\d+) letters", reference.stdout, re.M).group(1))

    ours = subprocess.run([sys.executable, "-m", "amtsbrief.cli", "evaluate", str(scored_copy), "--json"],
                          capture_output=True, text=True, cwd=repo_dir, timeout=300)
    assert ours.returncode == 0, ours.stderr
    report = json.loads(ours.stdout)
    got = {letter["name"]: letter["f1"] for letter in report["letters"]}

    assert set(got) == set(want)
    assert any(value < 1.0 for value in want.values()), "the perturbed golds should cost some points"
    for name, value in want.items():
        assert abs(got[name] - value) <= 0.0005 + 1e-9, (name, got[name], value)
    assert abs(report["mean"] - want_mean) <= 0.0005 + 1e-9


def test_evaluate_dir_equals_the_cli_report(scored_copy: Path) -> None:
    report = evaluate_dir(scored_copy)
    result = subprocess.run([sys.executable, "-m", "amtsbrief.cli", "evaluate", str(scored_copy), "--json"],
                            capture_output=True, text=True, timeout=300)
    assert json.loads(result.stdout) == json.loads(json.dumps(report.to_dict()))
