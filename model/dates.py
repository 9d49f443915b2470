"""Fuzzy dates: a date keeps the precision its text gives (year, month or day)."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class DateError(ValueError):
    """A value that is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD."""


@dataclass(frozen=True, order=True)
class FuzzyDate:
    """A date as a text gives it. `start`/`end` are the first and last day it can mean."""

    start: dt.date
    end: dt.date
    text: str
    precision: str  # "year" | "month" | "day"

    @classmethod
    def parse(cls, value) -> "FuzzyDate":
        if isinstance(value, FuzzyDate):
            return value
        if isinstance(value, dt.date):
            value = value.isoformat()
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise DateError(f"{value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
        text = value.strip()
        m = _PATTERN.match(text)
        if not m:
            raise DateError(f"{value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        try:
            if month is None:
                return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), text, "year")
            mon = int(month)
            if day is None:
                last = calendar.monthrange(year, mon)[1]
                return cls(dt.date(year, mon, 1), dt.date(year, mon, last), text, "month")
            d = dt.date(year, mon, int(day))
            return cls(d, d, text, "day")
        except ValueError as exc:
            raise DateError(f"{value!r} is not a valid date ({exc})") from None

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def __str__(self) -> str:
        return self.text


def parse_optional(value) -> FuzzyDate | None:
    if value is None or value == "":
        return None
    return FuzzyDate.parse(value)
