"""Fixtures shared by the whole suite (STYLE.md: shared fixtures live here and nowhere else).

``shared_dir`` is ``../shared`` beside the checkout: the team's common letters, the contract and the
reference scorer. It is never copied into the project; tests that need it skip where it is absent.
``corpus_dir`` is the project's own annotated corpus (``corpus/dev`` and ``corpus/test``).
"""

from __future__ import annotations

from pathlib import Path

import os

import pytest
from hypothesis import settings

REPO = Path(__file__).resolve().parents[1]

# On CI the property tests draw the same examples every run, so a run's verdict does not depend on
# chance; a developer's run (the default profile) keeps exploring new ones.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    """The project checkout (where ``pyproject.toml`` stands)."""
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` relative to the repository; skips the test when it is not there."""
    path = (REPO.parent / "shared").resolve()
    if not path.is_dir():
        pytest.skip(f"{path} not found: the shared letters are only on CI and the team's machines")
    return path


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The project's annotated corpus, with its ``dev`` and ``test`` splits."""
    path = REPO / "corpus"
    if not path.is_dir():
        pytest.skip(f"{path} not found: the corpus is part of the checkout")
    return path
