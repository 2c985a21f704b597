"""The web app: pages, the JSON API, local assets, errors as pages or JSON, and the limits
that keep a local server safe (request size, a strict Content-Security-Policy)."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.middleware.trustedhost import TrustedHostMiddleware
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from spacy.language import Language
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..entities.countries import country_name
from ..errors import QueryError, SaidwhoError
from . import api, pages
from .services import Analyzer, StoreReader, UploadTooLarge, WebConfig, WebError

log = logging.getLogger(__name__)
HERE = Path(__file__).parent

# No inline script or style anywhere: even text that escaped escaping could not run.
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; img-src 'self' data:; object-src 'none';"
                               " base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """The analysis processes start with the server (loading their pipelines while it
    starts) and stop with it."""
    app.state.analyzer.start()
    try:
        yield
    finally:
        app.state.analyzer.close()


def create_app(config: WebConfig) -> FastAPI:
    app = FastAPI(title="saidwho", version=__version__, docs_url=None, redoc_url=None,
                  lifespan=lifespan,
                  description="Who said what, on whose word: the data behind every page.",
                  # a pasted text is one form field: let it be as large as an upload (the
                  # size checks that name the limit are BodyLimit's and the analyzer's)
                  form_limits={"max_part_size": config.max_upload + BodyLimit.SLACK},
                  # no OpenTelemetry spans, metrics or logs, and no exporter set up from the
                  # environment: a local tool sends nothing anywhere
                  telemetry={"tracing": False, "metrics": False, "logs": False,
                             "operation_spans": False, "auto_configure": False})
    # what routes get through FastAPI dependencies (services.settings, reader, analyzer)
    app.state.settings = config
    app.state.reader = StoreReader(config.db)
    app.state.analyzer = Analyzer(config.loader, config.max_upload, config.analyzers,
                                  config.analyze_timeout, config.analyze_queue)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["country"] = lambda code: f"{country_name(code)} ({code})"
    app.state.templates = Jinja2Templates(env=env)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _handle_errors(app)

    app.add_middleware(GZipMiddleware, minimum_size=2000)  # the map page is ~1.6 MB raw
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(config.allowed_hosts))
    app.add_middleware(BodyLimit, limit=config.max_upload)
    app.add_middleware(SecurityHeaders)
    return app


SETTINGS_VARIABLE = "SAIDWHO_SERVE"


def app_from_environment() -> FastAPI:
    """The app of one worker process when ``saidwho serve --workers N`` runs several: the
    settings come as JSON in $SAIDWHO_SERVE. Each worker starts its own analysis processes,
    or, with none, loads its own pipeline."""
    from ..extract import load_language
    from ..processes import exit_with_parent

    exit_with_parent()  # a server killed with -9 must not leave workers on its port
    settings = json.loads(os.environ[SETTINGS_VARIABLE])
    loader = partial(load_language, settings["model"], settings["engine"])
    if not settings["analyzers"]:  # analyses in this process: its pipeline, loaded now
        loader = partial(_loaded, loader(), loader)
    return create_app(WebConfig(Path(settings["db"]), loader, settings["max_upload"],
                                tuple(settings["allowed_hosts"]), settings["analyzers"],
                                settings["analyze_timeout"], settings["analyze_queue"]))


def _loaded(nlp: Language, load: Callable[..., Language], lang: str = "en") -> Language:
    """The English pipeline loaded already; another language's loaded when asked."""
    return nlp if lang == "en" else load(lang)


def _handle_errors(app: FastAPI) -> None:
    def reply(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api"):
            return JSONResponse({"error": message}, status_code=status)
        page = request.app.state.templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message}, status_code=status)
        return page  # type: ignore[no-any-return]

    @app.exception_handler(SaidwhoError)
    async def saidwho_error(request: Request, exc: SaidwhoError) -> Response:
        # the web's own errors carry their status (NotFound 404, UploadTooLarge 413,
        # StoreMissing 503); a search that cannot run as typed (a raw query the index
        # refuses, a date that is not a date) is 422, like a parameter FastAPI refuses;
        # the library's other errors (a bad statement file) are the request's fault: 400.
        # Anything else is a bug: a logged 500 below.
        status = exc.status if isinstance(exc, WebError) else 422 if isinstance(
            exc, QueryError) else 400
        response = reply(request, status, str(exc))
        if isinstance(exc, WebError):
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return reply(request, exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("%s %s failed", request.method, request.url.path)
        return reply(request, 500, f"internal error ({type(exc).__name__}); the server log "
                     "has the details")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                             for e in exc.errors())
        return reply(request, 422, problems)


class SecurityHeaders:
    """The security headers on every response (a plain ASGI middleware: the decorator
    kind runs every request through an extra task and stream)."""

    HEADERS = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes (plus room for form framing) with 413,
    whether announced by Content-Length or streamed in chunks."""

    SLACK = 64 * 1024

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit + self.SLACK

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")  # bytes: isdigit is ASCII
        if length is not None and length.isdigit() and int(length) > self.limit:
            await self._refuse(scope, send, int(length))
            return
        seen = 0
        over = False
        answered = False

        async def counted() -> Message:
            nonlocal seen, over
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                # the form parser turns any error while reading into its own 400: note
                # the reason, and answer 413 in place of whatever the app answers
                over = True
                raise UploadTooLarge(f"request body over the limit of {self.limit:,} bytes")
            return message

        async def answer(message: Message) -> None:
            nonlocal answered
            if not over:
                await send(message)
            elif not answered:
                answered = True
                await self._refuse(scope, send, seen, streamed=True)

        await self.app(scope, counted, answer)

    async def _refuse(self, scope: Scope, send: Send, length: int, streamed: bool = False
                      ) -> None:
        more = " or more" if streamed else ""
        message = (f"upload too large: {length:,} bytes{more}, the limit is "
                   f"{self.limit - self.SLACK:,} bytes (saidwho serve --max-upload)")
        if scope["path"].startswith("/api"):
            body, kind = json.dumps({"error": message}).encode(), b"application/json"
        else:
            body = (f"<!DOCTYPE html><html lang=\"en\"><title>Upload too large</title>"
                    f"<h1>413</h1><p>{message}</p><p><a href=\"/analyze\">Back</a></p>"
                    f"</html>").encode()
            kind = b"text/html; charset=utf-8"
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", kind),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
