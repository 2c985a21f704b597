"""Reference groups of states (ICC States Parties, EU, UN, or a user's CSV), with
time-aware membership: who was a member on a given date."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from ..entities.countries import resolve_country
from ..errors import InputError

BUILTIN = {
    "icc": "States Parties to the Rome Statute of the International Criminal Court",
    "eu": "Member states of the European Union",
    "un": "Member states of the United Nations",
}
START_COLUMNS = ("joined", "entry_into_force", "start")
END_COLUMNS = ("left", "withdrawal_effective", "end")


@dataclass(frozen=True)
class GroupMember:
    iso3: str
    name: str
    start: date | None
    end: date | None  # no longer a member from this date

    def active(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass
class Group:
    key: str
    title: str
    memberships: list[GroupMember]
    source: str

    def members(self, as_of: date | None = None) -> set[str]:
        on = as_of or date.today()
        return {m.iso3 for m in self.memberships if m.active(on)}


def load_group(spec: str) -> Group:
    """A built-in group by key (icc, eu, un) or a CSV file of the user's."""
    if spec.lower() in BUILTIN:
        key = spec.lower()
        path = resources.files("saidwho") / "statements" / "groups" / f"{key}.csv"
        with path.open(encoding="utf-8") as fh:
            return Group(key, BUILTIN[key], _rows(list(csv.DictReader(fh)), spec),
                         f"saidwho/statements/groups/{key}.csv")
    file = Path(spec)
    if not file.is_file():
        raise InputError(f"{spec}: no such group (built in: {', '.join(BUILTIN)}) or file")
    try:
        with file.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{spec}: not a readable CSV file ({exc})") from exc
    return Group(file.stem, file.stem, _rows(rows, spec), str(file))


def _rows(rows: list[dict[str, str]], where: str) -> list[GroupMember]:
    if rows and "iso3" not in rows[0] and "name" not in rows[0]:
        raise InputError(f"{where}: a group file needs an 'iso3' or a 'name' column")
    out = []
    for k, row in enumerate(rows, 2):
        iso3 = (row.get("iso3") or "").strip().upper()
        name = (row.get("name") or "").strip()
        if not iso3:
            match = resolve_country(name)
            if match.iso3 is None:
                raise InputError(f"{where}:{k}: state {name!r} not recognised")
            iso3 = match.iso3
        out.append(GroupMember(iso3, name or iso3, _date(row, START_COLUMNS, where, k),
                              _date(row, END_COLUMNS, where, k)))
    return out


def _date(row: dict[str, str], columns: tuple[str, ...], where: str, line: int) -> date | None:
    for col in columns:
        value = (row.get(col) or "").strip()
        if value:
            try:
                return date.fromisoformat(value)
            except ValueError as exc:
                raise InputError(f"{where}:{line}: {col} {value!r} is not a date "
                                 "(YYYY-MM-DD)") from exc
    return None
