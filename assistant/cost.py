"""Cost per inhabitant: the founding document's advice for answering the cost objection.

One rule serves the Calculateur page and the chat: the sentence rounds *up*
("moins de X €") so it stays true when said aloud, says "X €" when the amount is
exact, and the share of the budget is rounded the same way on screen and in the sentence.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from assistant.formats import count_of


@dataclass(frozen=True)
class CostFigures:
    per_inhabitant: float  # euros per inhabitant per year
    share_percent: float | None  # share of the total budget, in %, when the budget is known
    sentence: str
    per_inhabitant_text: str  # as shown: "0,63 €"
    share_text: str  # as shown: "0,13 %" ("" without a budget)


def half_up(value: float, decimals: int) -> float:
    """0.125 → 0.13, as a person rounds (Python's round() gives 0.12)."""
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def french_number(value: float, decimals: int = 2) -> str:
    """1234567.5 → "1 234 567,50"; whole numbers lose their ",00"."""
    text = f"{half_up(value, decimals):,.{decimals}f}".replace(",", "\u202f").replace(".", ",")
    return text[: -(decimals + 1)] if decimals and text.endswith("," + "0" * decimals) else text


def euros(value: float) -> str:
    return f"{french_number(value)} €"


_NUMBER = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?$|^\d+(?:[,.]\d+)?$")


def parse_french_number(text: str) -> float:
    """"18 000,50", "18000,50", "18 000", "1.500.000" or "2.5" → a float; anything else is a French error.

    A comma is always the decimal mark; dots or spaces between groups of three digits are thousands.
    """
    raw = (text or "").strip().replace("€", "").replace("euros", "").strip()
    if not _NUMBER.match(raw):
        raise ValueError(f"« {text} » n'est pas un nombre : écrivez par exemple 18 000 ou 18000,50.")
    if "," in raw:
        whole, decimal = raw.rsplit(",", 1)
        return float(re.sub(r"[ .\u00a0\u202f]", "", whole) + "." + decimal)
    if re.search(r"[ \u00a0\u202f]", raw) or re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):
        return float(re.sub(r"[ .\u00a0\u202f]", "", raw))
    return float(raw)


def _upper_bound(value: float) -> tuple[float, bool]:
    """The round figure to say ("moins de X"), and whether the value is exactly a round figure."""
    step = 0.1 if value < 1 else 0.5 if value < 10 else 1.0
    cents = half_up(value, 2)
    if abs(cents / step - round(cents / step)) < 1e-9:
        return cents, True
    return math.ceil(cents / step) * step, False


def _share(aict_budget: float, total_budget: float) -> tuple[float, str]:
    share = 100 * aict_budget / total_budget
    decimals = 2 if share < 1 else 1
    return share, f"{french_number(share, decimals)} %"


def share_of_budget(aict_budget: float, total_budget: float) -> str:
    """« 0,08 % »: the share of the total budget, rounded as the Calculateur rounds it."""
    return _share(aict_budget, total_budget)[1]


def cost_per_inhabitant(aict_budget: float, total_budget: float | None, population: int) -> CostFigures:
    """Euros per inhabitant, and the share of the budget when it is given, with a sentence to say in a debate."""
    if aict_budget < 0 or population <= 0 or (total_budget is not None and total_budget <= 0):
        raise ValueError("Indiquez une population et un budget total strictement positifs, et un montant positif ou nul.")
    if total_budget is not None and aict_budget > total_budget:
        raise ValueError("Le budget de l'action internationale ne peut pas dépasser le budget total.")
    per_head = aict_budget / population
    bound, exact = _upper_bound(per_head)
    if per_head == 0:
        said = "ne coûte rien aux habitants"
    elif exact:
        said = f"représente {euros(bound)} par habitant et par an"
    else:
        said = f"représente moins de {euros(bound)} par habitant et par an"
    share, share_text = _share(aict_budget, total_budget) if total_budget else (None, "")
    tail = f", soit {share_text} du budget" if share_text else ""
    sentence = f"L'action internationale de notre collectivité {said}{tail}."
    return CostFigures(per_head, share, sentence, euros(per_head), share_text)


# The figures a chat message gives (« Nous versons 25 000 € par an pour 40 000 habitants, budget 12 M€ »): the chat's
# computation and a counter-argument's « Votre chiffre » read them the same way.
_AMOUNT = re.compile(r"(\d[\d\s\u00a0\u202f.]*(?:,\d+)?)\s*(millions?|milliards?|M|k)?\s*(?:€|euros?|balles)", re.I)
_POPULATION = re.compile(r"(\d[\d\s\u00a0\u202f.]*(?:,\d+)?)\s*(millions?)?\s*(?:d')?(?:habitants|hab\.?\b)", re.I)
# « un budget de 11 millions »: millions name euros when a budget is meant, with or without « € ».
_BUDGET = re.compile(r"budget[^\d]{0,40}?(\d[\d\s\u00a0\u202f.]*(?:,\d+)?)\s*(?:(millions?|milliards?|M)\s*(?:d['’]\s*)?(?:€|euros?)?|"
                     r"(?:d')?(?:€|euros?))", re.I)


def scaled_amount(match: "re.Match[str]") -> float:
    """The number a match holds, times its unit (« 1,5 million », « 25 k€ »); a malformed number raises ValueError."""
    value = parse_french_number(match.group(1).strip())
    unit = (match.group(2) or "").lower()
    if unit.startswith("milliard"):
        return value * 1e9
    if unit.startswith("million") or unit == "m":
        return value * 1e6
    if unit == "k":
        return value * 1e3
    return value


# A commune's total budget is well above this per inhabitant (about 1 000 € and more); an international line is well below.
TOTAL_BUDGET_MIN_PER_INHABITANT = 50


# « sur 3 ans », « pour trois ans », « en 2 ans »: an amount for several years; « par an » says it is yearly already.
_OVER_YEARS = re.compile(r"\b(?:sur|pour|en) (\d+|deux|trois|quatre|cinq|six) ans\b", re.I)
_PER_YEAR = re.compile(r"\b(?:par an|/an|annuel\w*|chaque année|par année)\b|€/an", re.I)
# « ça donne combien par habitant et par an ? » asks for the result per year: it says nothing of the amount.
_RESULT_PER_YEAR = re.compile(r"\bpar (?:habitant|hab\.?) et par an\b|\bpar an et par (?:habitant|hab\.?)\b", re.I)


# The collectivity that says what it puts in, in the third person (« la mairie met… », « la ville apporte… »).
_OUR_BODY = r"(?:la mairie|la commune|la ville|la collectivité|le syndicat|le département|la région)"
# « le projet coûte 14 000 €, la mairie met 2 100 € » (fresh20, tune half): what the collectivity itself puts in.
_OWN_SHARE_BEFORE = re.compile(rf"(?:\bsoit|=|\bça fait|\bca fait|\bdonc|\bon (?:y )?met|\bnous (?:y )?mettons|\bon a mis|"
                               r"\bnous avons mis|\bon verse|\bnous versons|\bnotre part(?: est)?(?: de)?|"
                               rf"\b(?:{_OUR_BODY}|l['’]agglo\w*) (?:y )?(?:met|mettra|verse|versera|apporte|apportera|paie|paiera))\s*"
                               r"(?:juste\s+|seulement\s+|environ\s+)?$", re.I)


# « dont plus de la moitié payée par le ministère », « dont 60 % financés par l'État », « cofinancé à 50 % par l'AFD »:
# a share of the amount that someone else pays.
_PAYER = (r"(?:le ministère|l['’]État|l['’]AFD|la DCTCIV|la DAECT|l['’]Europe|l['’]Union européenne|la région|le département|"
          r"l['’]agence de l['’]eau|nos partenaires|des partenaires|la Commission européenne|Bruxelles)")
_SHARE = r"(?:plus de |près de |environ |au moins )?(?:la moitié|les deux tiers|le tiers|un tiers|les trois quarts|\d+(?:,\d+)?\s?%)"
_PAID_BY_OTHERS = re.compile(
    rf"\b(?:dont|avec)\s+(?P<share>{_SHARE})\s+(?:\w+\s+)?(?:pay\w*|financ\w*|pris\w* en charge|apport\w*|"
    rf"subventionn\w*|couvert\w*|versé\w*)\s+par\s+{_PAYER}|"
    rf"\b(?:cofinanc|co-financ|subventionn|financ)\w*\s+à\s+(?P<rate>\d+(?:,\d+)?\s?%)\s+par\s+{_PAYER}", re.I)
# « la ville apporte 20 % » of a project's total (review 25, q2505) is our share too.
_RATE_PUT = re.compile(rf"\b(?:on (?:y )?met|nous (?:y )?mettons|on (?:y )?consacre|nous (?:y )?consacrons|on prélève|on affecte|"
                       rf"{_OUR_BODY} (?:y )?(?:met|mettra|apporte|apportera|finance|financera|prend en charge))\s+"
                       r"(?:juste |seulement )?(?:le |les )?(\d+(?:,\d+)?)\s?%",
                       re.I)
PAID_CLAUSE_GAP = 40  # characters between an amount and the « dont … payée par … » clause said of it
_FRACTIONS = {"la moitié": 0.5, "les deux tiers": 2 / 3, "le tiers": 1 / 3, "un tiers": 1 / 3, "les trois quarts": 0.75}


def _share_paid(share: str | None) -> float:
    """« plus de la moitié » → 0.5, « 60 % » → 0.6: the share of the amount others pay (at least), between 0 and 1."""
    if not share:
        return 0.0
    bare = re.sub(r"^(?:plus de|près de|environ|au moins)\s+", "", share.strip().lower())
    if bare in _FRACTIONS:
        return _FRACTIONS[bare]
    number = re.match(r"(\d+(?:,\d+)?)", bare)
    return min(max(float(number.group(1).replace(",", ".")) / 100, 0.0), 0.99) if number else 0.0


def figures_in(message: str) -> tuple[float | None, int | None, float | None]:
    """(amount, population, total budget) as the message gives them (« 40 000 balles », « 35 000 € par an »,
    « 9 000 habitants », « budget de 14 M€ »); the budget's own amount is not the amount. A malformed number
    gives nothing."""
    budget_match = _BUDGET.search(message)
    amounts = [m for m in _AMOUNT.finditer(message) if not budget_match or m.start(1) != budget_match.start(1)]
    # « projet à 140 000 €, on met juste les 10 % soit 14 000 € » (fresh16, tune half): the share the collectivity
    # puts in, not the project's total.
    shares = [m for m in amounts if _OWN_SHARE_BEFORE.search(message[: m.start(1)])]
    amount_match = shares[-1] if shares else next(iter(amounts), None)
    people_match = _POPULATION.search(message)
    try:
        amount, budget = (scaled_amount(amount_match) if amount_match else None), (scaled_amount(budget_match) if budget_match else None)
        population = int(scaled_amount(people_match)) if people_match else None
    except ValueError:
        return None, None, None
    if amount is not None and budget is not None and amount > budget:
        # « la ligne … du budget : 22 000 € par an … budget de fonctionnement autour de 14 M€ »: the first amount
        # after « budget » was our line in it; the total is always the larger of the two.
        amount, budget = budget, amount
    if amount is None and budget is not None and population and budget / population < TOTAL_BUDGET_MIN_PER_INHABITANT:
        # « petit budget : 3 000 €/an » for a village of 1 350: the partnership's budget, not the commune's.
        amount, budget = budget, None
    paid = _PAID_BY_OTHERS.search(message)
    # Said of our own share too when it follows it at once: « on met 12 000 € dont la moitié payée par le ministère »;
    # not when it qualifies the project's total told before our share.
    of_our_share = bool(paid and shares and amount_match and 0 <= paid.start() - amount_match.end() <= PAID_CLAUSE_GAP)
    if amount is not None and paid and (not shares or of_our_share):
        # « 15 000 € sur 2 ans dont plus de la moitié payée par le ministère » (review 23, q2302): the ministry's share
        # is not the commune's cost; « plus de la moitié » leaves at most half of it.
        amount *= 1 - _share_paid(paid.group("share") or paid.group("rate"))
    rate = _RATE_PUT.search(message)
    if amount is not None and rate and not shares:
        # « nos recettes eau c'est 2,4 M€, si on met le 1 % » (fresh20, tune half): the rate of the amount we put in.
        amount *= float(rate.group(1).replace(",", ".")) / 100
    years = _OVER_YEARS.search(message)
    if amount is not None and years and not _PER_YEAR.search(_RESULT_PER_YEAR.sub(" ", message)):
        # « 30000 euros sur 3 ans » (fresh12, tune half): the cost is said per year.
        amount /= count_of(years.group(1)) or 1
    return amount, population, budget


def cost_from(amount: float | None, population: int | None, budget: float | None) -> CostFigures | None:
    """The Calculateur's rule on figures read from a message; None without an amount and a population, or when they
    do not make sense together (an amount above the budget)."""
    if amount is None or not population:
        return None
    try:
        return cost_per_inhabitant(amount, budget, population)
    except ValueError:
        return None


def amount_per_inhabitant(amount: float, population: int, figures: CostFigures, yearly: bool = True) -> str:
    """« 9 500 € pour 6 800 habitants, soit 1,40 € par habitant et par an »: the computation shown, exact, as a
    counter-argument's « Votre chiffre » and an article's « Par habitant » give it. Not `yearly`: a project's total."""
    return (f"{euros(amount)} pour {french_number(population, 0)} habitants, soit {figures.per_inhabitant_text} "
            f"par habitant{' et par an' if yearly else ''}")


def cost_in(message: str) -> CostFigures | None:
    """An amount with a population (and maybe a budget) in the message: the Calculateur's rule applies."""
    return cost_from(*figures_in(message))
