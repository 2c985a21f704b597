"""An article as marked-up HTML: every source, cue and content of every attribution, one
colour per resolved speaker, and the speakers' list beside it.

Attributions nest (a quote inside a reported statement), so the text is cut at every
boundary of every segment, and each piece carries all the attributions it belongs to;
the innermost one gives its colour. Every character of the article is escaped here.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass, field

from markupsafe import Markup

from .model import Attribution, DocumentResult

ROLES = ("source", "cue", "content")
PALETTE_SIZE = 8  # colours sp0..sp7 in app.css; more speakers reuse them, numbers differ


@dataclass
class SpeakerEntry:
    number: int
    name: str
    type: str
    attributions: int = 0
    kinds: dict[str, int] = field(default_factory=dict)

    @property
    def colour(self) -> int:
        return (self.number - 1) % PALETTE_SIZE


def speaker_key(att: Attribution) -> tuple[str, str]:
    if att.speaker is None:
        return ("unresolved", "unknown")
    return (att.speaker.name, att.speaker.type)


def speaker_entries(result: DocumentResult) -> dict[tuple[str, str], SpeakerEntry]:
    """Speakers numbered in order of first appearance, with their counts."""
    entries: dict[tuple[str, str], SpeakerEntry] = {}
    for att in sorted(result.attributions, key=lambda a: a.span):
        key = speaker_key(att)
        entry = entries.setdefault(key, SpeakerEntry(len(entries) + 1, *key))
        entry.attributions += 1
        entry.kinds[att.kind] = entry.kinds.get(att.kind, 0) + 1
    return entries


def highlight(result: DocumentResult) -> tuple[Markup, list[SpeakerEntry]]:
    """The article's text with ``<mark>`` elements, and its speakers."""
    text = result.text or ""
    entries = speaker_entries(result)
    marks = [(seg.start, seg.end, role, n) for n, att in enumerate(result.attributions)
             for role in ROLES for seg in getattr(att, role)]
    focusable: set[int] = set()  # attributions whose content already has its tab stop
    pieces = []
    for a, b, active in _pieces(marks, len(text)):
        chunk = html.escape(text[a:b])
        if not active:
            pieces.append(chunk)
            continue
        pieces.append(_mark(chunk, active, result.attributions, entries, focusable, b))
    return Markup("".join(pieces)), sorted(entries.values(), key=lambda e: e.number)


Mark = tuple[int, int, str, int]  # start, end, role, attribution number


def _pieces(marks: list[Mark], length: int) -> Iterator[tuple[int, int, list[Mark]]]:
    """The text cut at every boundary of every mark: (start, end, the marks covering the
    piece, in the order of ``marks``). One sweep over the boundaries, keeping the marks
    open at each: O((n + m) log m) for m marks on a text of n pieces. Testing every mark
    against every piece was quadratic: 8.8 s on 200 KB of news with 2,631 attributions,
    where the sweep takes 0.3 s (a busy shared 2-core machine)."""
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for k, (start, end, _, _) in enumerate(marks):
        if start < end:  # an empty segment covers no piece (but still cuts the text)
            opening.setdefault(start, []).append(k)
            closing.setdefault(end, []).append(k)
    cuts = sorted({0, length, *(m[0] for m in marks), *(m[1] for m in marks)})
    open_: set[int] = set()
    for a, b in zip(cuts, cuts[1:], strict=False):
        open_.difference_update(closing.get(a, ()))
        open_.update(opening.get(a, ()))
        yield a, b, [marks[k] for k in sorted(open_)]


def _mark(chunk: str, active: list[Mark], atts: list[Attribution],
          entries: dict[tuple[str, str], SpeakerEntry], focusable: set[int], end: int) -> str:
    # the innermost attribution (shortest span) decides colour and label
    inner = min(active, key=lambda m: atts[m[3]].span[1] - atts[m[3]].span[0])
    att = atts[inner[3]]
    entry = entries[speaker_key(att)]
    roles = sorted({m[2] for m in active}, key=ROLES.index)
    ids = " ".join(sorted({f"a{m[3]}" for m in active}))
    attrs = [f'class="{" ".join(roles)} sp{entry.colour}"', f'data-att="{ids}"',
             f'data-inner="a{inner[3]}"', f'data-speaker="{entry.number}"']
    if any(m[2] == "source" and m[1] == end for m in active):
        attrs.append(f'data-n="{entry.number}"')  # the speaker's number after the source
    if inner[2] == "content" and inner[3] not in focusable:
        focusable.add(inner[3])
        cue = " ".join(s.text for s in att.cue) or "no cue"
        label = f"{att.kind} content attributed to {entry.name} ({entry.type}), cue: {cue}"
        attrs += ['tabindex="0"', 'role="group"', f'aria-label="{html.escape(label)}"']
    title = f"{', '.join(roles)}: {entry.name} ({entry.type}), {att.kind}"
    attrs.append(f'title="{html.escape(title)}"')
    return f"<mark {' '.join(attrs)}>{chunk}</mark>"
