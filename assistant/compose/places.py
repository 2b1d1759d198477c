"""Other towns a document sentence tells about (« Commercy », « la ville » of a Chambéry passage): their stories are
examples, introduced as such, never told as the user's own project."""

from __future__ import annotations

import re

from assistant.compose.sentences import Sentence

_ELSEWHERE = re.compile(
    r"\b(?:[Vv]ille|commune|territoire|métropole|département|région|agglomération|conseil (?:départemental|régional)|"
    r"communauté (?:urbaine|d'agglomération)|l[’']exemple|[Ll]a coopération|[Ll]e jumelage)\s+(?:de |du |d[’'])?"
    r"([A-ZÉÈ][\w’'-]+(?:[ -][A-ZÉÈ][\w’'-]+)*)|\b([A-ZÉÈ][\w’'-]+) Métropole\b")


def _other_places(text: str, request: str) -> list[str]:
    """The towns a text names, in order, that are not the user's own subject."""
    places = [m.group(1) or m.group(2) for m in _ELSEWHERE.finditer(text)]
    return [p for p in places if p.lower() not in request.lower() and p not in ("France", "Europe")]


def elsewhere(sentence: str, request: str) -> str:
    """The place a sentence tells about, when it is not the user's own subject ("Commercy", "Châtellerault")."""
    return next(iter(_other_places(sentence, request)), "")


# « Mille lycéens de la ville participent… »: a town the sentence does not name, which its passage does.
_UNNAMED_PLACE = re.compile(r"\b(?:de la|la|cette) (?:ville|commune|métropole)\b", re.I)


def place_of(s: Sentence, request: str) -> str:
    """The other town a sentence tells about: named in it, or, when it says « la ville », the nearest one named
    before it in its passage (the town « la ville » stands for)."""
    named = elsewhere(s.text, request)
    if named or not _UNNAMED_PLACE.search(s.text):
        return named
    text = s.passage.chunk.text
    at = text.find(s.text[:40])
    before = _other_places(text[:max(at, 0)], request)
    return before[-1] if before else ""  # the nearest town named before « la ville »
