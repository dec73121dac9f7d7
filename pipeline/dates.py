"""Publication dates as analysts can use them: a day, how precise it is, and the instant.

Dumps write dates every which way: ISO 8601 (``2019-11-05``, ``2019-11``,
``2019-11-05T14:03:00+01:00``), RFC 2822 feeds (``Tue, 05 Nov 2019 14:03:00 +0100``),
Dutch prose (``dinsdag 5 november 2019, 14:03 uur``, ``nov. 2019``), Dutch numeric
layouts (``05-11-2019``, ``5/11/2019``, ``05.11.2019``: day first) and epoch seconds or
milliseconds. A column that mixes ``2019-06`` and ``2019-06-14`` is typed as text by
every tool, so each date becomes one calendar day (the first day of the month or year
when less is known) plus its precision (``day``, ``month``, ``year``), and, when the input
gives a time with an offset (or an epoch, which is UTC), the full timestamp.

A naive time of day (no offset) gives no timestamp: guessing a time zone would make an
instant that the input never stated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from email.utils import parsedate_to_datetime

DAY, MONTH, YEAR = "day", "month", "year"

_MONTH_NAMES = (
    ("januari", "jan", "january"),
    ("februari", "feb", "febr", "february"),
    ("maart", "mrt", "mar", "march"),
    ("april", "apr"),
    ("mei", "may"),
    ("juni", "jun", "june"),
    ("juli", "jul", "july"),
    ("augustus", "aug", "august"),
    ("september", "sep", "sept"),
    ("oktober", "okt", "oct", "october"),
    ("november", "nov"),
    ("december", "dec"),
)
MONTHS = {name: n for n, names in enumerate(_MONTH_NAMES, start=1) for name in names}

_WEEKDAY = (
    r"(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|"
    r"ma|di|wo|do|vr|za|zo)\.?,?\s+)?"
)
_MONTH = r"(?P<month>[a-z]+)\.?"
_TIME = (
    r"(?:,?\s*(?:om\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?:\s*uur)?(?:\s*(?P<offset>[+-]\d{2}:?\d{2}|Z|UTC|GMT))?)?"
)
_ISO_PARTIAL = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{1,2}))?(?:-(?P<day>\d{1,2}))?")
_WORDS = re.compile(_WEEKDAY + r"(?:(?P<day>\d{1,2})\s+)?" + _MONTH + r"\s+(?P<year>\d{4})" + _TIME)
_NUMERIC = re.compile(r"(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})[-/.](?P<year>\d{4})" + _TIME)
_YEAR_FIRST = re.compile(r"(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})" + _TIME)
_EPOCH = re.compile(r"-?\d{9,13}(?:\.\d+)?")


@dataclass(frozen=True)
class ParsedDate:
    """``date``: ISO day (``2019-06-01`` for June 2019); ``precision``: day, month or year;
    ``published_at``: ISO 8601 timestamp with offset, only when the input gives one."""

    date: str | None = None
    precision: str | None = None
    published_at: str | None = None

    @property
    def partial(self) -> str | None:
        """The date as precise as it is known: ``2019-06-14``, ``2019-06`` or ``2019``."""
        if self.date is None:
            return None
        return {DAY: self.date, MONTH: self.date[:7], YEAR: self.date[:4]}[self.precision or DAY]


def parse(raw: object) -> ParsedDate:
    """The publication date in ``raw``; empty input gives an empty ``ParsedDate``.

    Raises ``ValueError`` naming the value when it is no date this function understands
    (or names a day that does not exist, such as ``32 januari`` or ``2019-02-30``).
    """
    if raw is None or isinstance(raw, bool):
        return ParsedDate()
    if isinstance(raw, int | float):
        return _epoch(float(raw), raw)
    text = " ".join(str(raw).split())
    if not text:
        return ParsedDate()
    try:
        return _parse_text(text)
    except (OverflowError, TypeError, IndexError) as exc:
        raise ValueError(f"unparseable date {text!r}") from exc


def _parse_text(text: str) -> ParsedDate:
    match = _ISO_PARTIAL.fullmatch(text)
    if match:
        return _calendar(text, match["year"], match["month"], match["day"])
    if _EPOCH.fullmatch(text):
        return _epoch(float(text), text)
    lowered = text.lower()
    for pattern in (_NUMERIC, _YEAR_FIRST, _WORDS):
        match = pattern.fullmatch(lowered)
        if match:
            month = match["month"]
            if not month.isdigit():
                if month not in MONTHS:
                    raise ValueError(f"unparseable date {text!r}: unknown month {month!r}")
                month = str(MONTHS[month])
            parsed = _calendar(text, match["year"], month, match["day"])
            return _with_time(parsed, match, text)
    stamp = _timestamp(text)
    day = stamp.date().isoformat()
    if stamp.tzinfo is None:
        return ParsedDate(day, DAY)
    return ParsedDate(day, DAY, stamp.isoformat())


def _calendar(text: str, year: str, month: str | None, day: str | None) -> ParsedDate:
    try:
        if day is not None and month is not None:
            return ParsedDate(date(int(year), int(month), int(day)).isoformat(), DAY)
        if month is not None:
            return ParsedDate(date(int(year), int(month), 1).isoformat(), MONTH)
        return ParsedDate(date(int(year), 1, 1).isoformat(), YEAR)
    except ValueError as exc:
        raise ValueError(f"unparseable date {text!r}: {exc}") from exc


def _with_time(parsed: ParsedDate, match: re.Match[str], text: str) -> ParsedDate:
    if match["hour"] is None or parsed.precision != DAY or parsed.date is None:
        return parsed
    try:
        moment = time(int(match["hour"]), int(match["minute"]), int(match["second"] or 0))
    except ValueError as exc:
        raise ValueError(f"unparseable date {text!r}: {exc}") from exc
    offset = match["offset"]
    if offset is None:
        return parsed
    if offset.upper() in ("Z", "UTC", "GMT"):
        zone = UTC
    else:
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        zone = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    stamp = datetime.combine(date.fromisoformat(parsed.date), moment, zone)
    return ParsedDate(parsed.date, DAY, stamp.isoformat())


def _epoch(value: float, raw: object) -> ParsedDate:
    """Seconds since 1970 (UTC); 12 or more digits are milliseconds."""
    seconds = value / 1000 if abs(value) >= 1e11 else value
    try:
        stamp = datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError) as exc:
        raise ValueError(f"unparseable date {raw!r}: epoch out of range") from exc
    return ParsedDate(stamp.date().isoformat(), DAY, stamp.isoformat())


def _timestamp(text: str) -> datetime:
    """ISO 8601 date-times (``Z`` included), else RFC 2822 as in RSS feeds."""
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            return parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError) as exc:
            raise ValueError(f"unparseable date {text!r}") from exc
