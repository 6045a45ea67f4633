"""The HTTP service: parse over HTTP, browse the store, draw pages, research figures, the web page.

One FastAPI app, built by :func:`create_app` from a :class:`Settings`. Parsing and drawing run in a
process pool (:mod:`amtsbrief.serve.work`), so one slow scan does not stall the store's listing; the
store is read with one short-lived connection per request, as SQLite in WAL mode lets readers run
beside a writing batch.
"""

from __future__ import annotations

import asyncio
import io
import json
import multiprocessing
import sqlite3
import threading
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.requests import Request as StarletteRequest

from amtsbrief import __version__ as VERSION
from amtsbrief.config import DEFAULT_CONFIG
from amtsbrief.schema import Letter
from amtsbrief.serve import research
from amtsbrief.serve.work import Failure, Parsed, draw_page, parse_upload, warm_up, zones_of

# The error codes of amtsbrief.errors as HTTP statuses. Anything not named is the input's fault
# too (a broken PDF, a refused XML entity …), hence 422; a missing optional tool is the server's.
STATUS_BY_CODE = {
    "too-large": 413,
    # The limits of ParserConfig beyond bytes: too many pages or pixels, a stream inflating too far.
    "limit-pages": 413,
    "limit-pixels": 413,
    "limit-decompressed": 413,
    "limit-parts": 413,
    "decoding": 415,
    "unsupported": 415,
    "empty": 422,
    "not-a-letter": 422,
    "dependency": 503,
    "busy": 503,
}
UNPROCESSABLE = 422
# Room for a multipart envelope around a file of the full size limit.
MULTIPART_SLACK = 64 * 1024
KINDS = ("answer", "inquiry", "notice", "letter")


@dataclass(frozen=True)
class Settings:
    """How the service runs: which store, how many parser processes, how much one upload may hold."""

    db: str = "archive.sqlite"
    jobs: int = 2
    max_bytes: int = DEFAULT_CONFIG.max_bytes
    backend: str = "auto"
    cache_bytes: int = 256 * 1024 * 1024
    root_path: str = ""


class UploadCache:
    """The last uploads' bytes and drawing data, so their pages can be drawn without parsing again.

    Bounded by total bytes (oldest dropped first); thread-safe, as sync endpoints run in threads.
    """

    def __init__(self, limit: int):
        self.limit = limit
        self._items: OrderedDict[str, tuple[bytes, Parsed, str]] = OrderedDict()
        self._pngs: OrderedDict[tuple, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def put(self, sha256: str, data: bytes, parsed: Parsed, letter_json: str) -> None:
        with self._lock:
            if sha256 in self._items:
                self._items.move_to_end(sha256)
                return
            self._items[sha256] = (data, parsed, letter_json)
            self._size += len(data) + len(letter_json)
            while self._size > self.limit and len(self._items) > 1:
                _, (old_data, _, old_json) = self._items.popitem(last=False)
                self._size -= len(old_data) + len(old_json)

    def get(self, sha256: str) -> tuple[bytes, Parsed, str] | None:
        with self._lock:
            item = self._items.get(sha256)
            if item is not None:
                self._items.move_to_end(sha256)
            return item

    def png(self, key: tuple) -> bytes | None:
        with self._lock:
            return self._pngs.get(key)

    def put_png(self, key: tuple, png: bytes) -> None:
        with self._lock:
            self._pngs[key] = png
            while len(self._pngs) > 64:
                self._pngs.popitem(last=False)


class Pool:
    """A process pool that is rebuilt when a worker dies (a file that kills the parser must not kill the service)."""

    def __init__(self, jobs: int, max_waiting: int | None = None):
        self.jobs = max(1, jobs)
        # Beyond this many tasks in the pool a request is refused (503) rather than queued without end.
        self.max_waiting = max_waiting if max_waiting is not None else 64 * self.jobs
        self._waiting = 0
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None

    def _current(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                # spawn, not fork: forking a process that runs an event loop and threads is unsafe.
                self._executor = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("spawn"),
                                                     initializer=warm_up)
            return self._executor

    async def run(self, function, *args):
        with self._lock:
            if self._waiting >= self.max_waiting:
                return Failure("busy", "Busy", f"{self._waiting} letters are being read already; try again shortly")
            self._waiting += 1
        try:
            return await self._run(function, *args)
        finally:
            with self._lock:
                self._waiting -= 1

    async def _run(self, function, *args):
        executor = self._current()
        try:
            return await asyncio.get_running_loop().run_in_executor(executor, function, *args)
        except BrokenProcessPool:
            with self._lock:
                if self._executor is executor:
                    self._executor = None
            executor.shutdown(wait=False, cancel_futures=True)
            return Failure("crashed", "BrokenProcessPool", "the parser process stopped while reading this input")

    def start(self) -> None:
        """Start every worker now and wait until each has loaded the parser's models.

        Workers are otherwise spawned on demand, and a request that meets a new one waits for its
        start-up (seconds, on a busy machine); one task per worker makes the pool spawn them all.
        """
        executor = self._current()
        for future in [executor.submit(abs, 0) for _ in range(self.jobs)]:
            future.result()

    def shutdown(self) -> None:
        with self._lock:
            if self._executor is not None:
                self._executor.shutdown(wait=True, cancel_futures=True)
                self._executor = None


def _error(failure: Failure) -> JSONResponse:
    status = STATUS_BY_CODE.get(failure.code, UNPROCESSABLE)
    headers = {"Retry-After": "5"} if failure.code == "busy" else None
    return JSONResponse({"code": failure.code, "error": failure.error, "message": failure.message}, status_code=status,
                        headers=headers)


def _too_large(size: int | str, limit: int) -> JSONResponse:
    return _error(Failure("too-large", "TooLargeError", f"upload: {size} bytes is more than the limit of {limit}"))


async def _read_limited(request: Request, limit: int) -> bytes | None:
    """The request body, or ``None`` as soon as it grows past ``limit`` (never read whole first)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


# Suffixes for a raw body without a file name, so detection by suffix has something to go on.
SUFFIX_BY_TYPE = {"message/rfc822": ".eml", "application/pdf": ".pdf", "text/plain": ".txt", "application/xml": ".xml",
                  "text/xml": ".xml", "image/png": ".png", "image/tiff": ".tiff", "image/jpeg": ".jpg"}


async def _upload(request: Request, limit: int, filename: str | None) -> tuple[bytes, str] | JSONResponse:
    """The uploaded file's bytes and name, from a multipart form (field ``file``) or the raw body."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    multipart = content_type == "multipart/form-data"
    body = await _read_limited(request, limit + (MULTIPART_SLACK if multipart else 0))
    if body is None:
        return _too_large(request.headers.get("content-length") or f"more than {limit}", limit)
    if not multipart:
        name = filename or "upload" + SUFFIX_BY_TYPE.get(content_type, "")
        return body, name[:300]

    async def replay():
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        form = await StarletteRequest(request.scope, replay).form(max_files=1, max_fields=10)
    except Exception as error:  # python-multipart's and Starlette's parse errors have no common base
        return _error(Failure("input", "InputError", f"upload: not a readable multipart form ({error})"))
    upload = form.get("file")
    if upload is None or isinstance(upload, str):
        return _error(Failure("input", "InputError", "upload: the form has no file field named 'file'"))
    data = await upload.read()
    await form.close()
    if len(data) > limit:
        return _too_large(len(data), limit)
    return data, (filename or upload.filename or "upload")[:300]


class Archive:
    """Read access to the store: the store's own search, plus the few lookups the service adds."""

    def __init__(self, path: str):
        self.path = path

    def open_store(self):
        from amtsbrief.store import Store

        return Store(self.path)

    def search(self, query=None, **filters) -> list:
        with self.open_store() as store:
            return store.search(query, **filters)

    def letter_json(self, sha256: str) -> str | None:
        # A lookup by hash is not among the store's public functions; a plain read-only query does it.
        with sqlite3.connect(f"file:{self.path}?mode=ro", uri=True) as db:
            row = db.execute("SELECT json FROM letters WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def count(self) -> int:
        with self.open_store() as store:
            return store.count()

    def add(self, letter_json: str) -> bool:
        with self.open_store() as store:
            return store.add(Letter.model_validate_json(letter_json))


def _hit(hit) -> dict:
    return {"sha256": hit.sha256, "path": hit.path, "date": hit.date, "kind": hit.kind, "sender": hit.sender,
            "subject": hit.subject, "snippet": hit.snippet}


def _read_source(path: Path, sha256: str, limit: int) -> bytes | None:
    """The file's bytes if it is there, within the limit and still the file whose hash was stored."""
    import hashlib

    try:
        if not path.is_file() or path.stat().st_size > limit:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == sha256 else None


def static_dir() -> Path:
    return Path(str(resources.files("amtsbrief.serve") / "static"))


def create_app(settings: Settings = Settings()) -> FastAPI:
    """The service over ``settings.db`` (created empty when missing)."""
    pool = Pool(settings.jobs)
    cache = UploadCache(settings.cache_bytes)
    archive = Archive(settings.db)
    archive.count()  # opens (creating or upgrading) the store now, so a bad --db fails at start, not per request
    png_lock = threading.Lock()

    @asynccontextmanager
    async def lifespan(_app):
        await asyncio.to_thread(pool.start)
        yield
        await asyncio.to_thread(pool.shutdown)

    swagger_assets = _swagger_assets()
    app = FastAPI(title="amtsbrief", version=VERSION, lifespan=lifespan, docs_url=None if swagger_assets else "/docs",
                  description="Read German administrative letters into the amtsbrief JSON contract; browse and "
                              "search a store of them. The web page is at `/`.")
    app.state.settings = settings

    # -- parsing ---------------------------------------------------------------------------------

    @app.post("/parse", summary="Parse one letter (multipart field 'file', or the raw body)", response_model=Letter,
              openapi_extra={"requestBody": {"required": True, "content": {
                  "multipart/form-data": {"schema": {"type": "object", "required": ["file"],
                                                     "properties": {"file": {"type": "string", "format": "binary"}}}},
                  "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}},
              responses={413: {"description": "larger than the upload limit"},
                         415: {"description": "not a kind of file a letter comes in"},
                         422: {"description": "read, but no letter"}})
    async def parse(request: Request, format: Literal["json", "jsonl", "summary"] = "json",
                    filename: str | None = Query(None, description="the file's name when the body is raw"),
                    store: bool = Query(False, description="also add the letter to the store")):
        upload = await _upload(request, settings.max_bytes, filename)
        if isinstance(upload, Response):
            return upload
        data, name = upload
        parsed = await pool.run(parse_upload, data, name, settings.max_bytes, settings.backend)
        if isinstance(parsed, Failure):
            return _error(parsed)
        letter = json.loads(parsed.letter_json)
        cache.put(letter["source"]["sha256"], data, parsed, parsed.letter_json)
        if store:
            await asyncio.to_thread(archive.add, parsed.letter_json)
        if format == "jsonl":
            return Response(parsed.letter_json + "\n", media_type="application/x-ndjson")
        if format == "summary":
            from amtsbrief.commands.parse import summary

            return PlainTextResponse(summary(Letter.model_validate_json(parsed.letter_json), name) + "\n")
        # The very text `amtsbrief parse FILE` prints, so a script may swap the CLI for the service.
        return Response(json.dumps(letter, ensure_ascii=False, indent=2) + "\n", media_type="application/json")

    # -- the store -------------------------------------------------------------------------------

    def _filters(sender, kind, since, until) -> dict:
        return {"sender": sender or None, "kind": kind or None, "since": since or None, "until": until or None}

    @app.get("/letters", summary="List the store's letters (newest first), with the filters of `amtsbrief search`")
    def letters(q: str | None = None, sender: str | None = None, kind: Literal[KINDS] | None = None,
                since: str | None = Query(None, description="YYYY-MM-DD"), until: str | None = Query(None, description="YYYY-MM-DD"),
                limit: int = Query(50, ge=0, le=10000, description="0 for all")):
        hits = archive.search(q or None, **_filters(sender, kind, since, until), limit=limit or None)
        return {"count": len(hits), "letters": [_hit(hit) for hit in hits]}

    @app.get("/search", summary="Full-text search over subject, questions and answers (FTS5 syntax)")
    def search(q: str, sender: str | None = None, kind: Literal[KINDS] | None = None, since: str | None = None,
               until: str | None = None, limit: int = Query(20, ge=0, le=10000)):
        hits = archive.search(q, **_filters(sender, kind, since, until), limit=limit or None)
        return {"count": len(hits), "letters": [_hit(hit) for hit in hits]}

    @app.get("/letters/{sha256}", summary="One stored letter (the contract's JSON)")
    def letter(sha256: str):
        found = archive.letter_json(sha256)
        if found is None:
            raise HTTPException(404, f"no letter with source hash {sha256} in the store")
        return Response(found, media_type="application/json")

    @app.get("/letters/{sha256}/pages/{number}.png", summary="A page with zones and fields drawn, as `amtsbrief show` draws it",
             response_class=Response, responses={200: {"content": {"image/png": {}}}})
    async def page(sha256: str, number: int, fields: bool = True):
        key = (sha256, number, fields)
        png = cache.png(key)
        if png is None:
            source = cache.get(sha256) or await _stored_source(sha256)
            data, parsed, letter_json = source
            if not parsed.page_sizes:
                raise HTTPException(404, "this letter is text or e-mail: it has no pages, its text is in source.text")
            if not 1 <= number <= len(parsed.page_sizes):
                raise HTTPException(404, f"the letter has {len(parsed.page_sizes)} page(s), not page {number}")
            png = await pool.run(draw_page, data, parsed, letter_json, number, fields)
            if isinstance(png, Failure):
                return _error(png)
            cache.put_png(key, png)
        return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})

    async def _stored_source(sha256: str) -> tuple[bytes, Parsed, str]:
        """A stored letter's source, read again from ``source.path`` when the file is still there unchanged."""
        letter_json = await asyncio.to_thread(archive.letter_json, sha256)
        if letter_json is None:
            raise HTTPException(404, f"no letter with source hash {sha256} (uploads are kept only for a while)")
        source = json.loads(letter_json).get("source", {})
        if source.get("media_type") in ("text/plain", "message/rfc822") or not source.get("pages"):
            raise HTTPException(404, "this letter is text or e-mail: it has no pages, its text is in source.text")
        data = await asyncio.to_thread(_read_source, Path(source.get("path") or ""), sha256, settings.max_bytes)
        if data is None:
            raise HTTPException(404, f"the source file {source.get('path')} is no longer there as it was parsed")
        parsed = await pool.run(zones_of, data, source.get("path"), source["media_type"], settings.backend)
        if isinstance(parsed, Failure):
            raise HTTPException(STATUS_BY_CODE.get(parsed.code, UNPROCESSABLE), parsed.message)
        cache.put(sha256, data, parsed, letter_json)
        return data, parsed, letter_json

    # -- research --------------------------------------------------------------------------------

    def _selection(q, sender, kind, since, until) -> list[dict]:
        hits = archive.search(q or None, **_filters(sender, kind, since, until), limit=None)
        return [json.loads(hit.letter_json) for hit in hits]

    @app.get("/research", summary="Answer latency per authority, letters and inquiries per month, who asks whom, questions per inquiry")
    def research_figures(q: str | None = None, sender: str | None = None, kind: Literal[KINDS] | None = None,
                         since: str | None = None, until: str | None = None):
        return research.summary(_selection(q, sender, kind, since, until))

    @app.get("/research/{chart}.png", summary="A research chart: latency or months",
             response_class=Response, responses={200: {"content": {"image/png": {}}}})
    def research_chart(chart: Literal["latency", "months"], q: str | None = None, sender: str | None = None,
                       kind: Literal[KINDS] | None = None, since: str | None = None, until: str | None = None):
        letters = _selection(q, sender, kind, since, until)
        with png_lock:  # matplotlib's state is not thread-safe
            if chart == "latency":
                png = research.latency_chart(research.latency_by_authority(letters))
            else:
                png = research.month_chart(research.per_month(letters))
        return Response(png, media_type="image/png")

    @app.get("/export", summary="The selection in one of the export formats (jsonl, csv, qa-csv, tei, oparl)")
    def export(format: Literal["jsonl", "csv", "qa-csv", "tei", "oparl"] = "csv", q: str | None = None,
               sender: str | None = None, kind: Literal[KINDS] | None = None, since: str | None = None,
               until: str | None = None):
        from amtsbrief.export import export as write

        hits = archive.search(q or None, **_filters(sender, kind, since, until), limit=None)
        buffer = io.StringIO()
        write((Letter.model_validate_json(hit.letter_json) for hit in hits), format, buffer)
        suffix, media = {"jsonl": ("jsonl", "application/x-ndjson"), "csv": ("csv", "text/csv"), "qa-csv": ("qa.csv", "text/csv"),
                         "tei": ("tei.xml", "application/tei+xml"), "oparl": ("oparl.json", "application/json")}[format]
        return Response(buffer.getvalue(), media_type=f"{media}; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="amtsbrief-selection.{suffix}"'})

    # -- health and the page ---------------------------------------------------------------------

    @app.get("/healthz", summary="Health check: the store answers")
    def healthz():
        try:
            count = archive.count()
        except Exception as error:  # the check exists to report any failure, whatever its kind
            return JSONResponse({"status": "error", "message": str(error)}, status_code=503)
        return {"status": "ok", "version": VERSION, "letters": count, "jobs": pool.jobs, "max_bytes": settings.max_bytes}

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(static_dir() / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    if swagger_assets:
        # FastAPI's /docs loads Swagger UI from a CDN; these are the same files from a PyPI package, served here.
        from fastapi.openapi.docs import get_swagger_ui_html

        @app.get("/docs", include_in_schema=False)
        def docs(request: Request):
            return get_swagger_ui_html(openapi_url=request.scope.get("root_path", "") + app.openapi_url,
                                       title="amtsbrief API", swagger_js_url="docs-assets/swagger-ui-bundle.js",
                                       swagger_css_url="docs-assets/swagger-ui.css", swagger_favicon_url="docs-assets/favicon-32x32.png")

        app.mount("/docs-assets", StaticFiles(directory=swagger_assets), name="docs-assets")
    return app


def _swagger_assets() -> Path | None:
    """Swagger UI's files as the ``swagger-ui-py`` package ships them, or ``None`` without it."""
    try:
        import swagger_ui
    except ImportError:
        return None
    folder = Path(swagger_ui.__file__).parent / "static"
    return folder if (folder / "swagger-ui-bundle.js").is_file() else None
