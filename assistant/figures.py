"""Figures in French text: finding them and comparing them across spellings (4 800 = 4800, 1,5 = 1.5)."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:[  \u202f]\d{3})+(?:,\d+)?(?!\d)|(?<![\w])\d+(?:[.,]\d+)?")
_FIGURE_WITH_UNIT = re.compile(
    r"\d[\d  \u202f]*(?:[.,]\d+)?\s*(?:%|€|euros?|millions?|milliards?|M€|k€|collectivités|pays|projets|partenaires|"
    r"habitants|actions|membres|ans|mois|agents|communes|associations|dossiers)",
    re.I,
)


def numbers(text: str) -> set[str]:
    """Canonical numbers: group spaces removed, decimal comma as a dot, leading zeros kept out."""
    found = set()
    for raw in _NUMBER.findall(text):
        value = re.sub(r"[  \u202f]", "", raw).replace(",", ".")
        if "." in value:
            value = value.rstrip("0").rstrip(".")
        found.add(value.lstrip("0") or "0")
    return found


def meaningful_numbers(text: str) -> set[str]:
    """Numbers that carry a claim: article numbers and list markers such as `1.` are left out."""
    text = re.sub(r"\b[LRD]\s?\d{3,4}(?:-\d+)*\b", " ", text)  # CGCT article numbers
    text = re.sub(r"n°\s?\d[\d-]*", " ", text)  # law and decree numbers
    text = re.sub(r"\[\d+\]", " ", text)  # citation markers
    text = re.sub(r"^\s*\d+[.)]\s", " ", text)  # list numbering
    return numbers(text)


def has_figure(text: str) -> bool:
    """A quantity worth quoting as a key figure (not just a year or a list number)."""
    return bool(_FIGURE_WITH_UNIT.search(text))



_QUANTITIES = (
    ("collectivités engagées", re.compile(r"\d[\d  \u202f]*\s*(?:collectivités|le nombre de collectivités)|collectivités engagées", re.I)),
    ("pays", re.compile(r"\d[\d  \u202f]*\s*pays\b", re.I)),
    ("partenaires", re.compile(r"\d[\d  \u202f]*\s*partenaires\b", re.I)),
    ("projets", re.compile(r"\d[\d  \u202f]*\s*(?:projets|actions)\b", re.I)),
    ("aide publique au développement", re.compile(r"\bAPD\b|aide publique au développement", re.I)),
)


def quantities(text: str) -> set[str]:
    """What a figure counts ("pays", "collectivités engagées"): two sentences counting the same thing
    with different values must not both be listed as key figures without their dates."""
    return {name for name, pattern in _QUANTITIES if pattern.search(text)}
