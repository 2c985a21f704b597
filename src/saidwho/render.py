"""Output formats for extraction results: JSON Lines, JSON, a terminal table, HTML."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from importlib import resources

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .highlight import highlight
from .model import SCHEMA, DocumentResult


def to_jsonl(result: DocumentResult) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False)


def to_json(results: Iterable[DocumentResult]) -> str:
    return json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2)


def print_table(result: DocumentResult, console: Console) -> None:
    """A readable terminal view of one document's attributions."""
    # every text from the input is escaped: "[red]" or "[/a]" in a quote is text, not markup
    table = Table(title=f"{escape(result.id)}: {len(result.attributions)} attributions",
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
        table.add_row(att.kind, escape(speaker), escape(" ".join(s.text for s in att.cue)),
                      escape(" … ".join(s.text for s in att.content)), f"{att.confidence:.2f}")
    console.print(table)


def to_html(results: list[DocumentResult]) -> str:
    """A standalone page with each document's sources, cues and contents highlighted, one
    colour and number per speaker (the web UI's look, its stylesheet and script inlined)."""
    static = resources.files("saidwho") / "web" / "static"
    body = "\n".join(_document_html(r) for r in results)
    return HTML_PAGE.format(schema=SCHEMA, body=body,
                            css=(static / "app.css").read_text(encoding="utf-8"),
                            js=(static / "app.js").read_text(encoding="utf-8"))


def _document_html(result: DocumentResult) -> str:
    marked, speakers = highlight(result)
    items = "".join(
        f'<li class="sp{sp.colour}" data-speaker="{sp.number}"><span class="swatch '
        f'sp{sp.colour}" aria-hidden="true">{sp.number}</span> {html.escape(sp.name)} '
        f'<span class="type">{html.escape(sp.type)}</span><span class="count">'
        f"{sp.attributions} attribution{'' if sp.attributions == 1 else 's'}</span></li>"
        for sp in speakers)
    # one document per page section; the script finds the text by this id
    return (f'<article><h2>{html.escape(result.id)}</h2><div class="article-layout">'
            f'<section class="article"><div class="text">{marked}</div>'
            f'</section><aside class="side"><h3>Speakers</h3><ol class="speakers">{items}'
            "</ol></aside></div></article>")


HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>saidwho</title>
<meta name="generator" content="saidwho ({schema})">
<style>
{css}
</style></head>
<body><main>
<p class="legend"><mark class="source sp0" data-n="1">source</mark>
<mark class="cue sp0">cue</mark> <mark class="content sp0">content</mark></p>
{body}
</main>
<script>
{js}
</script>
</body></html>
"""
