"""The package as a user meets it: its version, ``python -m``, its typing and its JSON Schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import amtsbrief
from amtsbrief.commands.schema import fields_markdown
from amtsbrief.schema import Letter, json_schema


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "amtsbrief", *args], capture_output=True, text=True, timeout=120, cwd=cwd)


def test_package_version_is_printed_by_python_m_amtsbrief() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"amtsbrief {amtsbrief.__version__}"


def test_package_version_is_the_installed_distributions() -> None:
    from importlib.metadata import version

    assert version("amtsbrief") == amtsbrief.__version__


def test_package_ships_py_typed() -> None:
    assert (Path(amtsbrief.__file__).parent / "py.typed").is_file()


def test_package_schema_command_prints_the_models_json_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout) == json.loads(json.dumps(json_schema()))


def test_package_json_schema_accepts_a_parsed_letters_json() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    letter = amtsbrief.parse_text("Stadt Beispielburg · Markt 1 · 09111 Beispielburg\n\nBeispielburg, 07.09.2015\n\n"
                                  "Sehr geehrte Frau Muster,\n\nja.\n\nMit freundlichen Grüßen\n\nTom Beispiel")
    validator = jsonschema.Draft202012Validator(json_schema(), format_checker=jsonschema.FormatChecker())
    validator.validate(letter.model_dump(mode="json"))
    broken = letter.model_dump(mode="json")
    broken["references"]["date"] = "07.09.2015"
    assert not validator.is_valid(broken)


def test_package_fields_doc_is_up_to_date(repo_dir: Path) -> None:
    # After changing a field or its description: .venv/bin/python scripts/write_fields_doc.py
    assert (repo_dir / "docs" / "FIELDS.md").read_text(encoding="utf-8") == fields_markdown()


def test_package_fields_doc_lists_every_field_with_a_meaning() -> None:
    table = fields_markdown()
    for name in Letter.model_fields:
        assert f"| `{name}` |" in table
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert all(not line.endswith("|  |") for line in rows), "a field without a description"


def test_package_public_api_is_mypy_clean(repo_dir: Path) -> None:
    pytest.importorskip("mypy")
    # The files and the strictness are in pyproject.toml's [tool.mypy].
    result = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental"], capture_output=True, text=True,
                            cwd=repo_dir, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_package_every_folder_of_the_package_is_shipped(repo_dir: Path) -> None:
    # A folder missing from [tool.setuptools] packages is left out of the wheel, or makes the build warn.
    tomllib = pytest.importorskip("tomllib")
    config = tomllib.loads((repo_dir / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    root = repo_dir / "amtsbrief"
    folders = {".".join(("amtsbrief", *path.relative_to(root).parts)) for path in root.rglob("*")
               if path.is_dir() and path.name != "__pycache__" and any(path.iterdir())}
    assert folders - listed == set()


def test_package_every_rule_file_is_shipped(repo_dir: Path) -> None:
    # models/ becomes amtsbrief/_models in the wheel; a file no package-data pattern takes is left behind.
    import fnmatch

    tomllib = pytest.importorskip("tomllib")
    config = tomllib.loads((repo_dir / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    patterns = config["package-data"]["amtsbrief._models"]
    left_out = [path.name for path in (repo_dir / "models").iterdir()
                if path.is_file() and not any(fnmatch.fnmatch(path.name, pattern) for pattern in patterns)]
    assert left_out == []
