"""Specification of amtsbrief.batch: finding files, parsing them in parallel, recording every outcome."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from amtsbrief.batch import BatchDirectory, discover, file_sha256, run_batch
from amtsbrief.errors import InputError
from amtsbrief.schema import Letter

from batch_corpus import BROKEN_KINDS, letter_text, write_corpus


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_batch_discover_walks_folders_by_known_extension(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/one.txt", "a/b/two.PDF", "a/b/three.eml", "a/notes.docx", "a/b/.hidden.tiff"):
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path / "a"])]
    assert found == ["a/b/.hidden.tiff", "a/b/three.eml", "a/b/two.PDF", "a/one.txt"]


def test_batch_discover_takes_named_files_and_globs_once(tmp_path):
    for name in ("x.txt", "y.txt", "z.md"):
        (tmp_path / name).write_text("x")
    found = discover([tmp_path / "z.md", str(tmp_path / "*.txt"), tmp_path / "x.txt"])
    assert [p.name for p in found] == ["x.txt", "y.txt", "z.md"]  # a named file is taken whatever its suffix


def test_batch_discover_rejects_a_missing_path(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        discover([tmp_path / "missing"])


def test_batch_needs_an_output(tmp_path):
    with pytest.raises(InputError, match="needs an output"):
        run_batch([tmp_path])


def test_batch_records_letters_with_source_path_and_hash(tmp_path):
    corpus = write_corpus(tmp_path / "in", 12, broken_share=0)
    summary = run_batch([corpus.folder], out=tmp_path / "out", jobs=2)
    assert (summary.parsed, summary.failed) == (12, 0)
    letters = [Letter.model_validate_json(line) for line in (tmp_path / "out/letters.jsonl").read_text().splitlines()]
    assert sorted(letter.source.path for letter in letters) == sorted(str(p) for p in corpus.good)
    assert all(letter.source.sha256 == file_sha256(letter.source.path) for letter in letters)
    manifest = json.loads((tmp_path / "out/manifest.json").read_text())
    assert manifest["totals"] == {"letters": 12, "failures": 0}
    assert manifest["runs"][-1]["completed"] is True


def test_batch_rerun_skips_what_is_done(tmp_path):
    corpus = write_corpus(tmp_path / "in", 10, broken_share=0.2)
    run_batch([corpus.folder], out=tmp_path / "out", jobs=1)
    again = run_batch([corpus.folder], out=tmp_path / "out", jobs=1)
    assert (again.skipped, again.parsed, again.failed) == (10, 0, 0)
    assert len(_lines(tmp_path / "out/letters.jsonl")) == 8
    assert len(_lines(tmp_path / "out/failures.jsonl")) == 2


def test_batch_counts_same_bytes_under_two_names_once(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in/a.txt").write_text(letter_text(1), encoding="utf-8")
    (tmp_path / "in/copy-of-a.txt").write_text(letter_text(1), encoding="utf-8")
    summary = run_batch([tmp_path / "in"], out=tmp_path / "out", jobs=1)
    assert (summary.parsed, summary.duplicates) == (1, 1)


def test_batch_discards_a_torn_last_line_and_redoes_its_letter(tmp_path):
    corpus = write_corpus(tmp_path / "in", 6, broken_share=0)
    run_batch([corpus.folder], out=tmp_path / "out", jobs=1)
    letters_file = tmp_path / "out/letters.jsonl"
    lines = letters_file.read_text(encoding="utf-8").splitlines(keepends=True)
    # What kill -9 in the middle of a write leaves: the last record cut short, no newline.
    letters_file.write_text("".join(lines[:-1]) + lines[-1][: len(lines[-1]) // 2], encoding="utf-8")
    summary = run_batch([corpus.folder], out=tmp_path / "out", jobs=1)
    assert (summary.skipped, summary.parsed) == (5, 1)
    hashes = [line["source"]["sha256"] for line in _lines(letters_file)]
    assert len(hashes) == len(set(hashes)) == 6
    assert json.loads((tmp_path / "out/manifest.json").read_text())["runs"][-1]["repaired"] == ["letters.jsonl"]


def test_batch_records_a_crashed_worker_and_goes_on(tmp_path):
    corpus = write_corpus(tmp_path / "in", 8, broken_share=0)
    crash = corpus.folder / "worker-crash.txt"
    crash.write_text(letter_text(999), encoding="utf-8")
    summary = run_batch([corpus.folder], out=tmp_path / "out", jobs=2, parser="batch_corpus.crashing_parse_file")
    assert (summary.parsed, summary.failed) == (8, 1)
    [failure] = _lines(tmp_path / "out/failures.jsonl")
    assert (failure["path"], failure["code"]) == (str(crash), "crashed")


def test_batch_writes_the_store_alone_and_resumes_from_it(tmp_path):
    from amtsbrief.store import Store

    corpus = write_corpus(tmp_path / "in", 20, broken_share=0.1)
    first = run_batch([corpus.folder], db=tmp_path / "archive.sqlite", jobs=2)
    again = run_batch([corpus.folder], db=tmp_path / "archive.sqlite", jobs=2)
    assert (first.parsed, first.failed, again.skipped) == (18, 2, 20)
    with Store(tmp_path / "archive.sqlite") as store:
        assert store.count() == 18
        assert len(list(store.failures())) == 2


def test_batch_fills_a_new_store_from_a_finished_folder_run(tmp_path):
    from amtsbrief.store import Store

    corpus = write_corpus(tmp_path / "in", 10, broken_share=0)
    run_batch([corpus.folder], out=tmp_path / "out", jobs=1)
    # Done in the folder but not in the store: parsed again, written to the store only.
    summary = run_batch([corpus.folder], out=tmp_path / "out", db=tmp_path / "a.sqlite", jobs=1)
    assert summary.parsed == 10
    assert len(_lines(tmp_path / "out/letters.jsonl")) == 10
    with Store(tmp_path / "a.sqlite") as store:
        assert store.count() == 10


@pytest.mark.slow
def test_batch_of_2000_letters_with_2_percent_broken(tmp_path):
    corpus = write_corpus(tmp_path / "in", 2000, broken_share=0.02)
    assert len(corpus.broken) == 40
    summary = run_batch([corpus.folder], out=tmp_path / "out", jobs=2)

    letters = _lines(tmp_path / "out/letters.jsonl")
    failures = _lines(tmp_path / "out/failures.jsonl")
    assert {letter["source"]["path"] for letter in letters} == {str(p) for p in corpus.good}
    assert {failure["path"] for failure in failures} == {str(p) for p in corpus.broken}
    for failure in failures:
        kind = corpus.broken[Path(failure["path"])]
        assert failure["code"] in BROKEN_KINDS[kind], failure
        assert failure["message"] and failure["sha256"] == file_sha256(failure["path"])
    assert (summary.parsed, summary.failed) == (1960, 40)
    assert summary.found == summary.parsed + summary.failed == len(letters) + len(failures) == 2000
    assert summary.with_warnings == sum(1 for letter in letters if letter["warnings"])
    assert BatchDirectory(tmp_path / "out").counts() == {"letters": 1960, "failures": 40}
