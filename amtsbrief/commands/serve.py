"""``amtsbrief serve [--db archive.sqlite] [--host 127.0.0.1] [--port 8000] [--jobs N]``: the HTTP service."""

from __future__ import annotations

import argparse
import os

from amtsbrief.config import DEFAULT_CONFIG
from amtsbrief.errors import DependencyError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve the parser, the store and the web page over HTTP",
        description="Parse over HTTP (POST /parse), browse and search a store, see what was read where. "
        "The web page is at /, the API's documentation at /docs.",
    )
    parser.add_argument("--db", default="archive.sqlite", metavar="ARCHIVE", help="the SQLite store (created when missing; default archive.sqlite)")
    # Loopback by default: the service has no authentication, so exposing it is a deliberate act.
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1), metavar="N", help="parser processes (default: cores, at most 4)")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_CONFIG.max_bytes, metavar="BYTES",
                        help=f"largest upload accepted, larger gets 413 (default {DEFAULT_CONFIG.max_bytes}, as `parse`)")
    parser.add_argument("--root-path", default="", metavar="PREFIX", help="URL prefix a reverse proxy serves this under, e.g. /amtsbrief")
    parser.add_argument("--backend", choices=("auto", "pdfium", "pdfplumber"), default="auto", help="PDF reader")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from amtsbrief.serve.app import Settings, create_app
    except ImportError as error:
        raise DependencyError(None, f"the service needs the serve extra ({error.name} is missing): pip install 'amtsbrief[serve]'") from None
    settings = Settings(db=args.db, jobs=args.jobs, max_bytes=args.max_bytes, backend=args.backend, root_path=args.root_path)
    app = create_app(settings)
    uvicorn.run(app, host=args.host, port=args.port, root_path=args.root_path, log_level="info",
                proxy_headers=True, forwarded_allow_ips="127.0.0.1")
    return 0
