#!/usr/bin/env bash
# Quality gate (issue 7, part 7): fail when the parser scores below the floors in corpus/quality_floor.json.
# corpus/test always; the real text and e-mail letters of ../shared/letters where that directory is present.
# Usage: scripts/quality_gate.sh [floor-file]    (run from anywhere; uses the checkout's .venv)
set -uo pipefail
cd "$(dirname "$0")/.."
floors="${1:-corpus/quality_floor.json}"
python=.venv/bin/python
[ -x "$python" ] || python=python3
"$python" - "$floors" <<'PY'
import json, subprocess, sys
from pathlib import Path

floors = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))["floors"]
failed = False
for floor in floors:
    directory = Path(floor["dir"])
    if not directory.is_dir():
        if floor.get("optional"):
            print(f"quality gate: {floor['name']}: {directory} is not here, skipped")
            continue
        print(f"quality gate: {floor['name']}: {directory} is missing", file=sys.stderr)
        failed = True
        continue
    command = [sys.executable, "-c", "import sys; from amtsbrief.cli import main; sys.exit(main(sys.argv[1:]))",
               "evaluate", str(directory), "--json"]
    if floor.get("sources"):
        command += ["--sources", floor["sources"]]
    run = subprocess.run(command, capture_output=True, text=True)
    try:
        mean = json.loads(run.stdout)["mean"]
    except (ValueError, KeyError):
        print(f"quality gate: {floor['name']}: evaluate failed (exit {run.returncode}): {run.stderr.strip()[:500]}", file=sys.stderr)
        failed = True
        continue
    verdict = "ok" if mean >= floor["min"] else "BELOW THE FLOOR"
    print(f"quality gate: {floor['name']}: mean F1 {mean:.4f}, floor {floor['min']:.4f}: {verdict}")
    failed |= mean < floor["min"]
sys.exit(1 if failed else 0)
PY
