"""Publication dates as written ("2026-06-15T10:00:00Z", "15 June 2026", "06/15/2026",
"Mon, 15 Jun 2026 10:00:00 GMT") to ISO 8601: a day as ``YYYY-MM-DD``; a time, when one is
given, in UTC as ``YYYY-MM-DDTHH:MM:SSZ``. Both sort and compare as text, so a filter on
days works on either."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

MONTHS = {name: k for k, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
    ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
    ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
    ("december", "dec")), 1) for name in names}
MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
DAY_FIRST = re.compile(rf"^(?:[A-Za-z]+,?\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH},?\s+"
                       r"(?P<year>\d{4})$")
MONTH_FIRST = re.compile(rf"^(?:[A-Za-z]+,?\s+)?{MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?"
                         r"\s+(?P<year>\d{4})$")
NUMERIC = re.compile(r"^(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})$")
YEAR_FIRST = re.compile(r"^(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})$")


def normalise_date(raw: str | None) -> str | None:
    """The ISO 8601 form of a date as written, or None when it is not one."""
    text = " ".join((raw or "").split())
    if not text or len(text) > 64:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        moment = None
    if moment is not None:
        if len(text) <= 10:  # a day, no time
            return moment.date().isoformat()
        return _utc(moment)
    for pattern in (DAY_FIRST, MONTH_FIRST):
        m = pattern.match(text)
        if m and m["month"].lower() in MONTHS:
            return _day(int(m["year"]), MONTHS[m["month"].lower()], int(m["day"]))
    m = YEAR_FIRST.match(text)
    if m:
        return _day(int(m["year"]), int(m["month"]), int(m["day"]))
    m = NUMERIC.match(text)
    if m:
        a, b = int(m["a"]), int(m["b"])
        # with dots the day comes first (15.06.2026, as in Europe); with slashes or dashes
        # the month, as in the US (06/15/2026), unless the first number cannot be a month
        month, day = (b, a) if m["sep"] == "." or a > 12 else (a, b)
        return _day(int(m["year"]), month, day)
    try:
        return _utc(parsedate_to_datetime(text))  # RFC 2822, as in RSS feeds
    except (TypeError, ValueError, IndexError):
        return None


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _utc(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
