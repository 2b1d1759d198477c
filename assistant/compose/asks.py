"""The points a writing request lists (« les taux actuels, les conditions à remplir, et le dispositif prévu pour les
petites collectivités »): a fiche's fixed sections answer the usual ones, and a point they leave out is answered on
its own, so that a newcomer's explicit question is never dropped (review 9: « le dispositif prévu pour les petites
collectivités qui ne peuvent pas porter un projet seules » was asked and missing)."""

from __future__ import annotations

import re

from assistant.lexical import Bm25Index, QueryWeights, terms

# A listed point opens on a determiner or a question word and names something.
_POINT_START = re.compile(r"^(?:les?|la|l['’]|des|du|ses|leurs?|quels?|quelles?|qui|comment|combien|si|où)\b", re.I)
_SEPARATORS = re.compile(r"\s*(?:[,;]|\bet\b|\bainsi que\b|\bmais aussi\b)\s*", re.I)
_CLOSING = re.compile(r"\s*(?:merci(?: d'avance| beaucoup| par avance)?|svp|stp|s'il (?:te|vous) pla[iî]t)\W*$", re.I)
MIN_POINT_WORDS, MAX_POINT_WORDS = 3, 22
MAX_POINTS = 3
COVERED_SHARE = 0.6


_REQUEST_VERB = re.compile(r"\b(?:fiche|fais|faire|fait|rédige\w*|écri\w*|prépare\w*|peux-tu|pourriez-vous|pouvez-vous)\b",
                           re.I)


def _listed(tail: str, need_start: bool) -> list[str]:
    parts = [p.strip(" ()") for p in _SEPARATORS.split(tail)]
    return [p for p in parts if p and (not need_start or _POINT_START.match(p))
            and (1 if not need_start else MIN_POINT_WORDS) <= len(p.split()) <= MAX_POINT_WORDS]


def requested_points(request: str) -> list[str]:
    """The points a request lists, in order: after its last colon (« une fiche sur X : a, b, et c »), in brackets
    (« une fiche (qui peut candidater, pour quels pays, montants) »), or as questions of their own (« Le programme
    Europe pour les citoyens, ça existe encore ? »)."""
    text = _CLOSING.sub("", request.strip())
    points: list[str] = []
    if ":" in text:
        tail = re.split(r"(?<=[.!?])\s+", text.rsplit(":", 1)[1].strip())[0].rstrip(" .!?")
        points += _listed(tail, need_start=True)
    for bracket in re.findall(r"\(([^()]{10,300})\)", text):
        if bracket.count(",") >= 2:
            points += _listed(bracket, need_start=False)
    for sentence in re.findall(r"[^.!?]+\?", text):
        sentence = re.sub(r"^\s*(?:et|mais|ou|alors)\b\s*", "", sentence.strip(), flags=re.I)
        if not _REQUEST_VERB.search(sentence) and MIN_POINT_WORDS <= len(sentence.split()) <= MAX_POINT_WORDS:
            points.append(sentence)
    return list(dict.fromkeys(points))


def left_out(points: list[str], shown: list[str], bm25: Bm25Index) -> list[str]:
    """The points whose weighted words the shown sentences mostly miss, at most three."""
    present = set(terms(" ".join(shown)))
    return [p for p in points if QueryWeights(p, bm25).share(present) < COVERED_SHARE][:MAX_POINTS]
