"""Source dates: the year of a document and whether its figures need checking (older than two years)."""

from __future__ import annotations

import re
from datetime import date

STALE_AFTER_YEARS = 2


def source_year(date_text: str | None) -> int | None:
    m = re.match(r"(\d{4})", date_text or "")
    return int(m.group(1)) if m else None


def stale_year(date_text: str | None, today: date | None = None) -> int | None:
    """The source's year when it is more than two years old, else None."""
    year = source_year(date_text)
    if year is not None and (today or date.today()).year - year > STALE_AFTER_YEARS:
        return year
    return None
