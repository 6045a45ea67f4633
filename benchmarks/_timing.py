"""Timing shared by the benchmarks: one core, CPU time, and the subject interleaved with its reference.

The machines these run on are shared and noisy, so every figure is reported beside a reference
measured in the same run, round by round in turn with the subject: a load that slows one slows the
other. Each is timed by the process's CPU time (``time.process_time``; for child processes, their
``getrusage`` time), which a busy machine inflates far less than wall-clock time, and the best of
the rounds counts (the round least disturbed).
"""

from __future__ import annotations

import os
import resource
import time
from typing import Callable, Sequence


def pin_to_one_core() -> str:
    """Run on one CPU, so the figure means "per core"; returns what was done."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity)"


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the `tesseract` command)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def round_time(work: Callable[[object], object], items: Sequence) -> tuple[float, float]:
    """(CPU seconds, wall seconds) for one pass of ``work`` over ``items``."""
    cpu, wall = cpu_seconds(), time.perf_counter()
    for item in items:
        work(item)
    return cpu_seconds() - cpu, time.perf_counter() - wall


def interleaved(subject, reference, items: Sequence, rounds: int) -> dict[str, float]:
    """Best-of-``rounds`` seconds per item for ``subject`` and ``reference``, run in turn.

    Returns ``subject_cpu``, ``reference_cpu``, ``subject_wall``, ``reference_wall`` (seconds per item)
    and ``ratio`` (subject CPU over reference CPU).
    """
    best = {"subject_cpu": float("inf"), "reference_cpu": float("inf"),
            "subject_wall": float("inf"), "reference_wall": float("inf")}
    for _ in range(rounds):
        for label, work in (("reference", reference), ("subject", subject)):
            cpu, wall = round_time(work, items)
            best[f"{label}_cpu"] = min(best[f"{label}_cpu"], cpu / len(items))
            best[f"{label}_wall"] = min(best[f"{label}_wall"], wall / len(items))
    best["ratio"] = best["subject_cpu"] / best["reference_cpu"]
    return best


def print_profile(work: Callable[[object], object], items: Sequence, top: int, sort: str = "tottime") -> None:
    """cProfile of one pass of ``work`` over ``items``: the ``top`` most expensive functions by ``sort``."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for item in items:
        work(item)
    profiler.disable()
    pstats.Stats(profiler).sort_stats(sort).print_stats(top)
