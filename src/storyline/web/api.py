"""Analysis over HTTP: ``/analyze`` (the form), ``POST /api/analyze`` and ``POST /api/articles``.

The web app holds no analysis code: it reads the input (text, HTML, an uploaded
file or a URL fetched under the server's ``FetchPolicy``) and calls
``storyline.analyze``. Analyses run a few at a time with a short line behind them;
past that the server answers 503 with Retry-After. Storing (``/api/articles``) is
off unless the server was started with ``--allow-ingest``, and then needs the
bearer token from ``STORYLINE_TOKEN``, compared in constant time.
"""

from __future__ import annotations

import asyncio
import hmac
import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from storyline.corpus.ingest import store_record
from storyline.errors import (
    ArgumentError,
    BusyError,
    DisabledError,
    EmptyInputError,
    StorylineError,
    TooLargeError,
    UnauthorizedError,
)
from storyline.ingest.url import fetch
from storyline.models import RawDocument, Record
from storyline.pipeline import analyze
from storyline.web.app import WebConfig, error_response

T = TypeVar("T")
FIELDS = ("text", "html", "url")
BODY_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "text": {"type": "string", "description": "plain text of an article"},
                        "html": {"type": "string", "description": "an article's web page"},
                        "url": {"type": "string", "description": "an http(s) URL to fetch"},
                        "title": {"type": "string"},
                    },
                }
            },
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "title": {"type": "string"},
                    },
                }
            },
        },
    }
}


class Limiter:
    """At most ``running`` analyses at once and ``waiting`` more in line; others are refused."""

    def __init__(self, running: int, waiting: int, retry_after: int) -> None:
        self.slots = asyncio.Semaphore(running)
        self.capacity = running + waiting
        self.admitted = 0
        self.retry_after = retry_after

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        if self.admitted >= self.capacity:
            raise BusyError(
                f"{self.admitted} analyses are running or waiting; try again shortly",
                retry_after=self.retry_after,
            )
        self.admitted += 1
        try:
            async with self.slots:
                return await run_in_threadpool(fn, *args)
        finally:
            self.admitted -= 1


async def read_input(request: Request, config: WebConfig) -> tuple[dict[str, str], bytes | None]:
    """The fields of a JSON or form body, and an uploaded file's bytes (or None)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        try:
            body = json.loads(await request.body())
        except (ValueError, RecursionError):  # RecursionError: nested past Python's stack
            raise ArgumentError("the body is not valid JSON") from None
        if not isinstance(body, dict):
            raise ArgumentError('the body must be a JSON object: {"text"|"html"|"url", "title"?}')
        fields = {k: v for k, v in body.items() if k in (*FIELDS, "title", "token", "store")}
        if not all(isinstance(v, str) for v in fields.values()):
            raise ArgumentError("text, html, url and title must be strings")
        for name, value in fields.items():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:  # JSON's "\ud800": half of a character
                raise ArgumentError(
                    f"{name}: a lone surrogate ({exc.object[exc.start]!a}) is not text"
                ) from None
        return fields, None
    if kind in ("multipart/form-data", "application/x-www-form-urlencoded"):
        async with request.form(max_files=1, max_fields=10) as form:
            fields = {k: v for k, v in form.items() if isinstance(v, str)}
            upload = form.get("file")
            data = None
            if isinstance(upload, UploadFile) and upload.filename:
                data = await upload.read(config.max_upload + 1)
                fields["filename"] = upload.filename
        if data is not None and len(data) > config.max_upload:
            raise TooLargeError(f"the file is over the {config.max_upload:,}-byte limit")
        return fields, data
    raise ArgumentError("send JSON or a multipart form (a file in the field 'file')")


def raw_document(fields: dict[str, str], data: bytes | None, config: WebConfig) -> RawDocument:
    """What to analyse: the uploaded file, else the text or HTML (a URL is fetched later)."""
    title = fields.get("title", "").strip() or None
    if data is not None:
        name = fields.get("filename", "upload")[:200]
        return RawDocument(data=data, source=f"upload:{name}", title=title)
    for name in ("text", "html"):
        value = fields.get(name, "")
        if value.strip():
            encoded = value.encode("utf-8")
            if len(encoded) > config.max_upload:
                raise TooLargeError(f"the {name} is over the {config.max_upload:,}-byte limit")
            kind = "text/html; charset=utf-8" if name == "html" else None
            return RawDocument(encoded, f"<{name}>", kind, encoding="utf-8", title=title)
    raise EmptyInputError("give text, html, a url or a file to analyse")


def _analyze(config: WebConfig, fields: dict[str, str], data: bytes | None) -> Record:
    url = fields.get("url", "").strip()
    if data is None and url and not fields.get("text", "").strip():
        raw = fetch(url, config.settings, config.policy())
        if title := fields.get("title", "").strip():
            raw = replace(raw, title=title)
    else:
        raw = raw_document(fields, data, config)
    return analyze(raw, config.settings)


def check_token(config: WebConfig, given: str | None) -> None:
    """Ingest must be enabled and ``given`` must be the server's token."""
    if not config.allow_ingest or not config.token:
        raise DisabledError("storing articles is off: start the server with --allow-ingest")
    if not given or not hmac.compare_digest(given.encode(), config.token.encode()):
        raise UnauthorizedError("a valid bearer token is needed to store articles")


def bearer(request: Request) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def register(app: FastAPI) -> None:
    config: WebConfig = app.state.config
    templates: Jinja2Templates = app.state.templates
    limiter = Limiter(config.analyses, config.queue, config.retry_after)

    async def analysed(fields: dict[str, str], data: bytes | None) -> Record:
        return await limiter.run(_analyze, config, fields, data)

    @app.post("/api/analyze", summary="Analyse text, HTML, a URL or a file", openapi_extra=BODY_DOC)
    async def api_analyze(request: Request) -> dict[str, Any]:
        fields, data = await read_input(request, config)
        return (await analysed(fields, data)).to_dict()

    @app.post(
        "/api/articles",
        status_code=201,
        responses={200: {"description": "the store already held the article"}},
        summary="Analyse and store an article (needs --allow-ingest and the bearer token)",
        openapi_extra=BODY_DOC,
    )
    async def api_store(request: Request) -> Response:
        try:
            check_token(config, bearer(request))
        except UnauthorizedError as exc:
            response = error_response(request, exc)
            response.headers["WWW-Authenticate"] = "Bearer"
            return response
        fields, data = await read_input(request, config)
        record = await analysed(fields, data)
        raw = _stored_raw(fields, data, record, config)
        stored = await run_in_threadpool(store_record, config.db, raw, record, config.settings)
        # 201 when the store gained a row (an article, or a copy logged); 200 when it held it.
        status = 200 if stored["outcome"] == "already" else 201
        return JSONResponse({**stored, "page": f"/articles/{stored['id']}"}, status_code=status)

    def form(request: Request, status: int = 200, **context: Any) -> Response:
        context = {"nav": {}, "ingest": config.allow_ingest, "fields": {}, **context}
        return templates.TemplateResponse(request, "analyze.html", context, status)

    @app.get("/analyze", response_class=HTMLResponse, include_in_schema=False)
    async def analyze_form(request: Request) -> Response:
        return form(request)

    @app.post("/analyze", response_class=HTMLResponse, include_in_schema=False)
    async def analyze_page(request: Request) -> Response:
        fields: dict[str, str] = {}
        try:
            fields, data = await read_input(request, config)
            if fields.get("store"):
                check_token(config, fields.get("token"))
            record = await analysed(fields, data)
            stored = None
            if fields.get("store"):
                raw = _stored_raw(fields, data, record, config)
                stored = await run_in_threadpool(
                    store_record, config.db, raw, record, config.settings
                )
        except StorylineError as exc:
            response = form(request, exc.http_status, error=exc.to_dict(), fields=fields)
            if isinstance(exc, BusyError):
                response.headers["Retry-After"] = str(exc.retry_after)
            return response
        view = {"record": record.to_dict(), "entity_ids": {}, "stored": stored}
        return templates.TemplateResponse(request, "analyzed.html", {"data": view, "nav": {}})


def _stored_raw(
    fields: dict[str, str], data: bytes | None, record: Record, config: WebConfig
) -> RawDocument:
    """The document a stored record is keyed by: the input itself, or the fetched text."""
    if data is not None or not fields.get("url", "").strip() or fields.get("text", "").strip():
        return raw_document(fields, data, config)
    return RawDocument(record.text.encode("utf-8"), fields["url"].strip())
