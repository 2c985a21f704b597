"""The JSON API under /api: the data of every page, documented in /openapi.json."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from pydantic import BaseModel, Field

from ..store import ingest as queries
from ..store import profiles
from .services import (
    WebConfig,
    compare_statements,
    read_upload,
    sample_statements,
    stored_article,
    uploaded_text,
)

router = APIRouter(prefix="/api", tags=["api"])

KINDS = ("direct", "indirect", "mixed")


def config(request: Request) -> WebConfig:
    return request.app.state.config  # type: ignore[no-any-return]


class AnalyzeRequest(BaseModel):
    text: str = Field(description="The article's plain text.")
    id: str = Field("pasted", description="An id for the document (kept in attribution ids).")


@router.post("/analyze", summary="Extract the attributions of a text")
def analyze(request: Request, body: AnalyzeRequest) -> dict[str, Any]:
    """The document's attributions in saidwho's JSON schema, with speakers resolved."""
    return config(request).analyze(body.text, body.id).to_dict()


@router.post("/analyze/file", summary="Extract the attributions of an uploaded .txt or .html")
def analyze_file(request: Request, file: Annotated[UploadFile, File()]) -> dict[str, Any]:
    cfg = config(request)
    name, data = read_upload(file, cfg.max_upload, "upload.txt")
    text, meta = uploaded_text(data, name)
    return cfg.analyze(text, name).to_dict() | {"meta": meta}


@router.get("/stats", summary="Counts of articles, attributions, speakers and errors")
def stats(request: Request) -> dict[str, int]:
    return queries.stats(config(request).store())


@router.get("/search", summary="Search attributions (the CLI's search)")
def search(request: Request,
           q: Annotated[str | None, Query(description="Words, FTS5 syntax")] = None,
           speaker: Annotated[str | None, Query(description="Speaker name words")] = None,
           type: Annotated[str | None, Query(description="person, state, group, "
                                             "organization, anonymous...")] = None,
           kind: Annotated[str | None, Query(description="direct, indirect or mixed")] = None,
           outlet: str | None = None,
           since: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
           until: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
           limit: Annotated[int, Query(ge=1, le=1000)] = 20) -> list[dict[str, Any]]:
    return queries.search(config(request).store(), q or None, speaker=speaker or None,
                          speaker_type=type or None, kind=kind or None, outlet=outlet or None,
                          since=since or None, until=until or None, limit=limit)


@router.get("/speakers", summary="Who is quoted most, and the share of anonymous sources")
def speakers(request: Request, top: Annotated[int, Query(ge=1, le=1000)] = 20
             ) -> dict[str, Any]:
    return queries.speakers(config(request).store(), top)


@router.get("/speaker", summary="A speaker: attributions over time, outlets, quoted alongside")
def speaker(request: Request, name: str,
            limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> dict[str, Any]:
    return profiles.speaker_profile(config(request).store(), name, limit)


@router.get("/outlets", summary="Outlets with their article and attribution counts")
def outlets(request: Request) -> list[dict[str, Any]]:
    return profiles.outlets(config(request).store())


@router.get("/outlet", summary="An outlet: whom it quotes, anonymous share, direct vs reported")
def outlet(request: Request, name: str) -> dict[str, Any]:
    return profiles.outlet_profile(config(request).store(), name)


@router.get("/article", summary="A stored article's metadata, text and attributions")
def article(request: Request,
            id: Annotated[str | None, Query(description="The document id")] = None,
            n: Annotated[int | None, Query(description="The store's article number (the "
                                           "'article' of search results)")] = None
            ) -> dict[str, Any]:
    meta, result = stored_article(config(request), id, n)
    return {"meta": meta, "text": result.text} | result.to_dict()


@router.get("/memberships", summary="Who drafted, signed or joined what, as the stored "
            "articles report it")
def memberships(request: Request, limit: Annotated[int, Query(ge=1, le=1000)] = 200
                ) -> list[dict[str, Any]]:
    return profiles.reported_memberships(config(request).store(), limit)


@router.get("/statements/sample", summary="Compare the bundled sample statements")
def statements_sample(against: str | None = None, as_of: str | None = None
                      ) -> dict[str, Any]:
    return compare_statements(sample_statements(), against, as_of).data


@router.post("/statements/compare", summary="Read one statement or compare several")
def statements_compare(request: Request, files: Annotated[list[UploadFile], File()],
                       against: Annotated[str | None, Form()] = None,
                       as_of: Annotated[str | None, Form()] = None) -> dict[str, Any]:
    limit = config(request).max_upload
    uploads = [read_upload(f, limit, f"statement-{k}.txt") for k, f in enumerate(files, 1)]
    return compare_statements(uploads, against or None, as_of or None).data
