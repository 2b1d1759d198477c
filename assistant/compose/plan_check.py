"""Whether the financing plan a request gives meets the minimum share the documents ask of the collectivités.

« budget total 640 000 €, subvention AFD demandée 420 000 €… Vérifie au passage si notre plan de financement
respecte la règle de contribution minimale des collectivités » (review 24, q2406) was not checked: the official had
to find the rule and do the sum. The rule is a quoted, cited sentence (« la collectivité apporte au moins 30 % du
budget »); the arithmetic is the assistant's, said so.
"""

from __future__ import annotations

import re

from assistant.compose.applied_rates import AMOUNT
from assistant.compose.sentences import quoted
from assistant.cost import euros, french_number, scaled_amount

_AMOUNT = AMOUNT.pattern  # an amount as `applied_rates` reads it, whose groups `cost.scaled_amount` scales
# « Vérifie au passage si notre plan de financement respecte la règle… », « ça passe avec notre plan ? »
CHECK_ASKED = re.compile(r"\b(?:vérifie\w*|respecte\w*|conforme\w*|dans les clous|(?:ça|ca) passe)\b", re.I)
_PLAN = re.compile(r"\bplan de financement\b|\bpart (?:minimale|de la commune|des collectivités)\b|\bcontribution minimale\b|"
                   r"\bapport minimal\b|\brègle\b", re.I)
_TOTAL = re.compile(rf"\b(?:budget (?:total|global)|coût total|montant total|projet (?:total )?(?:de|d['’]))\s*(?:de\s+|:\s*)?{_AMOUNT}",
                    re.I)
_REQUESTED = re.compile(rf"\b(?:subvention|cofinancement|aide)\b[^.;:€\d]{{0,40}}?{_AMOUNT}|{_AMOUNT}\s+(?:de subvention|"
                        rf"de cofinancement|d['’]aide)\b", re.I)
# « la collectivité apporte au moins 30 % du budget », « Au moins 30 % du plan de financement doit venir des
# collectivités », « doit apporter au moins 10 % du budget global »: the floor of the collectivités' own share.
_MIN_SHARE = re.compile(r"\bau moins (\d{1,2}(?:,\d+)?)\s?%\s+(?:du (?:budget|plan de financement|financement|coût))", re.I)
_OURS = re.compile(r"\bcollectivités?\b", re.I)


def _amount(span: "re.Match[str] | None") -> float | None:
    """The amount inside a matched phrase (« budget total 640 000 € » → 640000)."""
    found = AMOUNT.search(span.group(0)) if span else None
    return scaled_amount(found) if found else None


def plan_figures(request: str) -> tuple[float, float] | None:
    """(total budget, subsidy asked) as the request gives them, when it asks for the plan to be checked."""
    if not (CHECK_ASKED.search(request) and _PLAN.search(request)):
        return None
    try:
        total = _amount(_TOTAL.search(request))
        asked = _amount(_REQUESTED.search(request))
    except ValueError:
        return None
    if not total or not asked or asked >= total:
        return None
    return total, asked


def minimum_share(sentence: str) -> float | None:
    """The collectivités' minimum share a sentence sets, in percent, or None."""
    found = _MIN_SHARE.search(sentence)
    if not found or not _OURS.search(sentence):
        return None
    return float(found.group(1).replace(",", "."))


def plan_check_line(total: float, asked: float, rule: str, citation: int) -> str:
    """« Part des collectivités : 220 000 € sur 640 000 €, soit 34,4 %. Règle : « …au moins 30 % du budget » [2] :
    votre plan la respecte. » The rule is quoted whole: the citation's source may show another sentence of its
    section."""
    floor = minimum_share(rule) or 0.0
    own = total - asked
    share = 100 * own / total
    verdict = "votre plan la respecte" if share >= floor else f"il manque {euros(floor * total / 100 - own)}"
    return (f"Part des collectivités : {euros(own)} sur {euros(total)}, soit {french_number(share, 1)} %. "
            f"Règle : {quoted(rule)} [{citation}] : au moins {french_number(floor)} %, {verdict} "
            "(calcul de l'assistant, à vérifier).")
