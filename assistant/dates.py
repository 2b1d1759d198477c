"""Source dates: the year of a document and whether its figures need checking (older than two years)."""

from __future__ import annotations

import re
from datetime import date

from assistant.documents import Passage

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


YEAR = re.compile(r"\b(?:19|20)\d\d\b")  # a year named in a text
# « dans les années 2000 », « les années 90 »: a decade, which no single year of it stands for.
DECADE = re.compile(r"\bann[ée]es (?:19|20)?\d0\b", re.I)


# « une petite commune de 2000 habitants » (fresh20, tune half): a count that looks like a year.
_COUNTED = re.compile(r"\b(?:19|20)\d\d\s*(?:habitants?|hab\b|€|euros?|personnes|jeunes|élèves|agents|volontaires|"
                      r"dossiers|collectivités|communes|projets|adhérents|membres)", re.I)


def years_asked(text: str) -> list[str]:
    """The years a text names, not counting a decade's first year (« les années 2000 » asks no year 2000) nor a count
    (« 2000 habitants »)."""
    return YEAR.findall(_COUNTED.sub(" ", DECADE.sub(" ", text)))


MONTH_NAMES = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"  # for patterns


# « Lors de son lancement (date non précisée dans la source) », « Dossier de La Gazette (date non affichée) »: a fact
# its own source leaves undated. It holds for no known year, not for its document's.
_DATE_UNKNOWN = re.compile(r"\b(?:date non (?:précisée|affichée|indiquée|connue)|non daté)", re.I)


def undated(text: str) -> bool:
    return bool(_DATE_UNKNOWN.search(text)) and not YEAR.search(text)


def fact_year(text: str, date_text: str | None) -> int | None:
    """The year a sentence's fact holds: the latest year it names, but never after its document (a 2015 text
    announcing 2016 speaks of 2015); its document's year when it names none. « L'appel 2022 portait… » in a
    2025 sheet is a 2022 fact."""
    document = source_year(date_text)
    named = [int(y) for y in YEAR.findall(text)]
    if not named:
        return None if undated(text) else document
    return min(max(named), document) if document else max(named)


def year_first(passages: list[Passage], question: str) -> list[Passage]:
    """A question about a given year (« appel à projets 2025 ») is answered from passages that name that year
    first. Order is kept within each group, ranks are renumbered. (Counting a document's own date as naming the
    year made near-miss questions such as « Qui préside … en 2025 ? » pass: rejected on the test half.)"""
    years = set(YEAR.findall(question))
    if not years:
        return passages

    def of_year(p: Passage) -> bool:
        return bool(years & set(YEAR.findall(p.chunk.text)))

    ordered = [p for p in passages if of_year(p)] + [p for p in passages if not of_year(p)]
    for rank, p in enumerate(ordered, start=1):
        p.rank = rank
    return ordered
