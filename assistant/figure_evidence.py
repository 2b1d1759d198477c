"""Does the evidence hold the figure the question asks for?

Near-miss questions are mostly figure questions about something the documents name without giving its figure:
« Combien Bordeaux Métropole inscrit-elle à son budget… ? » (Bordeaux Métropole is described, its budget is not),
« taux de cofinancement… en 2026 » (the rates of 2024 and 2025 are given), « ficol 2023 et 2024 : nombre de projets
retenus ? » (the calls' dates are given, not their results). The passages are close in meaning and in words, so the
dense and lexical signals let them through; what is missing is one sentence that gives a figure of the kind asked
(an amount, a rate, a count) *and* names what the question names (its rare names, its years).
"""

from __future__ import annotations

import re

from assistant.compose.tools import tool_ids
from assistant.dates import YEAR, years_asked
from assistant.documents import Passage
from assistant.lexical import Bm25Index, terms
from assistant.sentences import split_passage

# A figure question, by the kind of figure it wants. Only asking forms: « verser une enveloppe à une ONG » asks none.
_VERBS = (r"(?:co[uû]t|touch|rapport|dépen[sc]|vers|mobilis|consacr|inscri|gagn|perç|reç)\w*|"
          r"pa(?:y|i)(?:e|é|er|ent|ons|ez|era)\w*")  # « payer », not « pays »
_ASKS = {
    "amount": re.compile(
        r"\b(?:combien (?:de |d['’])(?:euros|budget|argent|crédits?|fric|sous|financements?|subventions?)\b|"
        r"quel(?:le)?s? (?:est |sont |était |a été |serait |sera |seront )?(?:le |la |les |l['’])?"
        rf"(?:somme|montant|budget|enveloppe|dotation|coût|indemnité)|en euros|combien (?:[\w-]+ ){{0,4}}(?:{_VERBS})|"
        rf"(?:{_VERBS}) combien|à combien s['’]él[eè]v\w*|"
        # « combien l'AFD a mis dans le FEXTE en 2023 ? » (holdout 5, tune half); not « combien de projets ont été mis
        # en œuvre », a count.
        r"combien (?!de |d['’])(?:[\w'’-]+ ){0,3}(?:a|ont|avait|avaient|aura) (?:mis|investi|alloué|débloqué)\b|"
        # « combien les collectivités françaises mettent dans l'APD ? » (fresh18, tune half): money put in, now.
        r"combien (?!de |d['’])(?:[\w'’-]+ ){0,4}(?:met|mettent|donnent|investissent|apportent)\b|"
        r"\b(?:donn\w*|file[rz]?|filent|accord\w*|octroi\w*) combien\b|"
        # « montant max de la subvention », « plafond de subvention par projet »: a bound, asked without a verb.
        r"montants? (?:max\w*|min\w*|plafond|exacte?s?|total)\b|plafond (?:de (?:la )?|des )?(?:subventions?|aides?|financements?))", re.I),
    # The « 1 % eau », « 1% déchets »: a tool's name, not a rate asked.
    "rate": re.compile(r"\b(?:taux|pourcentage|quelle part)\b|"
                       r"%(?!\s*(?:»|eau|[ée]nergie|d[ée]chets|mobilit|transport|pour (?:l['’]eau|les transports)))", re.I),
    "count": re.compile(r"\b(?:combien (?:de |d['’])(?!euros|temps\b|mois\b|années\b|ans\b)\w+|nombre (?:de |d['’])\w+)", re.I),
    # « durée max d'un projet », « ça dure combien de temps ? »: a length of time.
    # Not « une stratégie pour la durée du mandat » (holdout15, tune half): the period something holds for.
    "duration": re.compile(r"(?<!pour la )(?<!pendant la )(?<!durant la )(?<!sur la )(?<!toute la )\bdurées?\b|"
                           r"\bcombien de (?:temps|mois|années)\b|\bdure(?:nt|ra|rait)? combien\b", re.I),
    # Only with a year named (see `figure_asked`): « date limite … en 2026 » when the documents give 2024's and 2025's.
    "date": re.compile(r"\b(?:quand|date|dates|calendrier|délai|échéance)\b", re.I),
}
_NUMBER_WORD = r"(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|quarante|cinquante|" \
               r"soixante|cent|mille)"
_MONTH = r"(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|er)"
_SAYS = {
    "amount": re.compile(r"\d[\d  \u202f.,]*\s*(?:€|euros?|millions?|milliards?|M€|k€)|"
                         r"\b(?:millions?|milliards?) d['’]euros", re.I),
    "rate": re.compile(r"\d\s*%|pour ?cent", re.I),
    # A number counting something: not a year, not a day of a month, not money nor a share.
    "count": re.compile(rf"(?:\b(?!(?:19|20)\d\d\b)\d[\d  \u202f]*|\b{_NUMBER_WORD}s?)\s+"
                        rf"(?!{_MONTH}\b|%|€|euros?\b|millions?\b|milliards?\b)[a-zéèêàâîôûç]", re.I),
    "duration": re.compile(r"\b\d+\s*(?:à|-|ou)?\s*(?:\d+\s*)?(?:mois|ans|années|semaines|jours)\b|"
                           rf"\b{_NUMBER_WORD}\s+(?:mois|ans|années|semaines)\b", re.I),
    # A day of a month, or a month of a year: « du 7 avril au 30 mai 2025 », « mars 2022 ».
    "date": re.compile(rf"\b\d{{1,2}}(?:er)? {_MONTH}|\b{_MONTH} (?:19|20)\d\d\b", re.I),
}
# « programme 2024-2026 », « de 2014 à 2021 », « entre 2017 et 2022 »: a span, which names neither end as such.
_Y = r"(?:19|20)\d\d"
_RANGE = re.compile(rf"\b{_Y} ?[-–] ?{_Y}\b|\bde {_Y} à {_Y}\b|\bentre {_Y} et {_Y}\b")

# What an amount is paid as (« la cotisation annuelle à Cités Unies France », « l'indemnité d'un volontaire »): the
# evidence must name it, or it gives another sum about the same body (holdout 8, tune half: CUF's counts answered
# its membership fee).
_AMOUNT_OF = re.compile(r"\b(cotisations?|adhésions?|indemnités?|salaires?|rémunérations?|tarifs?|prix|loyers?|frais)\b", re.I)
# Typed as keywords (« Montant APD collectivités 2023 », « cotisation CUF ? »): the noun opening the query asks it.
# (« enveloppe DAECT 2015 ? » stays out: the 2015 synthesis gives that year's 8,5 millions without naming the year.)
_ASKS["amount"] = re.compile(_ASKS["amount"].pattern + r"|^\W*(?:la |le |les )?(?:cotisations?|tarifs?|prix|montants?)\b",
                             re.I)

# A name in at most this many passages is specific (Bordeaux, Chécy, PMA); a frequent one (FICOL, AFD) is the
# corpus's own subject and found near some figure anyway.
RARE_NAME_PASSAGES = 4
EVIDENCE_PASSAGES = 8
FIGURE_ABSENT = "chiffre"  # the reason reported with the names and years the documents do not hold


def says_figure(kind: str, text: str) -> bool:
    """Whether the text gives a figure of that kind: « 8 500 euros » for an amount, « 90 % » for a rate."""
    return bool(_SAYS[kind].search(text))


def figure_asked(question: str) -> str | None:
    """The kind of figure asked for (« amount », « rate », « count », « date »), or None. A date is a figure only
    for a given year: « quand dépose-t-on ? » is answered by any call's calendar, « … en 2026 ? » only by 2026's."""
    return next((kind for kind, pattern in _ASKS.items()
                 if pattern.search(question) and (kind != "date" or YEAR.search(question))), None)


def _specific_names(names: list[str], places: set[str] | frozenset[str], names_text: str, bm25: Bm25Index) -> list[str]:
    """The places the question is about, the rare names among its names, and the years it names."""
    rare = [n for n in names if terms(n) and all(0 < bm25.doc_freq.get(t, 0) <= RARE_NAME_PASSAGES for t in terms(n))]
    return sorted(p for p in places if terms(p) and all(bm25.doc_freq.get(t, 0) for t in terms(p))) + \
        [n for n in rare if n not in places] + years_asked(names_text)


def _without_other_ranges(text: str, question: str) -> str:
    """« programme 2024-2026 » does not name 2026 for a question on 2026, unless the question names that range."""
    return _RANGE.sub(lambda m: m.group(0) if m.group(0) in question else " ", text)


def _tools_missing(tools: dict[str, str], sentence: str, title: str) -> list[str]:
    """The asked tools, when a figure sentence is about none of them: it is about the tools it or its section
    names, or failing that its document's title. A section on the « 1 % déchets » in a document on the four « 1 % »
    is about that one only. Two tools asked are alternatives: « 1 % mobilité, date de quand — 1 % énergie ? » after
    a follow-up, or « FICOL et FEXTE, combien ? », each answered by its own sentences (dialogues fresh 8, tune)."""
    if not tools:
        return []  # most figure questions name no tool: no sentence needs reading for one
    about = tool_ids(sentence) or tool_ids(title)
    return [] if about & set(tools.values()) else list(tools)


# Programmes one fact sheet puts side by side, each with its own figures: « un jeune en service civique touche combien
# par mois ? » is not answered by the VSI volunteer's 100 euros (holdout 7, tune half: a near miss answered).
PROGRAMMES = {
    "service civique": re.compile(r"\bservice civique\b", re.I),
    "VSI": re.compile(r"\bVSI\b|\bvolontariat de solidarité internationale\b", re.I),
    "JSI-VVVSI": re.compile(r"\bJSI\b|\bVVVSI\b|\bjeunesse et solidarité internationale\b|\bville,? vie,? vacances\b", re.I),
}


# The same on the European funds' sheet: « le Fonds citoyen franco-allemand donne combien au maximum par projet ? » is
# not answered by CERV's 30 000 euros for a twinning (holdout13, tune half: a near miss answered). Figures only: a sheet
# on volunteering keeps to its own three programmes.
_EUROPEAN_PROGRAMMES = {
    "CERV": re.compile(r"\bCERV\b|\bcitoyens, égalité, droits et valeurs\b", re.I),
    "Fonds citoyen franco-allemand": re.compile(r"\bfonds citoyen\b", re.I),
    "Erasmus+": re.compile(r"\berasmus\b", re.I),
}
_FIGURE_PROGRAMMES = {**PROGRAMMES, **_EUROPEAN_PROGRAMMES}


def programmes_named(question: str, among: dict[str, re.Pattern[str]] = PROGRAMMES) -> list[str]:
    """The programmes (« service civique », « VSI »…) the question names."""
    return [name for name, pattern in among.items() if pattern.search(question)]


def names_programme(text: str, asked: list[str]) -> bool:
    """The text names one of the programmes asked."""
    return any(_FIGURE_PROGRAMMES[name].search(text) for name in asked)


def _programmes_missing(asked: list[str], sentence: str) -> list[str]:
    """The programmes asked when the figure sentence (with its section) names none of them."""
    if not asked or names_programme(sentence, asked):
        return []
    return asked


def figure_not_held(question: str, names: list[str], names_text: str, passages: list[Passage],
                    bm25: Bm25Index, places: set[str] | frozenset[str] = frozenset(),
                    tools: dict[str, str] | None = None) -> list[str]:
    """What the evidence lacks for the figure asked: the names that no figure sentence of that kind carries, or
    ["chiffre"] when no sentence gives such a figure at all; empty when held or when no figure is asked.

    `names` are the question's names and `names_text` the question in the documents' words; `places` are the
    collectivities it is about (« la métropole de Bordeaux »), required however often the documents name them.
    `tools` are the funding tools the question names (its words → the tool's id): « combien le
    1 % mobilité a-t-il levé ? » is not answered by the « 1 % déchets »'s 4 millions, nor « l'appel à idées FICOL
    2025 » by the dates of the ministry's 2025 call (holdout 8, tune half), however frequent the tool's name."""
    kind = figure_asked(question)
    if kind is None:
        return []
    names = _specific_names(names, places, names_text, bm25) + _AMOUNT_OF.findall(question)
    tools = tools or {}
    programmes = programmes_named(question, _FIGURE_PROGRAMMES)
    says = _SAYS[kind]
    fewest: list[str] | None = None
    for passage in passages[:EVIDENCE_PASSAGES]:
        heading = set(terms(_without_other_ranges(f"{passage.chunk.title} {passage.chunk.publisher}", question)))
        for sentence in split_passage(passage):
            if not says.search(sentence.text):
                continue
            held = set(terms(_without_other_ranges(f"{sentence.text} {sentence.section}", question))) | heading
            missing = [n for n in names if not set(terms(n)) <= held] + _tools_missing(
                tools, f"{sentence.text} {sentence.section}", passage.chunk.title) + _programmes_missing(
                programmes, f"{sentence.text} {sentence.section}")
            if not missing:
                return []
            if fewest is None or len(missing) < len(fewest):
                fewest = missing
    return fewest if fewest is not None else [FIGURE_ABSENT]
