"""The JSON API under /api: the data of every page, documented in /openapi.json."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile
from pydantic import BaseModel, Field

from ..model import KINDS, SPEAKER_TYPES
from ..schema import Document
from .schemas import (
    AnalyzedFile,
    Article,
    Comparison,
    OutletProfile,
    OutletRow,
    ReportedMembership,
    SearchRow,
    SpeakerProfile,
    Speakers,
    StatementRead,
    Stats,
)
from .services import (
    Analyzer,
    StoreReader,
    WebConfig,
    analyzer,
    compare_statements,
    read_upload,
    reader,
    sample_statements,
    settings,
    uploaded_text,
)

router = APIRouter(prefix="/api", tags=["api"])

Reader = Annotated[StoreReader, Depends(reader)]
Extractor = Annotated[Analyzer, Depends(analyzer)]
Settings = Annotated[WebConfig, Depends(settings)]
Limit = Annotated[int, Query(ge=1, le=1000)]
MAX_ROWID = 2**63 - 1  # SQLite's largest row number: a larger one is a 422, not a 500


class AnalyzeRequest(BaseModel):
    text: str = Field(description="The article's plain text.")
    id: str = Field("pasted", description="An id for the document (kept in attribution ids).")


@router.post("/analyze", summary="Extract the attributions of a text")
def analyze(body: AnalyzeRequest, extractor: Extractor) -> Document:
    """The document's attributions in saidwho's JSON schema, with speakers resolved."""
    return Document.model_validate(extractor.analyze(body.text, body.id).to_dict())


@router.post("/analyze/file", summary="Extract the attributions of an uploaded .txt or .html")
def analyze_file(file: Annotated[UploadFile, File()], extractor: Extractor,
                 config: Settings) -> AnalyzedFile:
    name, data = read_upload(file, config.max_upload, "upload.txt")
    text, meta = uploaded_text(data, name)
    return AnalyzedFile.model_validate(extractor.analyze(text, name).to_dict() | {"meta": meta})


@router.get("/stats", summary="Counts of articles, attributions, speakers and errors")
def stats(store: Reader) -> Stats:
    return Stats.model_validate(store.store().stats())


@router.get("/search", summary="Search attributions (the CLI's search)",
            response_model=list[SearchRow])
def search(store: Reader,
           q: Annotated[str | None, Query(description="Words, all required; word* for a "
                                          "prefix")] = None,
           speaker: Annotated[str | None, Query(description="Speaker name words")] = None,
           type: Annotated[str | None, Query(description=", ".join(SPEAKER_TYPES))] = None,
           kind: Annotated[str | None, Query(description=", ".join(KINDS))] = None,
           outlet: str | None = None,
           since: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
           until: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
           limit: Limit = 20,
           fts: Annotated[bool, Query(description="q is a raw SQLite FTS5 query")] = False
           ) -> Any:
    return store.store().search(
        q or None, speaker=speaker or None, speaker_type=type or None, kind=kind or None,
        outlet=outlet or None, since=since or None, until=until or None, limit=limit, fts=fts)


@router.get("/speakers", summary="Who is quoted most, and the share of anonymous sources",
            response_model=Speakers)
def speakers(store: Reader, top: Limit = 20) -> Any:
    return store.store().speakers(top)


@router.get("/speaker", summary="A speaker: attributions over time, outlets, quoted alongside",
            response_model=SpeakerProfile)
def speaker(store: Reader, name: str, limit: Limit = 200) -> Any:
    return store.store().speaker_profile(name, limit)


@router.get("/outlets", summary="Outlets with their article and attribution counts",
            response_model=list[OutletRow])
def outlets(store: Reader) -> Any:
    return store.store().outlets()


@router.get("/outlet", summary="An outlet: whom it quotes, anonymous share, direct vs reported",
            response_model=OutletProfile)
def outlet(store: Reader, name: str) -> Any:
    return store.store().outlet_profile(name)


@router.get("/article", summary="A stored article's metadata, text and attributions")
def article(store: Reader,
            id: Annotated[str | None, Query(description="The document id")] = None,
            n: Annotated[int | None, Query(ge=1, le=MAX_ROWID,
                                           description="The store's article number (the "
                                           "'article' of search results)")] = None
            ) -> Article:
    meta, result = store.article(id, n)
    return Article.model_validate({"meta": meta, "text": result.text} | result.to_dict())


@router.get("/memberships", summary="Who drafted, signed or joined what, as the stored "
            "articles report it",
            response_model=list[ReportedMembership])
def memberships(store: Reader, limit: Limit = 200) -> Any:
    return store.store().reported_memberships(limit)


@router.get("/statements/sample", summary="Compare the bundled sample statements",
            response_model=StatementRead | Comparison)
def statements_sample(against: str | None = None, as_of: str | None = None
                      ) -> Any:
    return compare_statements(sample_statements(), against, as_of).data


@router.post("/statements/compare", summary="Read one statement or compare several",
            response_model=StatementRead | Comparison)
def statements_compare(files: Annotated[list[UploadFile], File()], config: Settings,
                       against: Annotated[str | None, Form()] = None,
                       as_of: Annotated[str | None, Form()] = None
                       ) -> Any:
    uploads = [read_upload(f, config.max_upload, f"statement-{k}.txt")
               for k, f in enumerate(files, 1)]
    return compare_statements(uploads, against or None, as_of or None).data
