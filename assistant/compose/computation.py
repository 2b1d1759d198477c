"""A computation asked in the chat (« 25 000 € pour 40 000 habitants, ça fait combien ? »):
the Calculateur's rule, then, when the documents support it, a cited sentence on how to present a cost."""

from __future__ import annotations

from assistant.compose.context import ComposeContext
from assistant.compose.sentences import candidates, pick, score_sentences
from assistant.cost import CostFigures

PRESENTING_COST = "part des actions internationales dans le budget global de la commune montant par habitant nuancer les critiques financières"


def computed_lines(figures: CostFigures) -> list[str]:
    """The result and the sentence to say: all that « plus court » keeps of a computation."""
    return [f"**{figures.per_inhabitant_text} par habitant et par an**"
            + (f", soit {figures.share_text} du budget." if figures.share_text else "."),
            "", f"À dire : « {figures.sentence} »"]


def compose_computation(ctx: ComposeContext, figures: CostFigures) -> str:
    lines = computed_lines(figures)
    if not figures.share_text:
        lines.append("_Indiquez aussi le budget total de la collectivité pour obtenir la part du budget._")
    advice = pick(score_sentences(PRESENTING_COST, candidates(ctx.retrieve(PRESENTING_COST, k=4), limit=4), ctx.bm25), 1,
                  min_score=0.4)
    if advice:
        s = advice[0]
        lines += ["", f"Pourquoi le présenter ainsi : « {s.text} » [{ctx.book.cite_sentence(s)}]"]
    return "\n".join(lines)
