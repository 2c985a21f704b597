"""Terminal views of statements and comparisons (rich tables)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .compare import Comparison, names
from .statement import Statement


def print_statement(st: Statement, console: Console) -> None:
    when = st.date.isoformat() if st.date else "no date"
    # names and titles come from the documents: escaped, so "[red]" in them is text
    table = Table(title=f"{escape(st.title or st.source)} ({when}): {len(st.signatories)} listed, "
                        f"{len(st.codes)} states resolved", title_justify="left")
    for col in ("name as written", "ISO3", "match", "role", "candidates"):
        table.add_column(col)
    for s in st.signatories:
        m = s.match
        cands = ", ".join(f"{c} {score:.0f}" for c, score in m.candidates[:3]) if (
            not m.resolved or m.match == "fuzzy") else ""
        table.add_row(escape(m.name), m.iso3 or "[bold red]unresolved[/]", m.match or "-",
                      s.role, cands)
    console.print(table)
    if st.unresolved:
        console.print(f"[bold red]unresolved:[/] {escape(', '.join(st.unresolved))}")


def print_comparison(cmp: Comparison, console: Console) -> None:
    table = Table(title="Statements, oldest first", title_justify="left")
    for col in ("statement", "date", "states", "drafters", "unresolved"):
        table.add_column(col)
    for st, codes in zip(cmp.statements, cmp.per_statement, strict=True):
        table.add_row(escape(st.title or st.source), st.date.isoformat() if st.date else "-",
                      str(len(codes)), ", ".join(sorted(st.drafters)) or "-",
                      escape(", ".join(st.unresolved)) or "-")
    console.print(table)
    console.print(f"[bold]joined[/] (in the last, not the first): {names(cmp.joined)}")
    console.print(f"[bold]left[/] (in the first, not the last): {names(cmp.left)}")
    console.print(f"[bold]signed all[/] ({len(cmp.in_all)}): {names(cmp.in_all)}")
    print_against(cmp, console)


def print_against(cmp: Comparison, console: Console) -> None:
    """Each statement against the comparison's reference group: its silent members and
    the non-members that signed."""
    if cmp.group is not None:
        for k, codes in enumerate(cmp.per_statement):
            members = cmp.group_members(k)
            st = cmp.statements[k]
            console.print(f"\n[bold]{escape(st.title or st.source)}[/] against "
                          f"{escape(cmp.group.title)} "
                          f"({len(members)} members):")
            console.print(f"  silent members ({len(members - codes)}): "
                          f"{names(members - codes)}")
            console.print(f"  non-members signing ({len(codes - members)}): "
                          f"{names(codes - members)}")
