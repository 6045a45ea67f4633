"""Specification: the same batch runs on a Dask cluster and writes the same durable output."""

from __future__ import annotations

import json

import pytest

from amtsbrief.batch import run_batch

from batch_corpus import write_corpus

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    # Loopback only, two worker processes, no dashboard: nothing listens beyond this machine.
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", protocol="tcp", dashboard_address="127.0.0.1:0"
    ) as local_cluster:
        yield local_cluster


def test_batch_on_dask_matches_the_local_run(tmp_path, cluster):
    corpus = write_corpus(tmp_path / "in", 60, broken_share=0.05)
    on_dask = run_batch([corpus.folder], out=tmp_path / "dask", scheduler=cluster.scheduler_address, in_flight=8)
    local = run_batch([corpus.folder], out=tmp_path / "local", jobs=2)
    assert (on_dask.parsed, on_dask.failed) == (local.parsed, local.failed) == (57, 3)

    def records(folder, name, key):
        return sorted(json.loads(line)[key] for line in (tmp_path / folder / name).read_text().splitlines())

    assert records("dask", "letters.jsonl", "body") == records("local", "letters.jsonl", "body")
    assert records("dask", "failures.jsonl", "path") == records("local", "failures.jsonl", "path")


def test_batch_on_dask_resumes(tmp_path, cluster):
    corpus = write_corpus(tmp_path / "in", 20, broken_share=0)
    run_batch([corpus.folder], out=tmp_path / "out", scheduler=cluster.scheduler_address)
    again = run_batch([corpus.folder], out=tmp_path / "out", scheduler=cluster.scheduler_address)
    assert (again.skipped, again.parsed) == (20, 0)
