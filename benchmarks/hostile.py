"""The hostile-input kit: build hostile files by class into a temporary folder, run every one through
``amtsbrief parse`` (a process each, with its default limits and guard) and report per class how many
ended in a result or a clean one-line error, the slowest time and the largest peak memory.

    .venv/bin/python benchmarks/hostile.py [--keep DIR] [--batch] [--jobs 2]

``--batch`` also runs ``amtsbrief batch`` over the whole folder, kills it with SIGKILL midway, resumes it
and checks that every file is recorded once. Nothing is written into the repository: the bombs are
built small-but-claiming-huge (or deflated) at run time.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import fuzz_builders as build  # noqa: E402

AMTSBRIEF = [sys.executable, "-m", "amtsbrief.cli"]
TIME_BUDGET = 30.0      # seconds a case may take, end to end
MEMORY_BUDGET = 1 << 30  # peak resident bytes of any process of a case


def _image(fmt: str) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(image).text((10, 10), "Sehr geehrte Frau Beispiel,", fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


def kit() -> dict[str, dict[str, bytes]]:
    """Class → {file name: bytes}."""
    rng = random.Random(8)
    letter = build.LETTER
    valid = {
        "txt": letter.encode("utf-8"), "eml": build.mail(), "pdf": build.text_pdf(),
        "png": _image("PNG"), "tif": _image("TIFF"), "jpg": _image("JPEG"),
        "page.xml": build.page_xml(build.letter_lines()),
        "alto.xml": build.alto_xml([(w, str(100 + 40 * i), "100", "35", "20", "0.9") for i, w in enumerate(letter.split())]),
    }
    corrupt = {}
    for suffix, data in valid.items():
        for cut in (0.1, 0.6):
            corrupt[f"truncated-{int(cut * 100)}.{suffix}"] = data[: int(len(data) * cut)]
        flipped = bytearray(data)
        for _ in range(max(1, len(data) // 50)):
            flipped[rng.randrange(len(flipped))] = rng.randrange(256)
        corrupt[f"flipped.{suffix}"] = bytes(flipped)
    corrupt["garbage.pdf"] = b"%PDF-1.7\n" + rng.randbytes(4000)
    corrupt["header-only.png"] = b"\x89PNG\r\n\x1a\n"
    return {
        "PDF stream and page-count bombs": {
            "stream-bomb-512mb.pdf": build.stream_bomb_pdf(512 << 20, 1),
            "stream-bomb-2x-1gb.pdf": build.stream_bomb_pdf(1 << 30, 2),
            "pages-5000.pdf": build.many_pages_pdf(5000),
            "pages-190-tiny.pdf": build.many_pages_pdf(190),
            "poster-14400pt-no-text.pdf": build.image_only_pdf(14400, 14400),
            "a0-no-text.pdf": build.image_only_pdf(2384, 3370),
            "image-xobject-100k.pdf": build.image_xobject_pdf(100_000),
            "page-tree-loop.pdf": build.page_tree_loop_pdf(),
        },
        "image bombs": {
            "claims-100k.png": build.png_claiming(100_000, 100_000),
            "claims-10k.png": build.png_claiming(10_000, 10_000),
            "bomb-20k-1bit.png": build.png_bomb(20_000),
            "claims-65k.jpg": build.jpeg_claiming(65_000, 65_000),
            "frames-1000.tif": build.tiff_frames(1000),
        },
        "corrupt and truncated files of every type": corrupt,
        "XML entity and structure attacks": {
            "billion-laughs.xml": build.billion_laughs(),
            "external-entity.xml": build.external_entity(),
            "nested-100k.xml": build.deep_xml(100_000),
            "coords-nan.xml": build.page_xml(build.letter_lines(lambda i: "NaN,abc -5,-5 1e400,3")),
            "coords-negative.xml": build.page_xml(build.letter_lines(lambda i: f"-100,{i * 50} -20,{i * 50 + 40}")),
            "alto-non-numeric.xml": build.alto_xml([(w, "NaN", "-3", "x", "inf", "abc") for w in letter.split()]),
            "wide-200k-elements.xml": build.page_xml([("0,0 1,1", "x")] * 200_000),
        },
        "encoding attacks": {
            "utf16-no-bom.txt": letter.encode("utf-16-le"),
            "bom-lies.txt": b"\xff\xfe" + letter.encode("utf-8"),
            "utf8-bom-then-cp1252.txt": b"\xef\xbb\xbf" + letter.encode("cp1252"),
            "overlong-and-surrogates.txt": letter.encode() + b"\xc0\xaf\xed\xa0\x80" * 500,
            "nul-bytes.txt": letter.encode().replace(b" ", b"\x00"),
            "combining-flood.txt": ("a" + "\u0301" * 50_000 + "\n" + letter).encode(),
            "bidi-overrides.txt": ("\u202e" * 10_000 + letter).encode(),
            "zero-width-flood.txt": ("\u200b" * 100_000 + letter).encode(),
            "unknown-charset.eml": build.mail({"Content-Type": "text/plain; charset=x-klingon"}),
        },
        "MIME bombs": {
            "encoded-words-5000.eml": build.mail({"Subject": build.encoded_words(5000), "To": build.encoded_words(5000)}),
            "encoded-words-50000.eml": build.mail({"To": build.encoded_words(50_000)}),
            "parts-5000.eml": build.mime_tree(1, 5000),
            "nested-400.eml": build.mime_tree(400),
            "nested-5000.eml": build.mime_tree(5000),
            "header-line-5mb.eml": build.mail(extra="X-Long: " + "a" * 5_000_000 + "\n"),
            "base64-garbage.eml": build.mail({"Content-Transfer-Encoding": "base64"}, body="!!!" * 10000),
        },
        "pattern-backtracking text": {
            f"run-{kind}-{where}.txt": text.encode("utf-8")
            for kind, run in (("unicode-blanks", build.blank_run(40_000)), ("dots", "." * 40_000),
                              ("digits", "1 " * 20_000), ("blank-lines", "\n \n" * 20_000))
            for where, text in (("before", run + letter), ("in-header", letter.replace("Betreff:", "Betreff:" + run, 1)))
        },
    }


def run_case(path: Path) -> dict:
    """``amtsbrief parse`` on one file: outcome, seconds, peak resident bytes (the CLI and its worker)."""
    started = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(AMTSBRIEF + ["parse", str(path), "--format", "jsonl"], stdout=out, stderr=err)
        # wait4 itself (not Popen.wait): it reports the peak resident memory of the process and of the
        # children it waited for, the guarded worker among them
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    seconds = time.monotonic() - started
    peak = usage.ru_maxrss * 1024
    cpu = usage.ru_utime + usage.ru_stime  # of the command and its worker: what the wall time is on an idle machine, about
    clean = process.returncode in (0, 2) and "Traceback" not in text and text.count("\n") <= 1
    code = "parsed" if process.returncode == 0 else (text.split(": ")[-1].strip()[:80] if text else "?")
    return {"file": path.name, "returncode": process.returncode, "clean": clean, "seconds": seconds, "cpu": cpu, "peak": peak,
            "stderr": text.strip()[:300], "code": code}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", metavar="DIR", help="build the kit here and keep it")
    parser.add_argument("--batch", action="store_true", help="also batch over the kit, SIGKILL it, resume it")
    parser.add_argument("--jobs", type=int, default=2, help="cases run side by side, and the batch's workers")
    args = parser.parse_args()
    root = Path(args.keep or tempfile.mkdtemp(prefix="amtsbrief-hostile-"))
    classes = kit()
    rows = []
    for klass, files in classes.items():
        folder = root / klass.split()[0].lower()
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, data in files.items():
            (folder / name).write_bytes(data)
            paths.append(folder / name)
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(args.jobs) as pool:  # cases side by side, each a process of its own
            results = list(pool.map(run_case, paths))
        for name, result in zip(files, results):
            flag = "" if result["clean"] and result["seconds"] < TIME_BUDGET and result["peak"] < MEMORY_BUDGET else "  <-- !"
            print(f"{klass[:22]:22s} {name:34s} {result['seconds']:6.2f}s ({result['cpu']:5.2f}s cpu) {result['peak'] / 2**20:7.0f} MB  "
                  f"{result['returncode']}  {result['stderr'][:110] or 'parsed'}{flag}", flush=True)
        rows.append((klass, results))
    print("\n| class | files | parsed | clean error | traceback | slowest (wall / CPU) | peak memory |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for klass, results in rows:
        parsed = sum(r["returncode"] == 0 for r in results)
        clean = sum(r["clean"] and r["returncode"] == 2 for r in results)
        dirty = sum(not r["clean"] for r in results)
        print(f"| {klass} | {len(results)} | {parsed} | {clean} | {dirty} | {max(r['seconds'] for r in results):.1f} s / "
              f"{max(r['cpu'] for r in results):.1f} s | "
              f"{max(r['peak'] for r in results) / 2**20:.0f} MB |")
    if args.batch:
        batch(root, args.jobs, sum(len(files) for files in classes.values()))


def batch(root: Path, jobs: int, count: int) -> None:
    """Batch over the kit: kill it with SIGKILL after a third of the files, resume, check every file once."""
    out = Path(tempfile.mkdtemp(prefix="amtsbrief-hostile-batch-"))
    command = AMTSBRIEF + ["batch", str(root), "-o", str(out / "run"), "--jobs", str(jobs), "--no-progress"]
    started = time.monotonic()
    process = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def recorded() -> int:
        total = 0
        for name in ("letters.jsonl", "failures.jsonl"):
            try:
                total += sum(1 for _ in open(out / "run" / name, "rb"))
            except FileNotFoundError:
                pass
        return total

    while recorded() < count // 3 and process.poll() is None:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    killed_at = recorded()
    resumed = subprocess.run(command + ["--json"], capture_output=True, text=True)
    seconds = time.monotonic() - started
    summary = json.loads(resumed.stdout)
    letters = [json.loads(line)["source"]["path"] for line in open(out / "run/letters.jsonl", encoding="utf-8")]
    failures = [json.loads(line) for line in open(out / "run/failures.jsonl", encoding="utf-8")]
    paths = letters + [f["path"] for f in failures]
    by_code: dict[str, int] = {}
    for failure in failures:
        by_code[failure["code"]] = by_code.get(failure["code"], 0) + 1
    print(f"\nbatch: killed after {killed_at} of {count} files recorded; resumed: exit {resumed.returncode}, "
          f"{summary['skipped']} skipped, {summary['parsed']} parsed, {summary['failed']} failed, "
          f"{summary['duplicates']} duplicates; {seconds:.0f} s in all")
    print(f"batch: {len(paths)} records, {len(set(paths))} distinct paths; letters {len(letters)}, failures {len(failures)}: "
          + ", ".join(f"{code} {n}" for code, n in sorted(by_code.items())))
    print(resumed.stderr.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
