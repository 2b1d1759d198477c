"""The rates an answer quotes, applied to the amount the user gives: « pour un projet de 80 000 € avec une commune
du Burkina Faso, combien la DCTCIV peut-elle apporter au maximum ? » is answered with « plafonné à 70 % du coût
total… », and the official still has to work out 56 000 € (review 20, R12: « les montants ne sont jamais calculés »).

A line after the quoted sentences does the arithmetic, each rate with the citation of the sentence it comes from,
said to be the assistant's computation. Only rates of a funding rule count (« plafonné à », « au moins »,
« jusqu'à »); a statistic (« 57,6 % des dossiers retenus », « en hausse de 3,5 % ») is not applied to anything.
"""

from __future__ import annotations

import re

from assistant.cost import euros, scaled_amount

# « 80 000 € », « 1,2 million d'euros », « 450 k€ »: the Calculateur's pattern (`cost`), with « d'euros » after a
# scale; its groups (number, scale) are read by `cost.scaled_amount`.
AMOUNT = re.compile(r"(\d[\d\s\u00a0\u202f.]*(?:,\d+)?)\s*(millions?|milliards?|M|k)?\s*(?:d['’]\s*)?(?:€|euros?)",
                    re.I)
# What the question asks of its amount.
_ASKS_A_SHARE = re.compile(r"\bcombien\b|\bmontant\b|\bquelle part\b|\bpart minimale\b|"
                           r"\bau (?:maximum|minimum|plus|moins)\b|\bplafond\b|\bjusqu['’]à combien\b", re.I)
# A rate of a funding rule: the words just before it say it caps, floors or sets a share.
_RULE_RATE = re.compile(r"(?:plafonnée?s? à|jusqu['’]à|au (?:moins|plus|maximum|minimum)|atteindre|taux unique de|"
                        r"à hauteur de|apporter au moins|à)\s+(\d{1,3}(?:,\d+)?)\s?%", re.I)
# Sentences that report statistics, whose percentages are not rules to apply.
_STATISTIC = re.compile(r"\bretenus\b|\bacceptation\b|\bsélection\b|\bhausse\b|\bbaisse de\b|\bsoit \d|\bévolution\b",
                        re.I)
# « la dernière tranche est versée à 80 % »: when the money is paid, not what share of the project it covers.
_PAYMENT = re.compile(r"\bversée?s?\b|\btranches?\b|\bsolde\b", re.I)
_RULE_WORDS = re.compile(r"cofinanc\w*|subvention|apport\w*|contribution|budget|coût total|plafonn\w*|financ\w*", re.I)
MAX_RATES = 4
SMALLEST_PROJECT = 1_000  # below this, an amount in the question is no project budget


def project_amount(question: str) -> float | None:
    """The one amount the question gives, when it asks what share of it applies; None otherwise (two amounts are
    ambiguous, and an amount with no such question is context)."""
    found = list(AMOUNT.finditer(question))
    if len(found) != 1 or not _ASKS_A_SHARE.search(question):
        return None
    try:
        amount = scaled_amount(found[0])
    except ValueError:
        return None
    return amount if amount >= SMALLEST_PROJECT else None


# « …plafonné à 70 % du coût total… [1] »: each quoted sentence of the answer with its citation number.
_CITED_SENTENCE = re.compile(r"([^\[\]]+?)\s*\[(\d+)\]")


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[\wÀ-ÿ]{3,}", text)} - _COMMON


_COMMON = {"les", "des", "pour", "avec", "projet", "projets", "pays", "une", "aux", "dans", "par", "sur", "total", "coût"}


def _rates(body: str, question: str) -> list[tuple[str, str, int]]:
    """(rate, the rule's words, citation number) of each funding rule's rate the answer's sentences give, each rate
    once. Of the rates one sentence lists (« 70 % … avec les PMA, 50 % pour les autres pays… »), the one whose case
    the question names (« qui fait partie des PMA ») stands alone."""
    asked = _words(question)
    out: list[tuple[str, str, int]] = []
    for m in _CITED_SENTENCE.finditer(body):
        sentence, n = m.group(1), int(m.group(2))
        if _STATISTIC.search(sentence) or not _RULE_WORDS.search(sentence):
            continue
        found = [(r.group(1), _rule_words(sentence, r)) for r in _RULE_RATE.finditer(sentence)
                 if not _PAYMENT.search(sentence[max(0, r.start() - 40):r.start()])]
        named = [(rate, rule) for rate, rule in found if _words(rule) & asked]
        for rate, rule in named or found:
            if rate not in {r for r, _, _ in out}:
                out.append((rate, rule, n))
    return out[:MAX_RATES]


_CLAUSE_END = re.compile(r"\s*(?:[;,()]|\bet\b|\bpuis\b|$)")
RULE_WORDS = 16


def _rule_words(sentence: str, rate: "re.Match[str]") -> str:
    """« plafonné à 70 % du coût total pour les projets avec les PMA »: the rate with what it applies to, up to the
    end of its clause, at most sixteen words."""
    rest = sentence[rate.end():]
    end = _CLAUSE_END.search(rest)
    words = f"{rate.group(0)}{rest[:end.start() if end else len(rest)]}".split()
    rule = " ".join(words[:RULE_WORDS]).rstrip(" .;:")
    return rule[:1].lower() + rule[1:]


def applied_rates_line(question: str, body: str) -> str:
    """« _Appliqué à vos 80 000 € (calcul de l'assistant, à vérifier) : plafonné à 70 % du coût total pour les
    projets avec les PMA [1], soit 56 000 € ; …_ », or '' (`body`: the answer before its sources)."""
    amount = project_amount(question)
    rates = _rates(body, question) if amount else []
    if not amount or not rates:
        return ""
    parts = [f"{rule} [{n}], soit {euros(amount * float(rate.replace(',', '.')) / 100)}" for rate, rule, n in rates]
    return f"_Appliqué à vos {euros(amount)} (calcul de l'assistant, à vérifier) : {' ; '.join(parts)}._"
