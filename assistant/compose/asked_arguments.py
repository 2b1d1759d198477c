"""The arguments a rebuttal request asks for by name: « Il me faut : le coût par habitant, la base légale qui nous
autorise à le faire, et un mot sur les cofinancements de l'État », « Idéalement : rappeler que l'État cofinance
(à quel taux ?), que c'est prévu par la loi, et ce que ça rapporte à la ville ».

Eight of the twelve counter-arguments asked in reviews 22 to 25 listed their points, and the reviewers' first
complaint was that the points were missing: the reply argued what the objection's kind suggests instead. Each
point the request lists is matched to the argument whose words it uses (the law, co-funding, the cost per
inhabitant…), and those arguments are tried first, in the user's order.
"""

from __future__ import annotations

import re

from assistant.taxonomy import ARGUMENT_CUES

# What asks for content in a rebuttal request; the points follow it (after its colon when it has one).
_WANTS = re.compile(r"\b(?:il me (?:faut|faudrait)|j['’]ai besoin (?:de|d['’])|je (?:voudrais|veux|souhaite)|idéalement|"
                    r"rappel\w*|expliqu\w*|donne[rz]?|ajoute[rz]?|en (?:\w+ )?points?|arguments?|puces|"
                    r"un mot sur|parle[rz]? (?:de|du|des)|insiste[rz]? sur|précise[rz]?|montre[rz]?|cite[rz]?)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÉÀ«])")
_SEPARATOR = re.compile(r"\s*(?:[,;]|\bet\b|\bainsi que\b|\bmais aussi\b|\bpuis\b)\s*", re.I)
# The form the reply must take, not a point to argue: « 800 caractères max », « ton posé », « sans jargon ».
_FORM = re.compile(r"\bcaractères\b|\bsignes\b|\bmots\b|\bminutes?\b|\bsecondes\b|\bligne|\bton\b|\bposée?\b|\bcalme\b|"
                   r"courtois|poli|ferme|jargon|méprisant|langue de bois|donneur|leçons?|inventé|\boral\w*|\bécrit\b|"
                   r"\bversions?\b|\bparagraphe|\bpuces\b|\bsources?\b|\bpublia|\bréponse\b|\bsérieu|\bhaut\b", re.I)
_LEAD_WORDS = re.compile(r"^(?:(?:avec|rappel\w*|expliqu\w*|donne[rz]?|ajoute[rz]?|précise[rz]?|montre[rz]?|cite[rz]?|dire|"
                         r"un mot sur|parle[rz]? (?:de|du|des)|insiste[rz]? sur|le fait)\s+)?(?:que\s+|qu['’]|en quoi\s+)?",
                         re.I)
MIN_POINT_WORDS, MAX_POINT_WORDS = 2, 24
MAX_ASKED = 4  # « le fondement juridique (et ce qui nous est interdit), ce que la loi de 2021 a changé, … »

# Arguments asked in words of their own: « …rappelle le fondement légal de notre action et aussi ce qui nous est
# effectivement interdit » (review 20, R3) asks for the law's limits.
ASKED_BESIDE = {
    "limites": re.compile(r"\binterdit\w*|\bpas le droit\b|\blimites? (?:légales?|de la loi|fixées?)\b|"
                          r"\bce que la loi (?:interdit|défend)\b", re.I),
}
# « le fondement juridique (et ce qui nous est interdit) »: a second point, in brackets.
_ALSO = re.compile(r"\s*\(\s*et\s+([^()]+)\)")

# A point about the law, in a request about a « 1 % » tool, asks for that tool's own law.
_LAW_OF_TOOL = ("oudin", "dechets")


def _top_level(text: str) -> list[str]:
    """`text` split on its separators outside brackets: « la base légale précise (article du CGCT, nom de la loi,
    plafond) » is one point."""
    items, depth, start = [], 0, 0
    for m in re.finditer(r"[()]|" + _SEPARATOR.pattern, text, re.I):
        if m.group(0) == "(":
            depth += 1
        elif m.group(0) == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            items.append(text[start:m.start()])
            start = m.end()
    return [i.strip(" .:") for i in items + [text[start:]] if i.strip(" .:")]


def rebuttal_points(request: str, objection: str) -> list[str]:
    """The points a rebuttal request lists, in the user's words and order, without the objection it quotes nor the
    form it wants."""
    text = request.replace(objection, " ") if objection else request
    text = re.sub(r"«[^»]*»", " ", text)
    points: list[str] = []
    for sentence in _SENTENCE.split(text):
        want = _WANTS.search(sentence)
        if not want:
            continue
        colon = sentence.find(":", want.start())
        tail = sentence[colon + 1:] if colon >= 0 else sentence[want.start():]
        for listed in _top_level(tail.rstrip(" .!?")):
            also = _ALSO.search(listed)
            for item in [_ALSO.sub("", listed), also.group(1)] if also else [listed]:
                item = _LEAD_WORDS.sub("", item).strip()
                if MIN_POINT_WORDS <= len(item.split()) <= MAX_POINT_WORDS and not _FORM.search(item):
                    points.append(item)
    return points


def asked_arguments(request: str, objection: str, kind_arguments: list[str]) -> list[tuple[str, str]]:
    """(argument, point) for each listed point that names an argument's words, in the user's order: the argument
    whose cues it says most, the objection's own kind first on a tie; the law of a « 1 % » tool for the law when
    the objection is about that tool."""
    found: list[tuple[str, str]] = []
    for point in rebuttal_points(request, objection):
        said = {a: len(cue.findall(point)) for a, cue in [*ARGUMENT_CUES.items(), *ASKED_BESIDE.items()]
                if cue.search(point)}
        if not said:
            continue
        best = max(said, key=lambda a: (said[a], a in kind_arguments))
        if best == "loi":
            best = next((a for a in _LAW_OF_TOOL if a in kind_arguments), best)
        if all(best != a for a, _ in found):
            found.append((best, point))
    return found[:MAX_ASKED]
