"""The funding and legal tools the documents describe (FICOL, the DAECT's calls, the « 1 % », the 2021 law…), and
how a text names them.

A fiche is written about one of them; an article's funding paragraph, a counter-argument's key figures and the
relevance of a fiche request also ask which tool a text names, so the list and its reading live here rather than
in one composer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from assistant.documents import Passage


@dataclass(frozen=True)
class Tool:
    id: str
    name: str
    aliases: tuple[str, ...]
    query: str


# « le ministère de l'Europe », « un projet européen »: words that name Europe, not its funds.
_LOOSE_NAMES = {"europe", "européen"}
# Phrases that only ever name the tool.
_EUROPEAN_FUNDS = ("fonds européens", "financements européens", "aides européennes", "subventions européennes",
                   "programmes européens", "sous de l'europe", "argent de l'europe", "aides de l'europe")
_NAMING_PHRASES = {*_EUROPEAN_FUNDS, "clés en main", "cles en main", "clé en main"}


TOOLS: tuple[Tool, ...] = (
    Tool("ficol", "FICOL (Agence française de développement)", ("ficol",),
         "FICOL AFD fonds facilité financement collectivités locales projets subventions"),
    Tool("fexte", "FEXTE (fonds d'expertise technique et d'échanges d'expériences de l'AFD)", ("fexte",),
         "FEXTE fonds d'expertise technique et d'échanges d'expériences AFD"),
    Tool("cles", "Appel « Clés en main » du ministère de l'Europe et des Affaires étrangères",
         ("clés en main", "cles en main", "clé en main"),
         "appel à projets clés en main associations GIP collectivités françaises programmes"),
    Tool("daect", "Appels à projets de la DAECT (ministère de l'Europe et des Affaires étrangères)",
         ("daect", "appel à projets", "appels à projets", "quai d'orsay", "quai d’orsay", "affaires étrangères",
          "dctciv"),
         "appels à projets DAECT cofinancement ministère Délégation pour l'action extérieure des collectivités territoriales"),
    # The other « 1 % » come before the water one, whose aliases include a bare « 1 % ».
    Tool("mobilite", "Le « 1 % mobilité » (article L1115-3 du CGCT)",
         ("1 % mobilit", "1% mobilit", "1 % transport", "1% transport"),
         "1 % mobilité article L1115-3 autorités organisatrices de la mobilité services de mobilité budgets"),
    Tool("energie", "Le « 1 % énergie » (électricité et gaz)", ("1 % énergie", "1% énergie", "1 % électricité", "1 % energie",
                                                              "1% électricité", "1% energie", "1 % gaz", "1% gaz"),
         "1 % énergie électricité gaz distribution publique syndicats budgets"),
    Tool("dechets", "Le « 1 % déchets » (loi du 7 juillet 2014)", ("1 % déchets", "1% déchets", "1 % dechets", "1 % ordures", "1% ordures"),
         "1 % déchets ordures ménagères collecte traitement article L1115-2 2014"),
    Tool("oudin", "Loi Oudin-Santini : le « 1 % » eau, assainissement et déchets",
         ("oudin", "santini", "1 %", "1%", "1 % eau", "1% eau"),
         "loi Oudin-Santini 1 % eau assainissement déchets budgets agences de l'eau"),
    Tool("volontariat", "Volontariat et engagement des jeunes à l'international (VSI, JSI-VVVSI, service civique)",
         ("volontariat", "vsi", "jsi", "vvvsi", "service civique", "volontaires"),
         "volontariat de solidarité internationale VSI JSI VVVSI service civique à l'international jeunes"),
    Tool("europe", "Financements européens pour l'action internationale des collectivités (PLATFORMA…)",
         ("platforma", "européen", "europe", "union européenne", "erasmus", "interreg", "cerv", *_EUROPEAN_FUNDS),
         "PLATFORMA fonds européens Union européenne collectivités programmes appels"),
    Tool("loi2021", "Loi n° 2021-1031 du 4 août 2021 (développement solidaire)",
         ("2021-1031", "4 août 2021", "4 aout 2021", "loi de 2021", "loi du 4 août", "loi du 4 aout"),
         "loi n° 2021-1031 du 4 août 2021 développement solidaire lutte contre les inégalités mondiales collectivités"),
    Tool("cncd", "Commission nationale de la coopération décentralisée (CNCD)", ("cncd", "commission nationale"),
         "Commission nationale de la coopération décentralisée CNCD"),
    Tool("thiolliere", "Loi Thiollière (2007)", ("thiollière", "thiolliere"),
         "loi Thiollière 2007 aide d'urgence cadre juridique"),
    Tool("cgct", "Article L1115-1 du CGCT : le fondement juridique", ("l1115", "cgct"),
         "article L1115-1 CGCT code général des collectivités territoriales cadre juridique"),
)


# « l'appel franco-arménien 2025 »: one of the ministry's joint calls, each with its own rules, dates and durations.
JOINT_CALL = re.compile(r"\bfranco-[a-zéèêëàâîïôûç-]+", re.I)


def is_tool_name(alias: str) -> bool:
    """An alias that names the tool itself: a word of its own (« ficol »), or words with a number (« loi de 2021 »,
    « 1 % déchets »), not a bare « 1 % » or a phrase any section title may hold (« appel à projets »)."""
    return bool(alias in _NAMING_PHRASES or re.fullmatch(r"[^\W\d_]{4,}|l1115|\d{4}-\d{4}", alias)
                or (re.search(r"\d", alias) and re.search(r"[^\W\d_]{3,}", alias)))


def detect_tool(question: str, names_only: bool = False) -> Tool | None:
    """The tool a text names; `names_only` ignores the loose aliases (« 1 % », « appel à projets », « europe »)
    that a section title may hold without being about the tool."""
    lowered = question.lower()
    # The tool named first (« le FEXTE de l'AFD, je le confonds avec la FICOL » is about the FEXTE); at one place,
    # the longest name (« 1 % déchets » over the water tool's loose « 1 % »).
    found: list[tuple[int, int, int]] = []
    for order, tool in enumerate(TOOLS):
        aliases = [a for a in tool.aliases if not names_only or (is_tool_name(a) and a not in _LOOSE_NAMES)]
        at = [(lowered.find(a), -len(a)) for a in aliases if a in lowered]
        if at:
            found.append((*min(at), order))
    return TOOLS[min(found)[2]] if found else None


def tool_of_its_body(words: str, passages: "list[Passage]") -> Tool | None:
    """« le guichet de l'AFD pour les collectivités »: the tool of the body the request names (AFD) that the best
    passages' sections are about; never a tool of another body."""
    acronyms = set(re.findall(r"\b[A-Z]{3,}\b", words))
    for p in passages[:3] if acronyms else []:
        named = detect_tool(p.chunk.section, names_only=True)
        if named and acronyms & set(named.query.split()):
            return named
    return None


def named_tools(request: str, limit: int | None = 2) -> list[Tool]:
    """The funding tools and frameworks a request names by their own name (at most `limit`, in the list's order):
    a word of its own (« FICOL ») or words with a number (« le 1 % eau de notre syndicat », « la loi de 2021 »)."""
    lowered = request.lower()
    return [t for t in TOOLS if any(is_tool_name(a) and a not in _LOOSE_NAMES and a in lowered for a in t.aliases)][:limit]


def tool_ids(text: str) -> set[str]:
    """The ids of every tool a text names by its own name (a sentence with its section's title, a document title)."""
    return {t.id for t in named_tools(text, limit=None)}


def is_a_tool(name: str) -> bool:
    """« FICOL », « JSI », « 1 % eau »: a name that is one of a tool's own names, word for word."""
    lowered = name.lower()
    return any(re.search(rf"(?<!\w){re.escape(a)}(?!\w)", lowered) for t in TOOLS for a in t.aliases
               if a not in _LOOSE_NAMES and a not in ("1 %", "1%"))


def mentioned_tools(text: str) -> set[str]:
    """The ids of every tool a text mentions, by any of its names (« Appels à projets du ministère : … » is the
    DAECT's), looser than `tool_ids`: what a quote is about, not what a request asks."""
    lowered = text.lower()
    return {t.id for t in TOOLS if any(a not in _LOOSE_NAMES and a not in ("1 %", "1%") and a in lowered for a in t.aliases)}


def about_other_tools(text: str, asked: set[str], names: Callable[[str], set[str]] = tool_ids) -> bool:
    """A text that names tools, none of them the ones asked: another tool's rules, which a reader would take for
    the asked one's (« Qui peut utiliser le « 1 % énergie » » for a question on the « 1 % déchets »). `names` reads
    the tools a text names (`mentioned_tools`: by any of their names)."""
    named = names(text)
    return bool(asked) and bool(named) and not named & asked
