"""The server-rendered pages: Analyze, Corpus (overview, search, speaker, outlet, article)
and Statements. Each page renders the same data its /api twin returns."""

from __future__ import annotations

import base64
import json
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from ..highlight import highlight
from ..model import KINDS, SPEAKER_TYPES, DocumentResult
from .api import MAX_ROWID, Extractor, Reader, Settings
from .services import (
    GROUPS,
    compare_statements,
    read_upload,
    sample_statements,
    uploaded_text,
)

PAGE_ROWS = 50  # search results on a page, unless the form asks for another number

router = APIRouter(include_in_schema=False)



def render(request: Request, template: str, **context: Any) -> HTMLResponse:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, template, context)  # type: ignore[no-any-return]


def article_context(result: DocumentResult) -> dict[str, Any]:
    marked, speakers = highlight(result)
    return {"marked": marked, "speakers": speakers, "result": result,
            "json": json.dumps(result.to_dict(), ensure_ascii=False, indent=2)}


def _outlets(store: Reader) -> Any:
    return store.cached("outlets", lambda s: s.outlets())


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, store: Reader) -> HTMLResponse:
    figures = store.cached("stats", lambda s: s.stats())
    top = store.cached("top", lambda s: s.speakers(15))
    return render(request, "overview.html", stats=figures, top=top, outlets=_outlets(store),
                  types=SPEAKER_TYPES, kinds=KINDS, form={})


@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request, config: Settings) -> HTMLResponse:
    return render(request, "analyze.html", limit=config.max_upload)


@router.post("/analyze", response_class=HTMLResponse)
def analyze(request: Request, extractor: Extractor, config: Settings, store: Reader,
            text: Annotated[str, Form()] = "",
            file: Annotated[UploadFile | None, File()] = None) -> HTMLResponse:
    meta: dict[str, str | None] = {}
    name = "pasted text"
    if file is not None and file.filename:
        name, data = read_upload(file, config.max_upload, file.filename)
        text, meta = uploaded_text(data, name)
    result = extractor.analyze(text, name)
    context = article_context(result)
    # an analysed text is not in the store: its speakers link to their pages only where
    # the store knows them
    known = store.known_speakers([sp.name for sp in context["speakers"]])
    return render(request, "analyzed.html", meta=meta, name=name, known=known, **context)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, store: Reader) -> HTMLResponse:
    # the form's fields as typed; empty ones are left out, a limit that is not a number in
    # range falls back to the page's default
    form = {k: v for k, v in request.query_params.items() if v}
    limit = int(form["limit"]) if form.get("limit", "").isdecimal() else PAGE_ROWS
    rows = store.store().search(
        form.get("q"), speaker=form.get("speaker"), speaker_type=form.get("type"),
        kind=form.get("kind"), outlet=form.get("outlet"), since=form.get("since"),
        until=form.get("until"), limit=max(1, min(limit, 1000)),
        fts=form.get("fts") in ("1", "on", "true"))
    return render(request, "search.html", rows=rows, form=form, types=SPEAKER_TYPES,
                  kinds=KINDS, outlets=_outlets(store))


@router.get("/speakers", response_class=HTMLResponse)
def speakers(request: Request, store: Reader, top: int = 100) -> HTMLResponse:
    top = max(1, min(top, 1000))
    data = store.cached(f"top{top}", lambda s: s.speakers(top))
    return render(request, "speakers.html", data=data, top=top)


@router.get("/speaker", response_class=HTMLResponse)
def speaker(request: Request, store: Reader, name: str) -> HTMLResponse:
    data = store.store().speaker_profile(name, 200)
    peak = max((m["attributions"] for m in data["by_month"]), default=1)  # type: ignore[attr-defined]
    return render(request, "speaker.html", data=data, peak=peak)


@router.get("/outlet", response_class=HTMLResponse)
def outlet(request: Request, store: Reader, name: str) -> HTMLResponse:
    return render(request, "outlet.html", data=store.store().outlet_profile(name))


@router.get("/article", response_class=HTMLResponse)
def article(request: Request, store: Reader, id: str | None = None,
            n: Annotated[int | None, Query(ge=1, le=MAX_ROWID)] = None) -> HTMLResponse:
    meta, result = store.article(id, n)
    context = article_context(result)
    known = {sp.name for sp in context["speakers"]}
    return render(request, "article.html", meta=meta, known=known, **context)


@router.get("/statements", response_class=HTMLResponse)
def statements_form(request: Request, store: Reader, sample: bool = False, against: str = "",
                    as_of: str = "") -> HTMLResponse:
    view = compare_statements(sample_statements(), against, as_of) if sample else None
    return _statements_page(request, store, view, against, as_of)


@router.post("/statements", response_class=HTMLResponse)
def statements(request: Request, store: Reader, config: Settings,
               files: Annotated[list[UploadFile], File()],
               against: Annotated[str, Form()] = "", as_of: Annotated[str, Form()] = ""
               ) -> HTMLResponse:
    # a form whose file field was left empty sends one part without a name
    uploads = [read_upload(f, config.max_upload, f.filename) for f in files if f.filename]
    view = compare_statements(uploads, against or None, as_of or None)
    return _statements_page(request, store, view, against, as_of)


def _statements_page(request: Request, store: Reader, view: Any, against: str, as_of: str
                     ) -> HTMLResponse:
    svg = base64.b64encode(view.svg).decode("ascii") if view else None
    # the page works without a store; the news part is left out then
    return render(request, "statements.html", view=view, svg=svg, groups=GROUPS,
                  against=against, as_of=as_of, reported=store.reported_memberships(100))


@router.get("/api", response_class=RedirectResponse)
def api_index() -> RedirectResponse:
    """/api itself: the page that lists the API's endpoints."""
    return RedirectResponse("/docs")


@router.get("/favicon.ico")
def favicon() -> RedirectResponse:
    return RedirectResponse("/static/favicon.svg")


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """The API's endpoints, read from the OpenAPI schema (no CDN-hosted viewer)."""
    schema = request.app.openapi()
    endpoints = [(method.upper(), path, op.get("summary", ""), op.get("description", ""),
                  [p["name"] for p in op.get("parameters", [])])
                 for path, methods in schema["paths"].items()
                 for method, op in methods.items()]
    return render(request, "docs.html", endpoints=endpoints)
