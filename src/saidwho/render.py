"""Output formats for extraction results: JSON Lines, JSON, a terminal table, HTML."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable

from rich.console import Console
from rich.table import Table

from .model import SCHEMA, DocumentResult

ROLE_CLASSES = ("source", "cue", "content")


def to_jsonl(result: DocumentResult) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False)


def to_json(results: Iterable[DocumentResult]) -> str:
    return json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2)


def print_table(result: DocumentResult, console: Console) -> None:
    """A readable terminal view of one document's attributions."""
    table = Table(title=f"{result.id}: {len(result.attributions)} attributions",
                  show_lines=True, expand=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("speaker", ratio=2, min_width=12)
    table.add_column("cue", ratio=1, min_width=6)
    table.add_column("content", ratio=4, min_width=24)
    table.add_column("conf", justify="right", no_wrap=True)
    for att in result.attributions:
        source = " ".join(s.text for s in att.source) or "—"
        speaker = source
        if att.speaker and att.speaker.name != source:
            speaker = f"{source}\n→ {att.speaker.name}"
        if att.speaker:
            speaker += f" ({att.speaker.type})"
        if att.channel:
            speaker += f"\nvia {att.channel.name}"
        table.add_row(att.kind, speaker, " ".join(s.text for s in att.cue),
                      " … ".join(s.text for s in att.content), f"{att.confidence:.2f}")
    console.print(table)


def to_html(results: list[DocumentResult]) -> str:
    """A standalone page with each document's sources, cues and contents highlighted."""
    body = "\n".join(_document_html(r) for r in results)
    return HTML_PAGE.format(schema=SCHEMA, body=body)


def _document_html(result: DocumentResult) -> str:
    text = result.text or ""
    marks: list[tuple[int, int, str, int]] = []
    for n, att in enumerate(result.attributions):
        for role in ROLE_CLASSES:
            for seg in getattr(att, role):
                marks.append((seg.start, seg.end, role, n))
    boundaries = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    pieces = []
    for a, b in zip(boundaries, boundaries[1:], strict=False):
        active = [m for m in marks if m[0] <= a and b <= m[1]]
        chunk = html.escape(text[a:b])
        if active:
            roles = sorted({m[2] for m in active}, key=ROLE_CLASSES.index)
            ids = " ".join(sorted({f"a{m[3]}" for m in active}))
            classes, title = " ".join(roles), ", ".join(roles)
            chunk = f'<mark class="{classes}" data-att="{ids}" title="{title}">{chunk}</mark>'
        pieces.append(chunk)
    rows = []
    for att in result.attributions:
        speaker = html.escape(att.speaker.name if att.speaker else "—")
        kind = html.escape(att.speaker.type if att.speaker else "")
        rows.append(
            f"<tr><td>{html.escape(att.kind)}</td><td>{speaker} <small>{kind}</small></td>"
            f"<td>{html.escape(' '.join(s.text for s in att.cue))}</td>"
            f"<td>{html.escape(' … '.join(s.text for s in att.content))}</td>"
            f"<td>{att.confidence:.2f}</td></tr>"
        )
    return (
        f"<article><h2>{html.escape(result.id)}</h2>"
        f"<div class=\"text\">{''.join(pieces)}</div>"
        "<table><thead><tr><th>kind</th><th>speaker</th><th>cue</th><th>content</th>"
        f"<th>confidence</th></tr></thead><tbody>{''.join(rows)}</tbody></table></article>"
    )


HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>saidwho</title>
<meta name="generator" content="saidwho ({schema})">
<style>
body {{ font-family: Georgia, serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem;
       color: #1a1a1a; }}
.text {{ white-space: pre-wrap; line-height: 1.6; }}
mark {{ background: none; }}
mark.content {{ background: #fff3b0; }}
mark.source {{ background: #b8e0ff; font-weight: bold; }}
mark.cue {{ background: #ffc9c9; text-decoration: underline; }}
.legend span {{ padding: 0 .4rem; margin-right: .5rem; }}
table {{ border-collapse: collapse; margin-top: 1rem; font-family: sans-serif;
         font-size: .85rem; }}
td, th {{ border: 1px solid #ccc; padding: .25rem .4rem; vertical-align: top; }}
</style></head>
<body>
<p class="legend"><mark class="source">source</mark> <mark class="cue">cue</mark>
<mark class="content">content</mark></p>
{body}
</body></html>
"""
