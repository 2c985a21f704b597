"""The output schema ``saidwho/1`` as Pydantic models: what ``DocumentResult.to_dict()``
writes, one object per document (README, "Output schema"). They validate real output in
the tests, type the web API's responses, and give the JSON Schema shipped with the package
(``saidwho-1.schema.json``; ``python -m saidwho.schema`` writes it again).

Models forbid fields they do not name, so that a field added to the output without its
place in the schema fails the tests.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .model import SCHEMA, Kind, SpeakerType

SCHEMA_FILE = "saidwho-1.schema.json"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Segment(Strict):
    """A contiguous piece of the input: ``text[start:end] == text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Member(Strict):
    """A member of a group named by its members, or a state a statement names."""

    name: str
    type: str | None = None
    iso3: str | None = None
    role: str | None = None


class Speaker(Strict):
    """Who a source refers to, resolved inside the article and linked to an actor."""

    name: str
    type: SpeakerType
    mention: Segment | None = Field(None, description="the fullest earlier mention")
    surface: Segment | None = Field(None, description="the mention at the attribution")
    descriptor: str | None = Field(None, description="anonymous sources only")
    iso3: str | None = Field(None, description="a state, or an organ speaking for one")
    count: int | None = Field(None, description="the size of a group, or of anonymous sources")
    role: str | None = None
    affiliation: str | None = None
    members: list[Member] | None = None


class Attribution(Strict):
    id: str
    kind: Kind
    source: list[Segment]
    cue: list[Segment]
    content: list[Segment]
    speaker: Speaker | None
    channel: Speaker | None = Field(description="the addressee: 'told the paper'")
    confidence: float = Field(ge=0, le=1)


class MembershipMember(Strict):
    name: str
    iso3: str | None
    type: Literal["state", "organization"]


class Membership(Strict):
    """Who drafted, signed or joined what, as the text says it."""

    relation: str
    of: str | None
    members: list[MembershipMember]
    partial: bool
    described: str | None
    count: int | None
    span: Segment


class Document(Strict):
    """One document's attributions and memberships: a line of ``saidwho extract``."""

    model_config = ConfigDict(extra="forbid", title="saidwho/1")

    schema_: Literal["saidwho/1"] = Field("saidwho/1", alias="schema")
    id: str
    # the language the document was read in (ISO 639-1); absent in output written before
    # saidwho read more than English
    lang: Literal["en", "fr"] | None = None
    attributions: list[Attribution]
    memberships: list[Membership]


assert SCHEMA == "saidwho/1", "a new schema version needs its own models"


def json_schema() -> dict[str, object]:
    """The JSON Schema (draft 2020-12) of one ``saidwho/1`` document."""
    schema = Document.model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://saidwho.invalid/schema/saidwho-1.schema.json"} | schema


def packaged_schema() -> dict[str, object]:
    """The JSON Schema file shipped in the package."""
    path = resources.files("saidwho") / SCHEMA_FILE
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


if __name__ == "__main__":  # python -m saidwho.schema > src/saidwho/saidwho-1.schema.json
    json.dump(json_schema(), sys.stdout, indent=2)
    sys.stdout.write("\n")
