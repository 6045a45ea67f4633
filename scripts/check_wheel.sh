#!/usr/bin/env bash
# Build the wheel and the sdist, install the wheel into a fresh virtualenv outside the checkout and use
# it as a new user would: `amtsbrief --version`, `python -m amtsbrief`, parse a corpus letter.
# Fails on a build warning (a deprecated licence table, a missing file) too. Needs only PyPI.
#   usage: bash scripts/check_wheel.sh [PYTHON]   (PYTHON: the interpreter with `build`, default .venv/bin/python)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
python="${1:-$repo/.venv/bin/python}"
work="$(mktemp -d "${TMPDIR:-/tmp}/amtsbrief-wheel.XXXXXX")"
trap 'rm -rf "$work"' EXIT
letter="$repo/corpus/dev/stadt-chemnitz-2020-11-03-antwort-spielplaetze.txt"

echo "check_wheel: building in $work" >&2
# PYTHONDONTWRITEBYTECODE makes setuptools warn that it skips byte-compiling: not the project's warning.
if ! env -u PYTHONDONTWRITEBYTECODE "$python" -m build --wheel --sdist --outdir "$work/dist" "$repo" >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2; echo "check_wheel: the build failed" >&2; exit 1
fi
# pip's notes about this machine's index locations are not the build's.
if grep -i "warning" "$work/build.log" | grep -v "WARNING: Location '" >"$work/warnings.txt"; then
  cat "$work/warnings.txt" >&2; echo "check_wheel: the build warns (see above)" >&2; exit 1
fi
wheel="$(ls "$work"/dist/amtsbrief-*.whl)"
"$python" - "$wheel" <<'PY'
import sys, zipfile

names = zipfile.ZipFile(sys.argv[1]).namelist()
for wanted in ("amtsbrief/py.typed", "amtsbrief/__main__.py", "amtsbrief/_models/cues.json", ".dist-info/licenses/LICENSE"):
    assert any(name.endswith(wanted) for name in names), f"check_wheel: {wanted} missing from {sys.argv[1]}"
PY

python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --disable-pip-version-check "$wheel" 2>&1 | grep -v "WARNING: Location '" >&2 || true
"$work/venv/bin/python" -c "import amtsbrief" || { echo "check_wheel: the installed wheel does not import" >&2; exit 1; }

cd "$work"  # outside the checkout: nothing can be imported from it by accident
want="amtsbrief $(grep -m1 '^__version__' "$repo/amtsbrief/__init__.py" | cut -d'"' -f2)"
got="$("$work/venv/bin/amtsbrief" --version)"
[ "$got" = "$want" ] || { echo "check_wheel: --version says '$got', expected '$want'" >&2; exit 1; }
[ "$("$work/venv/bin/python" -m amtsbrief --version)" = "$want" ] || { echo "check_wheel: python -m amtsbrief failed" >&2; exit 1; }
"$work/venv/bin/amtsbrief" parse "$letter" >"$work/letter.json"
"$work/venv/bin/python" - "$work/letter.json" "$work/venv" <<'PY'
import json, sys
from pathlib import Path

import amtsbrief

letter = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
installed = Path(amtsbrief.__file__).resolve()
assert str(installed).startswith(str(Path(sys.argv[2]).resolve())), f"amtsbrief imported from {installed}"
assert (installed.parent / "py.typed").is_file(), "py.typed is not installed"
assert letter["sender"]["authority"] == "Stadt Chemnitz", letter["sender"]
assert letter["references"]["date"] == "2020-11-03", letter["references"]
assert letter["questions"] and letter["answers"], "no questions or answers read"
print(f"check_wheel: {amtsbrief.__version__} from {installed.parent} parsed {letter['source']['path']}: "
      f"{letter['sender']['authority']}, {letter['references']['date']}, "
      f"{len(letter['questions'])} questions, {len(letter['answers'])} answers")
PY
"$work/venv/bin/amtsbrief" schema >/dev/null
# Without the [msg] extra an Outlook file is refused in one line that says how to install it.
printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' >"$work/antwort.msg"; head -c 504 /dev/zero >>"$work/antwort.msg"
if "$work/venv/bin/amtsbrief" parse "$work/antwort.msg" >/dev/null 2>"$work/msg.err" \
    || ! grep -q "pip install 'amtsbrief\[msg\]'" "$work/msg.err" || [ "$(wc -l <"$work/msg.err")" -ne 1 ]; then
  cat "$work/msg.err" >&2; echo "check_wheel: a .msg without the [msg] extra is not refused in one clear line" >&2; exit 1
fi
echo "check_wheel: ok ($(basename "$wheel"))"
