"""Cost per inhabitant: the founding document's advice for answering the cost objection."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class CostFigures:
    per_inhabitant: float  # euros per inhabitant per year
    share_percent: float  # share of the total budget, in %
    sentence: str


def _euros(value: float) -> str:
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",")
    return text[:-3] if text.endswith(",00") else text


def _ceil(value: float, step: float) -> float:
    return math.ceil(value / step - 1e-9) * step


def cost_per_inhabitant(aict_budget: float, total_budget: float, population: int) -> CostFigures:
    """Euros per inhabitant and share of the budget, with a sentence to say in a debate.

    The sentence rounds up ("moins de X €"), so that it stays true as said aloud.
    """
    if aict_budget < 0 or total_budget <= 0 or population <= 0:
        raise ValueError("Indiquez un budget total et une population strictement positifs, et un budget AICT positif ou nul.")
    if aict_budget > total_budget:
        raise ValueError("Le budget de l'action internationale ne peut pas dépasser le budget total.")
    per_head = aict_budget / population
    share = 100 * aict_budget / total_budget
    bound_head = _ceil(per_head, 0.1 if per_head < 1 else 1)
    if bound_head == per_head:
        bound_head += 0.1 if per_head < 1 else 1
    share_text = f"{share:.2f}".replace(".", ",") if share < 1 else f"{share:.1f}".replace(".", ",")
    sentence = (
        f"L'action internationale de notre collectivité représente moins de {_euros(bound_head)} € par habitant "
        f"et par an, soit {share_text} % du budget."
    )
    return CostFigures(per_head, share, sentence)
