"""Another town's story, when a rebuttal's request asks for one (« Si tu as l'exemple concret d'une autre ville qui
en a tiré un bénéfice chez elle, je prends », review 14): the documents' testimonies (Commercy, Châtellerault,
Chambéry…) told as what happened there, never as the user's own project."""

from __future__ import annotations

import re

from assistant.compose.context import ComposeContext
from assistant.compose.places import place_of
from assistant.compose.sentences import Sentence, candidates, score_sentences

# « l'exemple concret d'une autre ville », « un exemple de commune qui… », « d'autres collectivités qui l'ont fait ».
ASKS_EXAMPLE = re.compile(
    r"\bexemples?\b[^.?!]{0,40}?\b(?:villes?|communes?|collectivités?|territoires?|départements?|régions?|ailleurs)\b|"
    r"\b(?:d['’]autres|une autre|un autre) (?:villes?|communes?|collectivités?|territoires?)\b[^.?!]{0,30}?\bqui\b", re.I)
EXAMPLE_QUERY = ("l'exemple d'une ville : sa coopération a apporté des retombées à son territoire, à ses habitants, "
                 "à ses jeunes, à ses associations et à ses entreprises")
MIN_EXAMPLE_SCORE = 0.2
# What the cooperation brought the town itself (« les agents de la ville française gagnaient en savoir-faire »,
# « l'un des premiers impacts… »): what an official asking for an example needs, before how it was run.
_BROUGHT_HOME = re.compile(r"\b(?:impacts?|gagn\w*|retombées|bénéfic\w*|appris|apprendre|mobilis\w*|"
                           r"renforc\w*|savoir-faire|emplois?)\b", re.I)


def asks_example(request: str) -> bool:
    return bool(ASKS_EXAMPLE.search(request))


def example_elsewhere(ctx: ComposeContext, objection: str, taken: set[str]) -> tuple[str, Sentence] | None:
    """The town and the sentence that tells what its cooperation brought home, closest to this objection; none
    when no passage names another town."""
    pool = ctx.retrieve_about(EXAMPLE_QUERY, objection, k=8)
    told = [(place_of(s, ctx.question), s) for s in candidates(pool, limit=10)
            if not any(s.text in t or t in s.text for t in taken)]
    told = [(place, s) for place, s in told if place]
    if not told:
        return None
    ranked = ctx.rerank(score_sentences(f"{EXAMPLE_QUERY} {objection}", [s for _, s in told], ctx.bm25),
                        query=f"{objection} {EXAMPLE_QUERY}")
    ranked = [s for s in ranked if s.score >= MIN_EXAMPLE_SCORE]
    best = next((s for s in ranked if _BROUGHT_HOME.search(s.text)), ranked[0] if ranked else None)
    return None if best is None else next((place, s) for place, s in told if s is best)
