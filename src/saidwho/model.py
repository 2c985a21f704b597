"""The data model every layer shares: attributions as typed records over character offsets.

Offsets are Python ``str`` indices into the input text exactly as read, so
``text[seg.start:seg.end] == seg.text`` always holds.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any, Literal, cast, get_args

SCHEMA = "saidwho/1"

Kind = Literal["direct", "indirect", "mixed"]
SpeakerType = Literal[
    "person", "organization", "state", "group", "publication", "anonymous", "document",
    "unknown",
]
# The same values as tuples, to list or check at run time.
KINDS: tuple[str, ...] = get_args(Kind)
SPEAKER_TYPES: tuple[str, ...] = get_args(SpeakerType)


# words that title a name without being part of it ("Sen. Ann Fox" is Ann Fox)
NAME_TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "representative", "gov",
    "governor", "mayor", "president", "vice", "minister", "prime", "secretary", "judge",
    "justice", "gen", "general", "col", "adm", "sir", "dame", "prof", "professor",
    "ambassador", "chancellor", "rev", "lt", "capt", "sgt", "the", "a", "an",
})


def speaker_key(name: str, type: str = "unknown", iso3: str | None = None) -> str:
    """The identity of a speaker across articles: a state by its code ("state:CHL"),
    anything else by type and name without case, titles, middle initials, a possessive or
    odd spacing ("person:ana ruiz" for "Mayor Ana Ruiz", "Ana Ruiz" and "Ms. Ruiz's"
    would differ only by "ruiz", which resolution inside an article has already joined)."""
    if type == "state" and iso3:
        return f"state:{iso3}"
    text = unicodedata.normalize("NFKC", name).replace("’", "'").lower()
    text = re.sub(r"'s?$", "", text.strip(" ,.;:\"'"))
    words = [w.strip(".,") for w in text.split()]
    while len(words) > 1 and words[0] in NAME_TITLES:
        words = words[1:]
    if type == "person":
        words = [w for w in words if not re.fullmatch(r"[^\W\d_]", w)] or words  # "J."
    return f"{type}:{' '.join(w for w in words if w)}"


@dataclass(frozen=True, order=True)
class Segment:
    """A contiguous piece of the input text."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Segment:
        return cls(start, end, text[start:end])

    def shifted(self, offset: int) -> Segment:
        return Segment(self.start + offset, self.end + offset, self.text)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Segment:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


@dataclass(frozen=True)
class Speaker:
    """Who an attribution's source refers to, after resolution inside the article.

    ``surface`` is the mention at the attribution itself ("the paper"); ``mention`` is
    the earlier, fullest mention it resolved to ("The Lakeside Herald"; it may be the
    surface itself); ``name`` is the canonical form of the speaker.
    """

    name: str
    type: SpeakerType = "unknown"
    mention: Segment | None = None
    descriptor: str | None = None
    surface: Segment | None = None
    iso3: str | None = None  # the state it is or speaks for (ISO 3166-1 alpha-3)
    count: int | None = None  # members of a group ("a group of 93 states": 93)
    role: str | None = None  # a person's role, from an apposition ("chief prosecutor")
    affiliation: str | None = None  # the organization that role is in
    # the named members of a group ("Belgium, Chile and Jordan"), each linked like a speaker
    members: tuple[Speaker, ...] = ()

    @property
    def key(self) -> str:
        """Its identity across articles (``speaker_key``)."""
        return speaker_key(self.name, self.type, self.iso3)

    def shifted(self, offset: int) -> Speaker:
        mention = self.mention.shifted(offset) if self.mention else None
        surface = self.surface.shifted(offset) if self.surface else None
        return replace(self, mention=mention, surface=surface)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type}
        out["mention"] = self.mention.to_dict() if self.mention else None
        out["surface"] = self.surface.to_dict() if self.surface else None
        if self.descriptor:
            out["descriptor"] = self.descriptor
        if self.iso3:
            out["iso3"] = self.iso3
        if self.count is not None:
            out["count"] = self.count
        if self.role:
            out["role"] = self.role
        if self.affiliation:
            out["affiliation"] = self.affiliation
        if self.members:
            out["members"] = [{k: v for k, v in (("name", m.name), ("type", m.type),
                                                  ("iso3", m.iso3), ("role", m.role)) if v}
                              for m in self.members]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Speaker:
        mention, surface = data.get("mention"), data.get("surface")
        return cls(
            name=str(data["name"]),
            type=cast(SpeakerType, str(data.get("type", "unknown"))),
            mention=Segment.from_dict(mention) if mention else None,
            descriptor=data.get("descriptor"),
            surface=Segment.from_dict(surface) if surface else None,
            iso3=data.get("iso3"),
            count=data.get("count"),
            role=data.get("role"),
            affiliation=data.get("affiliation"),
            members=tuple(Speaker(name=str(m["name"]),
                                  type=cast(SpeakerType, str(m.get("type", "unknown"))),
                                  iso3=m.get("iso3"), role=m.get("role"))
                          for m in data.get("members", ())),
        )


@dataclass
class Attribution:
    """One attribution relation: a source, a cue and the content they attribute."""

    kind: Kind
    source: list[Segment] = field(default_factory=list)
    cue: list[Segment] = field(default_factory=list)
    content: list[Segment] = field(default_factory=list)
    speaker: Speaker | None = None
    channel: Speaker | None = None
    confidence: float = 0.5
    id: str = ""

    def assign_id(self, doc_id: str) -> None:
        """A stable id: document id plus the offsets of cue and content."""
        key = ";".join(f"{s.start}-{s.end}" for s in (*self.cue, *self.content))
        self.id = f"{doc_id}:" + hashlib.sha1(key.encode()).hexdigest()[:10]

    def shift(self, offset: int) -> None:
        """Move every offset by ``offset`` (for documents processed in chunks)."""
        self.source = [s.shifted(offset) for s in self.source]
        self.cue = [s.shifted(offset) for s in self.cue]
        self.content = [s.shifted(offset) for s in self.content]
        self.speaker = self.speaker.shifted(offset) if self.speaker else None
        self.channel = self.channel.shifted(offset) if self.channel else None

    @property
    def span(self) -> tuple[int, int]:
        parts = [*self.source, *self.cue, *self.content]
        return min(p.start for p in parts), max(p.end for p in parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "source": [s.to_dict() for s in self.source],
            "cue": [s.to_dict() for s in self.cue],
            "content": [s.to_dict() for s in self.content],
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "channel": self.channel.to_dict() if self.channel else None,
            "confidence": round(self.confidence, 3),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attribution:
        return cls(
            id=str(data.get("id", "")),
            kind=cast(Kind, str(data["kind"])),
            source=[Segment.from_dict(s) for s in data.get("source", [])],
            cue=[Segment.from_dict(s) for s in data.get("cue", [])],
            content=[Segment.from_dict(s) for s in data.get("content", [])],
            speaker=Speaker.from_dict(data["speaker"]) if data.get("speaker") else None,
            channel=Speaker.from_dict(data["channel"]) if data.get("channel") else None,
            confidence=float(data.get("confidence", 0.5)),
        )


@dataclass
class DocumentResult:
    """All attributions found in one document."""

    id: str
    attributions: list[Attribution] = field(default_factory=list)
    text: str | None = None
    # who drafted, signed or joined what, read from the text (pipeline.memberships)
    memberships: list[dict[str, Any]] = field(default_factory=list)
    # why the extraction failed on this document (then it holds nothing else)
    error: str | None = None
    # the language it was read in ("en", "fr"), when the run says (``language.Pipelines``)
    lang: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"schema": SCHEMA, "id": self.id}
        if self.lang is not None:
            out["lang"] = self.lang
        out["attributions"] = [a.to_dict() for a in self.attributions]
        out["memberships"] = self.memberships
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentResult:
        return cls(
            id=str(data["id"]),
            attributions=[Attribution.from_dict(a) for a in data.get("attributions", [])],
            memberships=list(data.get("memberships", [])),
            lang=data.get("lang"),
        )
