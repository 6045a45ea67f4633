"""A bounded load run against `amtsbrief serve` on loopback: a fixed number of parses, a fixed concurrency.

    .venv/bin/python benchmarks/serve_load.py [--requests 200] [--concurrency 16] [--jobs 2] [--url http://127.0.0.1:PORT/]

Starts `amtsbrief serve` on 127.0.0.1 on a free port (with an empty store in a temporary folder)
unless ``--url`` names a running one, which must be on loopback: this script never loads another
machine. It then sends ``--requests`` POST /parse (the corpus's text and e-mail letters in turn, raw
bodies; ``--sources .txt`` for text only), ``--concurrency`` at a time, waits for every answer, stops the service it started and prints
errors (any status but 200, or a failed connection), throughput and p50/p95/max latency.

Not a test: the figures depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def letters(suffixes: tuple[str, ...]) -> list[tuple[str, bytes]]:
    """The corpus's letters with these suffixes: (name, bytes)."""
    paths = sorted(path for split in ("dev", "test") for path in (ROOT / "corpus" / split).iterdir()
                   if path.suffix in suffixes)
    return [(path.name, path.read_bytes()) for path in paths]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_service(jobs: int, folder: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [sys.executable, "-m", "amtsbrief.cli", "serve", "--db", str(folder / "archive.sqlite"),
               "--host", "127.0.0.1", "--port", str(port), "--jobs", str(jobs)]
    log = open(folder / "serve.log", "wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "healthz", timeout=2).read()
            return process, url
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.3)
    process.kill()
    sys.exit(f"serve_load: the service did not start:\n{(folder / 'serve.log').read_text(errors='replace')[-2000:]}")


def require_loopback(url: str) -> None:
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        sys.exit(f"serve_load: {url} is not on loopback; this script only loads this machine")


def post(url: str, name: str, data: bytes) -> tuple[float, int | str]:
    """One POST /parse: (seconds, status or the connection error's name)."""
    request = urllib.request.Request(f"{url}parse?filename={urllib.parse.quote(name)}", data=data, method="POST",
                                     headers={"Content-Type": "application/octet-stream"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            response.read()
            status: int | str = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as error:
        status = type(error).__name__
    return time.perf_counter() - started, status


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="parser processes of the started service")
    parser.add_argument("--url", help="a running service on loopback instead of starting one")
    parser.add_argument("--sources", default=".txt,.eml", help="which corpus letters to send, by suffix (default .txt,.eml)")
    args = parser.parse_args()

    inputs = letters(tuple(args.sources.split(",")))
    with tempfile.TemporaryDirectory(prefix="serve-load-") as folder:
        process = None
        if args.url:
            url = args.url.rstrip("/") + "/"
            require_loopback(url)
        else:
            process, url = start_service(args.jobs, Path(folder))
        try:
            post(url, *inputs[0])  # the first parse per worker loads the models: not part of the run
            work = [inputs[i % len(inputs)] for i in range(args.requests)]
            started = time.perf_counter()
            with ThreadPoolExecutor(args.concurrency) as pool:
                results = list(pool.map(lambda item: post(url, *item), work))
            elapsed = time.perf_counter() - started
        finally:
            if process is not None:
                process.terminate()
                process.wait(timeout=30)

    latencies = [seconds for seconds, _ in results]
    errors = [status for _, status in results if status != 200]
    print(f"service      {'started, --jobs ' + str(args.jobs) if process else url} ({os.cpu_count()} CPUs on this machine)")
    print(f"requests     {len(results)} POST /parse ({len(inputs)} corpus letters in turn), {args.concurrency} at a time")
    print(f"errors       {len(errors)}" + (f" ({', '.join(sorted({str(e) for e in errors}))})" if errors else ""))
    print(f"throughput   {len(results) / elapsed:.1f} letters/s ({elapsed:.1f} s in all)")
    print(f"latency      p50 {1000 * statistics.median(latencies):.0f} ms, p95 {1000 * percentile(latencies, 0.95):.0f} ms, "
          f"max {1000 * max(latencies):.0f} ms")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
