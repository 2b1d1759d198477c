"""Mode « question »: a short answer of 2 to 5 quoted sentences, each cited."""

from __future__ import annotations

from assistant.compose.citations import CitationBook
from assistant.compose.context import ComposeContext
import re
from typing import Callable

from assistant.compose.sentences import Sentence, candidates, pick, score_sentences
from assistant.documents import Passage
from assistant.lexical import Bm25Index

MAX_SENTENCES = 4
_ASKS_FIGURE = re.compile(
    r"\b(?:combien|quel(?:le)?s? (?:est |sont |était )?(?:le |la |les )?(?:montant|nombre|part|pourcentage|taux|budget|somme|coût)|"
    r"how (?:many|much)|à combien|jusqu'à quel)",
    re.I,
)


def compose_question(
    question: str, passages: list[Passage], bm25: Bm25Index, book: CitationBook,
    rerank: Callable[[list[Sentence]], list[Sentence]] | None = None, max_sentences: int = MAX_SENTENCES,
    wants_figure: bool = False,
) -> str:
    wants_figure = wants_figure or bool(_ASKS_FIGURE.search(question))
    ranked = score_sentences(question, candidates(passages, limit=5), bm25, prefer_figures=wants_figure)
    if wants_figure:
        # "Combien…?" is answered by a sentence with a number, not by one that merely shares its words.
        for s in ranked:
            if not re.search(r"\d", s.text):
                s.score -= 0.2
        ranked.sort(key=lambda s: -s.score)
    if rerank:
        ranked = rerank(ranked)
    if not ranked:
        return ""
    best = ranked[0].score
    chosen = pick(ranked, max_sentences, min_score=max(0.25, 0.55 * best))
    if len(chosen) < 2:
        chosen = pick(ranked, 2)
    # Keep sentences of one passage in reading order, passages in order of relevance.
    first_seen = {}
    for i, s in enumerate(chosen):
        first_seen.setdefault(s.passage.chunk.id, i)
    chosen.sort(key=lambda s: (first_seen[s.passage.chunk.id], s.position))
    parts = []
    for s in chosen:
        parts.append(f"{s.text} [{book.cite_sentence(s)}]")
    return " ".join(parts)


def compose_question_ctx(ctx: ComposeContext) -> str:
    longer = ctx.length == "long"
    return compose_question(ctx.question, ctx.passages, ctx.bm25, ctx.book, rerank=ctx.rerank,
                            max_sentences=7 if longer else MAX_SENTENCES, wants_figure=ctx.figures)
