"""Sentence scoring and selection for the extractive composers.

Extractive answers are only as good as this step: a sentence is kept when it
shares the question's rarer words (IDF-weighted, stemmed), is close in meaning
(dense cosine, from vectors computed at ingest), and comes from a well-ranked passage.
"""

from __future__ import annotations

import re

from assistant.lexical import Bm25Index, QueryWeights, terms
from assistant.sentences import MAX_WORDS, MIN_WORDS, Sentence, candidates, split_passage


__all__ = ["MAX_WORDS", "MIN_WORDS", "Sentence", "candidates", "split_passage", "score_sentences", "pick", "quoted"]


def quoted(text: str) -> str:
    """French quotation marks around a sentence, unless it is already a quotation; a quotation inside it takes
    the inner marks (« “Il faut leur faire goûter…” résume l'un des groupes. »), never « « twice."""
    if text.startswith("«") and text.rstrip(".").endswith("»") and text.count("«") == 1:
        return text
    inner = re.sub(r"«\s*", "“", re.sub(r"\s*»", "”", text))
    return f"« {inner} »"


def score_sentences(
    query: str, sents: list[Sentence], bm25: Bm25Index, prefer_figures: bool = False, use_headings: bool = True
) -> list[Sentence]:
    """IDF-weighted share of the query's terms found in the sentence, nudged by passage rank.

    With `use_headings`, a sentence that opens a section may borrow the section title
    when the title holds the answer ("Le fondement : l'article L1115-1 du CGCT").
    """
    weights = QueryWeights(query, bm25)
    for s in sents:
        heading_terms = set(terms(s.heading)) if s.heading else set()
        overlap = weights.share(s.terms)
        with_heading = weights.share(s.terms | heading_terms)
        if use_headings and with_heading > overlap + 0.15:
            # The answer sits in the title ("Le fondement : l'article L1115-1 du CGCT"): quote both.
            s.text = f"{s.heading} : {s.text}"
            s.terms = frozenset(s.terms | heading_terms)
            s.heading = ""
            overlap = with_heading
        rank_prior = 1.0 / (1.0 + 0.35 * (s.passage.rank - 1))
        s.score = overlap + 0.25 * rank_prior + 0.5 * max(0.0, s.passage.dense - 0.8)
        if prefer_figures and s.has_figure:
            s.score += 0.15
    return sorted(sents, key=lambda s: -s.score)


def pick(ranked: list[Sentence], n: int, min_score: float = 0.0, diversity: float = 0.6) -> list[Sentence]:
    """Greedy selection that skips near-duplicates (shared terms above `diversity`)."""
    chosen: list[Sentence] = []
    for s in ranked:
        if len(chosen) >= n or s.score < min_score:
            break
        if any(len(s.terms & c.terms) / max(1, min(len(s.terms), len(c.terms))) > diversity for c in chosen):
            continue
        chosen.append(s)
    return chosen
