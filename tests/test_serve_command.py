"""`amtsbrief serve` refuses a --db that is no store with one line, before it binds a port."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the service needs the serve extra")
from amtsbrief.cli import main  # noqa: E402


def test_a_db_that_is_no_store_is_one_error_line(tmp_path, capsys):
    not_a_store = tmp_path / "notes.sqlite"
    not_a_store.write_text("these are notes, not a database\n" * 100)
    assert main(["serve", "--db", str(not_a_store), "--port", "0"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("amtsbrief: error:") and "notes.sqlite" in error and len(error.splitlines()) == 1
