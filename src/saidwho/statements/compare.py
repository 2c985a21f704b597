"""Comparing joint statements: who signed each, who joined, who left, who signed all, and
against a reference group, which members stayed silent and which non-members signed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..entities.countries import country_name
from .reference import Group
from .statement import Statement


@dataclass
class Comparison:
    statements: list[Statement]
    group: Group | None = None
    as_of: date | None = None
    per_statement: list[set[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.per_statement = [s.codes for s in self.statements]

    @property
    def joined(self) -> list[str]:
        """In the last statement, not in the first."""
        return sorted(self.per_statement[-1] - self.per_statement[0])

    @property
    def left(self) -> list[str]:
        """In the first statement, not in the last."""
        return sorted(self.per_statement[0] - self.per_statement[-1])

    @property
    def in_all(self) -> list[str]:
        return sorted(set.intersection(*self.per_statement)) if self.per_statement else []

    def group_members(self, k: int) -> set[str]:
        """The group's members on the date of statement ``k`` (or --as-of, or today)."""
        assert self.group is not None
        return self.group.members(self.as_of or self.statements[k].date)

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "statements": [
                {"source": s.source, "title": s.title,
                 "date": s.date.isoformat() if s.date else None,
                 "signatories": sorted(codes), "drafters": sorted(s.drafters),
                 "unresolved": s.unresolved}
                for s, codes in zip(self.statements, self.per_statement, strict=True)
            ],
            "joined": self.joined,
            "left": self.left,
            "in_all": self.in_all,
        }
        if self.group is not None:
            against = []
            for k, codes in enumerate(self.per_statement):
                members = self.group_members(k)
                against.append({
                    "source": self.statements[k].source,
                    "members": len(members),
                    "silent_members": sorted(members - codes),
                    "non_members_signing": sorted(codes - members),
                })
            out["against"] = {"group": self.group.key, "title": self.group.title,
                              "as_of": self.as_of.isoformat() if self.as_of else None,
                              "statements": against}
        return out


def names(codes: list[str] | set[str]) -> str:
    return ", ".join(f"{country_name(c)} ({c})" for c in sorted(codes)) or "none"
