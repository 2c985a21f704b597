"""Docs that carry saidwho's results stay serialisable: ``doc.to_bytes()``,
``DocBin(store_user_data=True)`` and ``nlp.pipe(texts, n_process=2)`` (which sends docs
between processes as bytes) keep ``doc._.attributions`` and ``doc._.memberships``.

spaCy writes a Doc's extension values with msgpack (srsly). These two hooks, registered
with srsly under the name ``saidwho`` (here on import, and as entry points so that a
process that has not imported saidwho yet reads them too), write each attribution and
membership as plain data (the JSON schema's fields) and read it back as the same object.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from srsly import msgpack_decoders, msgpack_encoders

from ..entities.countries import CountryMatch
from ..model import Attribution, Segment
from .memberships import Membership

TAG = "__saidwho__"
Chain = Callable[[Any], Any] | None


def encode(obj: Any, chain: Chain = None) -> Any:
    """Plain data for an Attribution or a Membership; anything else to the next encoder."""
    if isinstance(obj, Attribution):
        data = obj.to_dict()
        data["confidence"] = obj.confidence  # to_dict rounds it for display
        return {TAG: "attribution", "data": data}
    if isinstance(obj, Membership):
        return {TAG: "membership", "data": {
            "relation": obj.relation, "partial": obj.partial, "of": obj.of,
            "described": obj.described, "count": obj.count, "span": obj.span.to_dict(),
            "members": [[m.name, m.iso3, m.match, [list(c) for c in m.candidates]]
                        for m in obj.members]}}
    return obj if chain is None else chain(obj)


def decode(obj: Any, chain: Chain = None) -> Any:
    """The object written by ``encode``; anything else to the next decoder."""
    kind = obj.get(TAG) if isinstance(obj, dict) else None
    if kind == "attribution":
        return Attribution.from_dict(obj["data"])
    if kind == "membership":
        data = obj["data"]
        members = [CountryMatch(name, iso3, match, tuple((c, float(s)) for c, s in cands))
                   for name, iso3, match, cands in data["members"]]
        return Membership(data["relation"], members, data["partial"],
                          Segment.from_dict(data["span"]), data["of"], data["described"],
                          data["count"])
    return obj if chain is None else chain(obj)


def register() -> None:
    msgpack_encoders.register("saidwho", func=encode)
    msgpack_decoders.register("saidwho", func=decode)
