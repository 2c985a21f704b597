"""The JSON API's responses as Pydantic models: typed in /openapi.json and checked on the
way out (a field a query adds without its place here fails the tests, not the client).
Documents and attributions are the output schema ``saidwho/1`` (``saidwho.schema``)."""

from __future__ import annotations

from pydantic import Field

from ..schema import Document, Membership, Strict


class Stats(Strict):
    articles: int
    attributions: int
    speakers: int = Field(description="distinct identities")
    errors: int = Field(description="inputs that could not be read")
    unread_dates: int = Field(description="articles whose date is not a date")


class SearchRow(Strict):
    id: int = Field(description="the attribution's number in the store")
    kind: str
    speaker: str | None
    speaker_type: str | None
    speaker_iso3: str | None
    cue: str | None
    content: str
    confidence: float | None
    article: int = Field(description="the article's number in the store (/api/article?n=)")
    doc_id: str
    title: str | None
    date: str | None
    outlet: str | None
    url: str | None


class SpeakerCount(Strict):
    speaker: str
    type: str
    key: str = Field(description="the identity (person:ana ruiz, state:CHL)")
    attributions: int
    articles: int


class Speakers(Strict):
    attributions: int
    anonymous_share: float
    speakers: list[SpeakerCount]


class MonthCount(Strict):
    month: str
    attributions: int


class OutletCount(Strict):
    outlet: str
    attributions: int


class Alongside(Strict):
    speaker: str
    type: str
    articles: int


class SpeakerItem(Strict):
    kind: str
    cue: str | None
    content: str
    date: str | None
    outlet: str | None
    article: int
    doc_id: str
    title: str | None


class SpeakerProfile(Strict):
    speaker: str
    types: list[str]
    names: list[str] = Field(description="the names it is written under")
    attributions: int
    by_month: list[MonthCount]
    outlets: list[OutletCount]
    alongside: list[Alongside]
    items: list[SpeakerItem]


class OutletRow(Strict):
    outlet: str
    articles: int
    attributions: int


class QuotedByOutlet(Strict):
    speaker: str
    type: str
    attributions: int


class OutletProfile(Strict):
    outlet: str
    articles: int
    attributions: int
    anonymous_share: float
    kinds: dict[str, int]
    speakers: list[QuotedByOutlet]


class ArticleMeta(Strict):
    id: int
    doc_id: str
    title: str | None
    url: str | None
    date: str | None
    outlet: str | None
    author: str | None


class Article(Document):
    meta: ArticleMeta
    text: str | None


class FileMeta(Strict):
    title: str | None
    url: str | None
    date: str | None
    outlet: str | None
    author: str | None


class AnalyzedFile(Document):
    meta: FileMeta


class ReportedMembership(Membership):
    article: int
    doc_id: str
    title: str | None
    date: str | None
    outlet: str | None


class CandidateCountry(Strict):
    iso3: str
    score: float


class Signatory(Strict):
    name: str
    iso3: str | None
    match: str | None = Field(description="exact, alias or fuzzy; null when unresolved")
    candidates: list[CandidateCountry]
    role: str


class StatementRead(Strict):
    """One statement's signatories."""

    source: str
    title: str | None
    date: str | None
    count: int
    resolved: int
    signatories: list[Signatory]
    unresolved: list[str]


class ComparedStatement(Strict):
    source: str
    title: str | None
    date: str | None
    signatories: list[str]
    drafters: list[str]
    unresolved: list[str]


class AgainstStatement(Strict):
    source: str
    members: int
    silent_members: list[str]
    non_members_signing: list[str]


class Against(Strict):
    group: str
    title: str
    as_of: str | None
    statements: list[AgainstStatement]


class Comparison(Strict):
    """Several statements compared: who joined, who left, who signed all."""

    statements: list[ComparedStatement]
    joined: list[str]
    left: list[str]
    in_all: list[str]
    against: Against | None = None
