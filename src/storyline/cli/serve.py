"""``storyline serve``: the web app and HTTP API over a store, under uvicorn."""

from __future__ import annotations

import argparse
import os
from typing import Any

from storyline.cli.common import Parents, db
from storyline.errors import ConfigError
from storyline.settings import Settings

TOKEN_ENV = "STORYLINE_TOKEN"


def register(sub: Any, parents: Parents) -> None:
    p = sub.add_parser(
        "serve", parents=[parents.store], help="the web app and HTTP API over a store"
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--allow-ingest",
        action="store_true",
        help=f"let POST /api/articles store articles (needs the token in {TOKEN_ENV})",
    )
    p.add_argument(
        "--allow-private-fetch",
        action="store_true",
        help="let /analyze fetch loopback, private and link-local addresses",
    )
    p.add_argument("--analyses", type=int, default=2, help="analyses run at once (default 2)")
    p.add_argument("--queue", type=int, default=8, help="analyses waiting before a 503 (default 8)")
    p.add_argument(
        "--max-upload", type=int, default=5_000_000, help="largest request body in bytes"
    )
    p.set_defaults(run=serve)


def serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from storyline.web import WebConfig, create_app

    token = os.environ.get(TOKEN_ENV) or None
    if args.allow_ingest and not token:
        raise ConfigError(f"--allow-ingest needs a token in the {TOKEN_ENV} environment variable")
    if args.analyses < 1 or args.queue < 0 or args.max_upload < 1:
        raise ConfigError("--analyses and --max-upload must be positive, --queue not negative")
    config = WebConfig(
        db=db(args, settings),
        settings=settings,
        allow_ingest=args.allow_ingest,
        token=token,
        allow_private_fetch=args.allow_private_fetch,
        analyses=args.analyses,
        queue=args.queue,
        max_upload=args.max_upload,
    )
    app = create_app(config)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
    return 0
