#!/usr/bin/env python3
"""Snapshot the parser's full JSON output on every letter we have, and compare two snapshots.

usage: .venv/bin/python scripts/output_snapshot.py OUT            write a snapshot into OUT
       .venv/bin/python scripts/output_snapshot.py OUT --compare BASE   write, then list every letter whose output differs

Performance work (issue 9) must not change a single output, so every optimisation is checked against
a snapshot of its base. The letters: every letter file in ``corpus/dev`` and ``corpus/test`` (.txt,
.eml); the letters of ``../shared/letters`` that need no OCR (.txt, .eml, .msg, PAGE XML and the
born-digital PDF; ``*-scan.pdf`` are left out); and the corpus's ``.txt`` letters rendered as PDFs by
``scripts/render_pdfs.py`` (both producers, into ``build/snapshot-pdfs`` once; ``invariant`` mode makes
them byte-identical from run to run), which covers the layout path ``benchmarks/pdf.py`` times.

Each output is what ``amtsbrief parse --format json`` prints for the file (``Letter.model_dump(mode="json")``
with spans and warnings), or, for a file the parser refuses, the error's code and message. A second
line per text letter holds ``parse_text`` on the decoded text (what ``benchmarks/parse.py`` times).
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "letters"
RENDERED = ROOT / "build" / "snapshot-pdfs"
LETTER_SUFFIXES = (".txt", ".eml", ".msg", ".xml", ".pdf")


def letter_files() -> list[tuple[str, Path]]:
    """(group, path) of every letter to snapshot, in a fixed order."""
    files: list[tuple[str, Path]] = []
    for split in ("dev", "test"):
        files += [(f"corpus-{split}", p) for p in sorted((ROOT / "corpus" / split).iterdir())
                  if p.suffix in LETTER_SUFFIXES and not p.name.endswith(".gold.json")]
    if SHARED.is_dir():
        files += [("shared", p) for p in sorted(SHARED.iterdir())
                  if p.suffix in LETTER_SUFFIXES and not p.name.endswith("-scan.pdf")]
    for producer in ("natural", "scrambled"):
        files += [(f"rendered-{producer}", p) for p in rendered(producer)]
    return files


def rendered(producer: str) -> list[Path]:
    """The corpus's text letters as PDFs of ``producer``, rendered once into ``build/snapshot-pdfs``."""
    out = RENDERED / producer
    txts = sorted((ROOT / "corpus").glob("*/*.txt"))
    if not out.is_dir() or len(list(out.glob("*.pdf"))) < len(txts):
        sys.path.insert(0, str(ROOT / "scripts"))
        import render_pdfs

        for txt in txts:
            render_pdfs.render(txt, out, producer)
    return sorted(out.glob("*.pdf"))


def output_of(path: Path) -> dict:
    from amtsbrief import parse_file, parse_text
    from amtsbrief.errors import AmtsbriefError
    from amtsbrief.load import load_path

    result: dict = {}
    try:
        result["file"] = parse_file(path).model_dump(mode="json")
    except AmtsbriefError as error:
        result["file"] = {"error": error.code, "message": str(error)}
    if path.suffix == ".txt":
        try:
            result["text"] = parse_text(load_path(path).text).model_dump(mode="json")
        except AmtsbriefError as error:
            result["text"] = {"error": error.code, "message": str(error)}
    return result


def write_snapshot(out: Path) -> list[str]:
    out.mkdir(parents=True, exist_ok=True)
    names = []
    for group, path in letter_files():
        name = f"{group}__{path.name}.json"
        text = json.dumps(output_of(path), ensure_ascii=False, indent=1, sort_keys=True)
        (out / name).write_text(text + "\n", encoding="utf-8")
        names.append(name)
    return names


def compare(out: Path, base: Path, names: list[str]) -> int:
    """Print every letter whose output differs from ``base`` (with the first lines of the diff)."""
    differing = 0
    base_names = {p.name for p in base.glob("*.json")}
    for name in sorted(base_names - set(names)):
        print(f"MISSING in new snapshot: {name}")
        differing += 1
    for name in names:
        if name not in base_names:
            print(f"NEW (not in base): {name}")
            differing += 1
            continue
        old, new = (base / name).read_text(encoding="utf-8"), (out / name).read_text(encoding="utf-8")
        if old != new:
            differing += 1
            diff = list(difflib.unified_diff(old.splitlines(), new.splitlines(), "base", "new", lineterm="", n=1))
            print(f"DIFFERS: {name}")
            print("\n".join("    " + line for line in diff[:20]))
    print(f"{len(names)} letters, {differing} differ from {base}")
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the snapshot into")
    parser.add_argument("--compare", type=Path, metavar="BASE", help="a snapshot to compare the new one with")
    args = parser.parse_args()
    names = write_snapshot(args.out)
    if args.compare:
        return compare(args.out, args.compare, names)
    print(f"{len(names)} letters written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
