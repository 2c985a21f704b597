"""The server-rendered pages: Analyze, Corpus (overview, search, speaker, outlet, article)
and Statements. Each page renders the same data its /api twin returns."""

from __future__ import annotations

import base64
import json
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse

from ..highlight import highlight
from ..model import SPEAKER_TYPES, DocumentResult
from ..store import ingest as queries
from ..store import profiles
from . import api
from .services import (
    GROUPS,
    StoreMissing,
    compare_statements,
    read_upload,
    sample_statements,
    stored_article,
    uploaded_text,
)

router = APIRouter(include_in_schema=False)



def render(request: Request, template: str, **context: Any) -> HTMLResponse:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, template, context)  # type: ignore[no-any-return]


def article_context(result: DocumentResult) -> dict[str, Any]:
    marked, speakers = highlight(result)
    return {"marked": marked, "speakers": speakers, "result": result,
            "json": json.dumps(result.to_dict(), ensure_ascii=False, indent=2)}


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    cfg = api.config(request)
    figures = cfg.cached("stats", queries.stats)
    top = cfg.cached("top", lambda conn: queries.speakers(conn, 15))
    outlets = cfg.cached("outlets", profiles.outlets)
    return render(request, "overview.html", stats=figures, top=top, outlets=outlets,
                  types=SPEAKER_TYPES, kinds=api.KINDS, form={})


@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request) -> HTMLResponse:
    return render(request, "analyze.html", limit=api.config(request).max_upload)


@router.post("/analyze", response_class=HTMLResponse)
def analyze(request: Request, text: Annotated[str, Form()] = "",
            file: Annotated[UploadFile | None, File()] = None) -> HTMLResponse:
    cfg = api.config(request)
    meta: dict[str, str | None] = {}
    name = "pasted text"
    if file is not None and file.filename:
        name, data = read_upload(file, cfg.max_upload, file.filename)
        text, meta = uploaded_text(data, name)
    result = cfg.analyze(text, name)
    return render(request, "analyzed.html", meta=meta, name=name, **article_context(result))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request) -> HTMLResponse:
    form = {k: v for k, v in request.query_params.items() if v}
    limit = int(form["limit"]) if form.get("limit", "").isdigit() else 50
    rows = api.search(request, q=form.get("q"), speaker=form.get("speaker"),
                      type=form.get("type"), kind=form.get("kind"), outlet=form.get("outlet"),
                      since=form.get("since"), until=form.get("until"),
                      limit=max(1, min(limit, 1000)))
    outlets = api.config(request).cached("outlets", profiles.outlets)
    return render(request, "search.html", rows=rows, form=form, types=SPEAKER_TYPES,
                  kinds=api.KINDS, outlets=outlets)


@router.get("/speakers", response_class=HTMLResponse)
def speakers(request: Request, top: int = 100) -> HTMLResponse:
    top = max(1, min(top, 1000))
    data = api.config(request).cached(f"top{top}", lambda conn: queries.speakers(conn, top))
    return render(request, "speakers.html", data=data, top=top)


@router.get("/speaker", response_class=HTMLResponse)
def speaker(request: Request, name: str) -> HTMLResponse:
    data = api.speaker(request, name, 200)
    peak = max((m["attributions"] for m in data["by_month"]), default=1)
    return render(request, "speaker.html", data=data, peak=peak)


@router.get("/outlet", response_class=HTMLResponse)
def outlet(request: Request, name: str) -> HTMLResponse:
    return render(request, "outlet.html", data=api.outlet(request, name))


@router.get("/article", response_class=HTMLResponse)
def article(request: Request, id: str | None = None, n: int | None = None) -> HTMLResponse:
    meta, result = stored_article(api.config(request), id, n)
    return render(request, "article.html", meta=meta, **article_context(result))


@router.get("/statements", response_class=HTMLResponse)
def statements_form(request: Request, sample: bool = False, against: str = "",
                    as_of: str = "") -> HTMLResponse:
    view = compare_statements(sample_statements(), against, as_of) if sample else None
    return _statements_page(request, view, against, as_of)


@router.post("/statements", response_class=HTMLResponse)
def statements(request: Request, files: Annotated[list[UploadFile], File()],
               against: Annotated[str, Form()] = "", as_of: Annotated[str, Form()] = ""
               ) -> HTMLResponse:
    limit = api.config(request).max_upload
    # a form whose file field was left empty sends one part without a name
    uploads = [read_upload(f, limit, f.filename) for f in files if f.filename]
    view = compare_statements(uploads, against or None, as_of or None)
    return _statements_page(request, view, against, as_of)


def _statements_page(request: Request, view: Any, against: str, as_of: str) -> HTMLResponse:
    svg = base64.b64encode(view.svg).decode("ascii") if view else None
    try:
        reported = api.memberships(request, 100)
    except StoreMissing:
        reported = []  # the page works without a store; the news part is left out
    return render(request, "statements.html", view=view, svg=svg, groups=GROUPS,
                  against=against, as_of=as_of, reported=reported)


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """The API's endpoints, read from the OpenAPI schema (no CDN-hosted viewer)."""
    schema = request.app.openapi()
    endpoints = [(method.upper(), path, op.get("summary", ""), op.get("description", ""),
                  [p["name"] for p in op.get("parameters", [])])
                 for path, methods in schema["paths"].items()
                 for method, op in methods.items()]
    return render(request, "docs.html", endpoints=endpoints)
