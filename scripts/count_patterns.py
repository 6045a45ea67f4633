"""Count the regular-expression literals written in code (issue 7, part 3: their number must fall).

A literal is a call ``re.compile/match/search/fullmatch/sub/subn/split/findall/finditer`` whose pattern
argument is written in the source (a string, an f-string or a concatenation of them). A pattern read from
``models/`` or taken from a field reader is not one: it has a home.

    python scripts/count_patterns.py [PATH ...]      # default: amtsbrief/segment.py amtsbrief/extract
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

_FUNCTIONS = {"compile", "match", "search", "fullmatch", "sub", "subn", "split", "findall", "finditer"}
DEFAULT = ("amtsbrief/segment.py", "amtsbrief/zones", "amtsbrief/extract")


def _is_literal(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _is_literal(node.left) or _is_literal(node.right)
    return False


def count(path: Path) -> int:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _FUNCTIONS \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args \
                and _is_literal(node.args[0]):
            found += 1
    return found


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parent.parent
    targets = argv or list(DEFAULT)
    files: list[Path] = []
    for target in targets:
        path = root / target if not Path(target).is_absolute() else Path(target)
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path] if path.exists() else []
    total = 0
    for path in files:
        number = count(path)
        total += number
        print(f"{number:5d}  {path.relative_to(root)}")
    print(f"{total:5d}  total")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
