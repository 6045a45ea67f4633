"""Check the annotated corpus: every gold file is a complete, valid ``Letter`` with its source beside it.

Run from the project root::

    .venv/bin/python corpus/check.py [DIR ...]

Without arguments it checks ``corpus/dev`` and ``corpus/test``. For each ``NAME.gold.json`` it checks that

1. the JSON validates as ``amtsbrief.schema.Letter`` (normal forms included: ISO dates, E.164 phones,
   valid electronic IBANs, lower-case e-mail addresses, HH:MM times, weekday names);
2. every key of the contract is present, at every level (``sender.address`` is always an object,
   ``recipient.address`` is ``null`` or a full address, list entries carry all their keys), and no
   implementation keys (``spans``, ``source``, ``warnings``) or unknown keys appear;
3. a source file ``NAME.txt`` or ``NAME.eml`` lies beside it, and every source has a gold file.

Exits 1 and lists the problems when any check fails.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

from amtsbrief.schema import Letter  # noqa: E402

SOURCE_SUFFIXES = (".txt", ".eml")
IMPLEMENTATION_KEYS = {"spans", "source", "warnings"}
OPTIONAL_KEYS = {"_unannotated"}
# list fields whose entries are objects, and the keys each entry must carry
LIST_ENTRY_KEYS = {
    "questions": {"number", "text"},
    "answers": {"question_number", "text"},
    "footer.office_hours": {"day", "opens", "closes"},
    "footer.bank_accounts": {"bank", "iban", "bic", "bank_code", "account_number"},
}
ADDRESS_KEYS = {"street", "postal_code", "city"}


def expected_shape() -> dict:
    """The complete key tree of a gold file: a default ``Letter`` dump without implementation keys."""
    shape = Letter().model_dump(mode="json")
    for key in IMPLEMENTATION_KEYS:
        shape.pop(key)
    shape["recipient"]["address"] = {key: None for key in ADDRESS_KEYS}
    return shape


def key_problems(gold: object, shape: object, path: str = "") -> list[str]:
    """Missing and unknown keys of ``gold`` compared with ``shape``, recursively."""
    problems: list[str] = []
    if not isinstance(shape, dict):
        return problems
    if not isinstance(gold, dict):
        return [f"{path or '<root>'}: expected an object, got {type(gold).__name__}"]
    allowed = set(shape) | (OPTIONAL_KEYS if not path else set())
    for key in sorted(set(shape) - set(gold)):
        problems.append(f"missing key {path + key}")
    for key in sorted(set(gold) - allowed):
        problems.append(f"unexpected key {path + key}")
    for key, sub in shape.items():
        if key not in gold:
            continue
        full = path + key
        value = gold[key]
        if full == "recipient.address" and value is None:
            continue
        if full in LIST_ENTRY_KEYS:
            for i, entry in enumerate(value or []):
                if not isinstance(entry, dict):
                    problems.append(f"{full}.{i}: expected an object")
                    continue
                for missing in sorted(LIST_ENTRY_KEYS[full] - set(entry)):
                    problems.append(f"missing key {full}.{i}.{missing}")
                for extra in sorted(set(entry) - LIST_ENTRY_KEYS[full]):
                    problems.append(f"unexpected key {full}.{i}.{extra}")
            continue
        problems += key_problems(value, sub, full + ".")
    return problems


def source_of(gold_path: Path) -> Path | None:
    """The letter file beside a gold file, if there is one."""
    stem = gold_path.name[: -len(".gold.json")]
    for suffix in SOURCE_SUFFIXES:
        candidate = gold_path.with_name(stem + suffix)
        if candidate.exists():
            return candidate
    return None


def check_dir(directory: Path, shape: dict) -> tuple[int, list[str]]:
    """Check every gold file in ``directory``; return (number of gold files, problems)."""
    problems: list[str] = []
    golds = sorted(directory.glob("*.gold.json"))
    for gold_path in golds:
        name = f"{directory.name}/{gold_path.name}"
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            problems.append(f"{name}: cannot read JSON ({error})")
            continue
        problems += [f"{name}: {p}" for p in key_problems(gold, shape)]
        try:
            Letter.model_validate({k: v for k, v in gold.items() if k not in OPTIONAL_KEYS})
        except ValueError as error:
            problems.append(f"{name}: does not validate as Letter:\n{error}")
        if source_of(gold_path) is None:
            problems.append(f"{name}: no source file ({' or '.join(SOURCE_SUFFIXES)}) beside it")
    for source in sorted(p for p in directory.iterdir() if p.suffix in SOURCE_SUFFIXES):
        if not source.with_name(source.stem + ".gold.json").exists():
            problems.append(f"{directory.name}/{source.name}: source without gold file")
    return len(golds), problems


def main(argv: list[str]) -> int:
    dirs = [Path(a) for a in argv] or [ROOT / "dev", ROOT / "test"]
    shape = expected_shape()
    total, problems = 0, []
    for directory in dirs:
        count, found = check_dir(directory, shape)
        total += count
        problems += found
        print(f"{directory.name}: {count} gold files")
    for problem in problems:
        print("  " + problem)
    print(f"{total} gold files, {len(problems)} problems")
    return 1 if problems or not total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
