"""The ASGI app: configuration, the store connections, safety headers, limits and errors.

``create_app(config)`` builds a FastAPI app whose pages (``pages``) and API
(``api``) read the store through read-only connections, one per worker thread.
Every response carries a Content Security Policy that allows no inline script and
nothing from another origin; request bodies over the upload limit are refused
before they are read; every error answers ``{"error": {"type", "message",
"status"}}`` (or an error page), never a stack trace.
"""

from __future__ import annotations

import logging
import re
import threading
import urllib.parse
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, MutableMapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from storyline import __version__
from storyline.corpus.store import Store, open_store
from storyline.errors import (
    ArgumentError,
    BusyError,
    NotFoundError,
    StoreError,
    StorylineError,
    TooLargeError,
)
from storyline.ingest.url import FetchPolicy
from storyline.settings import Settings

HERE = Path(__file__).parent
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
        " form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
log = logging.getLogger("storyline.web")
# C0 controls but tab and line ends, DEL, and C1 controls as UTF-8 writes them.
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class WebConfig:
    """How the server runs; ``storyline serve`` builds it from its flags."""

    db: str
    settings: Settings = field(default_factory=Settings)
    allow_ingest: bool = False
    token: str | None = None  # STORYLINE_TOKEN: the bearer token ingest needs
    allow_private_fetch: bool = False
    analyses: int = 2  # analyses run at once
    queue: int = 8  # analyses waiting for a turn before the server answers 503
    retry_after: int = 5  # seconds a client is told to wait when busy
    max_upload: int = 5_000_000  # bytes of a request body
    fetch: FetchPolicy | None = None  # resolver and transport for URLs (tests inject them)

    def policy(self) -> FetchPolicy:
        if self.fetch is not None:
            return self.fetch
        return FetchPolicy(allow_private=self.allow_private_fetch)


class Stores:
    """One read-only store connection per worker thread, closed when the app stops."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.local = threading.local()
        self.opened: list[Store] = []
        self.lock = threading.Lock()

    def get(self) -> Store:
        store: Store | None = getattr(self.local, "store", None)
        if store is None:
            store = open_store(self.target, "read")
            self.local.store = store
            with self.lock:
                self.opened.append(store)
        return store

    def close(self) -> None:
        with self.lock:
            for store in self.opened:
                try:
                    store.close()
                except Exception:  # a connection of a finished thread; nothing to keep
                    log.debug("closing a store connection failed", exc_info=True)
            self.opened.clear()


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.endswith((".json", ".csv")) or path.startswith("/api/")


class BodyLimit:
    """Refuse a request body over ``limit`` bytes: by its Content-Length, or as it arrives."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > self.limit:
            error = TooLargeError(f"the request body is over the {self.limit:,}-byte limit")
            await _raw_error(error, scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise TooLargeError(f"the request body is over the {self.limit:,}-byte limit")
            return message

        await self.app(scope, counted, send)


class Head:
    """Answer HEAD as GET without its body: every page and JSON twin can be checked by
    monitors and link checkers. (FastAPI routes answer only the methods they name.)"""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


class PlainQuery:
    """Refuse a query string holding control characters other than whitespace (``%00``
    and the like): no stored text holds them, and a NUL would cut a database query short."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            query = urllib.parse.unquote_to_bytes(scope["query_string"].replace(b"+", b" "))
            if CONTROL_BYTES.search(query):
                error = ArgumentError("the query string holds a control character")
                await _raw_error(error, scope, receive, send)
                return
        await self.app(scope, receive, send)


class SafetyHeaders:
    """Add the Content Security Policy and the other safety headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [
                    (name.lower().encode(), value.encode())
                    for name, value in HEADERS.items()
                    if name.lower().encode() not in present
                ]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _kind_of(error: StorylineError, message: str) -> StorylineError:
    """An error of the same type and status as ``error``, with another message."""
    other = StorylineError(message)
    other.type, other.http_status = error.type, error.http_status
    return other


async def _raw_error(error: StorylineError, scope: Scope, receive: Receive, send: Send) -> None:
    response = JSONResponse({"error": error.to_dict()}, error.http_status, headers=HEADERS)
    await response(scope, receive, send)


def error_response(
    request: Request,
    error: StorylineError,
    extra: Mapping[str, str] | None = None,
    nav: Mapping[str, bool] | None = None,
) -> Response:
    headers = {**HEADERS, **(extra or {})}
    if isinstance(error, StoreError) and error.http_status >= 500:
        # The message names the store's file or database: the log keeps it, not the answer.
        log.error("store error on %s: %s", request.url.path, error)
        error = _kind_of(error, "the store could not answer; the server's log has the details")
    if isinstance(error, BusyError):
        headers["Retry-After"] = str(error.retry_after)
    if wants_json(request):
        return JSONResponse({"error": error.to_dict()}, error.http_status, headers=headers)
    templates: Jinja2Templates = request.app.state.templates
    context = {"error": error.to_dict(), "nav": nav or {}}
    return templates.TemplateResponse(
        request, "error.html", context, error.http_status, headers=headers
    )


async def error_page(
    request: Request, error: StorylineError, extra: Mapping[str, str] | None = None
) -> Response:
    """``error_response``, with the sections of the site on an error page for people: read
    from the store in a worker thread, as every page is, and only when the store did not
    fail (a store that hangs must not hold the server's event loop)."""
    nav = None
    if not wants_json(request) and error.http_status < 500:
        stores: Stores = request.app.state.stores
        try:
            nav = {"stories": await run_in_threadpool(lambda: stores.get().has_stories())}
        except StorylineError:
            nav = None
    return error_response(request, error, extra, nav)


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(StorylineError)
    async def storyline_error(request: Request, exc: StorylineError) -> Response:
        return await error_page(request, exc)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ())[1:]) or "request"
        error = ArgumentError(f"{where}: {first.get('msg', 'invalid')}")
        return await error_page(request, error)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 404:
            return await error_page(request, NotFoundError(f"no page at {request.url.path}"))
        error = StorylineError(str(exc.detail))
        error.http_status = exc.status_code
        error.type = "http"
        return await error_page(request, error, exc.headers)  # a 405 says what is Allowed

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:
        log.error("unexpected error on %s", request.url.path, exc_info=exc)
        return error_response(request, StorylineError("internal error"))


ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["type", "message", "status"],
            "properties": {
                "type": {"type": "string", "description": "the error's kind, as in errors.py"},
                "message": {"type": "string"},
                "status": {"type": "integer"},
            },
        }
    },
}
# The error answers each kind of route gives, with what they mean.
READ_ERRORS = {
    "400": "a parameter is out of range or not of its kind",
    "500": "the store failed to answer",
    "503": "the store is unavailable",
}
ANALYSIS_ERRORS = {
    "400": "no input, or an input that is not text",
    "413": "the body or the text is over the limit",
    "422": "no article text in the input, or its analysis ran out of time",
    "502": "the URL could not be fetched",
    "503": "busy: too many analyses running or waiting (see Retry-After)",
}


def _openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """The app's OpenAPI document with the error answers the server really gives, in
    its one shape, in place of FastAPI's default validation answer (422 with ``detail``)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = generate()
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        for name in ("HTTPValidationError", "ValidationError"):
            schema["components"]["schemas"].pop(name, None)
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for path, methods in schema["paths"].items():
            for method, operation in methods.items():
                answers = operation.setdefault("responses", {})
                answers.pop("422", None)
                errors = dict(READ_ERRORS) if method == "get" else dict(ANALYSIS_ERRORS)
                if "{" in path:
                    errors["404"] = "nothing has this id"
                if path == "/api/articles":
                    errors |= {
                        "401": "no bearer token, or not the server's",
                        "403": "storing is off (the server was started without --allow-ingest)",
                        "500": "the store failed to write the article",
                        "503": f"{errors['503']}; or the store is unavailable",
                    }
                for status, meaning in sorted(errors.items()):
                    answers[status] = {"description": meaning, "content": error}
        app.openapi_schema = schema
        return schema

    return openapi


def create_app(config: WebConfig) -> FastAPI:
    """The web app over the store at ``config.db``; the store must exist."""
    from storyline.web import api, pages

    open_store(config.db, "read").close()  # refuse a missing store now, not at the first page
    stores = Stores(config.db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close()

    app = FastAPI(
        title="storyline",
        version=__version__,
        description="A corpus of analysed news articles: every page's JSON twin, and analysis.",
        docs_url=None,  # the interactive docs need inline script and a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.config = config
    app.state.stores = stores
    # Autoescape everything: article text and user input are never marked safe.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.Undefined,
    )
    app.state.templates = Jinja2Templates(env=env)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    _install_errors(app)
    pages.register(app)
    api.register(app)
    app.openapi = _openapi(app)  # type: ignore[method-assign]
    app.add_middleware(BodyLimit, limit=config.max_upload)
    app.add_middleware(PlainQuery)
    app.add_middleware(Head)
    app.add_middleware(SafetyHeaders)
    return app
