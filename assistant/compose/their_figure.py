"""The figure an objection quotes, checked against the documents.

« 126 millions d'euros d'argent public partis dans l'aide au développement en 2021 » (review 13): the first thing an
official needs is whether the figure is right and what it holds (126,7 millions, of which 72,3 for refugees received
in France). The documents' sentence that gives the same quantity, to within rounding, is quoted as it stands.
"""

from __future__ import annotations

import re

from assistant.compose.context import ComposeContext
from assistant.compose.sentences import Sentence, candidates
from assistant.documents import unique_passages
from assistant.figures import figure_mentions
from assistant.lexical import QueryWeights

# « 126 millions » for 126,7 millions, « 4 800 collectivités » for 4 806: the same figure, rounded by the speaker.
ROUNDING = 0.02
MIN_VALUE = 10  # « 3 pays », « 1 % »: too common to tell one figure from another
# The sentence must speak of what the objection speaks of: « 500 000 € pour Dori » is our budget, not the FICOL's
# « 500 000 € chacun » that happens to share the figure.
MIN_SHARED_WORDS = 0.25


def _value(number: str) -> float:
    return float(number)  # `figure_mentions` gives it canonical: no group spaces, a decimal dot


def quoted_figures(objection: str) -> list[tuple[float, str]]:
    """The figures the objection gives, with their unit (a bare number counts nothing we can check)."""
    found = []
    for _, value, unit in figure_mentions(objection):
        number = _value(value)
        if unit and number >= MIN_VALUE:
            found.append((number, unit))
    return found


def _gives(sentence: str, figure: tuple[float, str]) -> bool:
    number, unit = figure
    return any(u == unit and abs(_value(v) - number) <= ROUNDING * max(_value(v), number)
               for _, v, u in figure_mentions(sentence))


def checked_figure(ctx: ComposeContext, objection: str) -> Sentence | None:
    """The documents' sentence that gives the figure the objection quotes, the most recent source first."""
    figures = quoted_figures(objection)
    if not figures:
        return None
    pool = unique_passages(ctx.passages + ctx.retrieve(objection, k=6))
    said = " ".join(part for part in re.split(r"(?<=[.!?;,])\s+", objection) if quoted_figures(part)) or objection
    weights = QueryWeights(said, ctx.bm25)
    giving = [s for s in candidates(pool, limit=len(pool))
              if any(_gives(s.text, f) for f in figures) and weights.share(s.terms) >= MIN_SHARED_WORDS]
    return max(giving, key=lambda s: s.passage.chunk.date or "", default=None)
