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
    ("taux de cofinancement", re.compile(r"\b(?:taux|cofinancement)\b[^.;]{0,120}?\d+\s?%", re.I)),
)


def quantities(text: str) -> set[str]:
    """What a figure counts ("pays", "collectivités engagées"): two sentences counting the same thing
    with different values must not both be listed as key figures without their dates."""
    return {name for name, pattern in _QUANTITIES if pattern.search(text)}


# A figure with what it counts: « 150 millions » is not « 150 000 € », « 44 membres » is not « 44 pays ».
_UNITS = (r"%|€|euros?|millions?|milliards?|centimes?|habitants|collectivités|communes|pays|projets|membres|emplois|"
          r"postes|heures|jours|km|kilomètres|points|agents|jeunes|élèves|partenaires|volontaires|associations|ans|fois")
_FIGURE = re.compile(rf"(?<![\d,.])(\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}})+(?:,\d+)?|\d+(?:[.,]\d+)?)\s*({_UNITS})?(?!\w)", re.I)


def figure_mentions(text: str) -> list[tuple[str, str, str]]:
    """(as written, canonical number, unit) for each figure; the unit is what makes 150 millions ≠ 150 000 €."""
    out = []
    text = re.sub(r"\b[LRD]\s?\d{3,4}(?:-\d+)*\b|n°\s?\d[\d-]*", " ", text)  # article and law numbers
    for m in _FIGURE.finditer(text):
        value = next(iter(numbers(m.group(1))), "")
        if not value or re.fullmatch(r"(?:19|20)\d\d", value) and not m.group(2):
            continue  # a bare year is a date, not a figure to check (« en 2016, … »)
        out.append((m.group(0).strip(), value, _unit(m.group(2) or "")))
    return out


def _unit(word: str) -> str:
    w = word.lower()
    if w in ("€", "euro", "euros"):
        return "€"
    # Six letters fold the plural (« millions » → « millio ») and keep a million apart from a milliard.
    return w[:6]


def supported_by(figure: tuple[str, str, str], texts: list[str]) -> bool:
    """The same value counting the same thing: with the same unit, or with the unit's word just before it
    (« le nombre de ses membres de 33 à 44 » supports « 44 membres »)."""
    _, value, unit = figure
    for text in texts:
        for m in _FIGURE.finditer(text):
            found = next(iter(numbers(m.group(1))), "")
            if found != value:
                continue
            found_unit = _unit(m.group(2) or "")
            if not unit or found_unit == unit or (not found_unit and unit in text[max(0, m.start() - 60):m.start()].lower()):
                return True
    return False
