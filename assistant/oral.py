"""Spoken and texted French, written out: what is searched and judged, never what is shown.

« c'est qui qui tient l'atlas du coup ? », « la DAECT elle existe tjrs ? », « coopé déc »: the words are the user's,
the meaning is plain, but the fillers and abbreviations weigh on the sentence vectors (a filler is part of the
question's meaning for the embedding) and match nothing in the documents. The user's own text stays what the
conversation reads and what the answer restates.
"""

from __future__ import annotations

import re

# (spoken or texted form, regex, case-insensitive) → written form. General French, not the wording of any question.
_WRITTEN: tuple[tuple[str, str], ...] = (
    # Texting first, so that the spoken forms below see « c'est quoi »: « c koi », « et c calculé sur quel budget ? »
    (r"\bkoi\b", "quoi"),
    (r"\bki\b", "qui"),
    (r"\bc (?=[ée]tai[st]?\b)", "c'"),
    (r"(?:^|(?<=\bet )|(?<=\bmais )|(?<=, ))c\b(?= \w)", "c'est"),
    (r"\bc\b(?= (?:qui|quoi|quand|combien|où)\b)", "c'est"),  # « 1% dechets c qui qui peut l'utiliser »
    (r"\bc['’]est qui qui\b", "qui"),
    (r"\bc['’]est quoi qui\b", "qu'est-ce qui"),
    (r"\b(?:c['’]est|c) quoi\b(?= \w)", "qu'est-ce que"),
    (r"\bcoop[ée]?s? d[ée]c(?:entralis[ée]e)?s?\b", "coopération décentralisée"),
    (r"\bcoop[ée]s?\b", "coopération"),
    (r"\bassos?\b", "associations"),
    (r"\btjr?s\b", "toujours"),
    (r"\bbcp\b", "beaucoup"),
    (r"\bqd\b", "quand"),
    (r"\bpr\b", "pour"),
    (r"\bds\b", "dans"),
    (r"\bqqn\b", "quelqu'un"),
    (r"\bqqch\b", "quelque chose"),
    (r"\bhab\b\.?", "habitants"),
    (r"\binfos?\b", "informations"),
    (r"(?<!\bil )\by a\b", "il y a"),
    (r"\bya\b", "il y a"),
    (r"\baujourdhui\b", "aujourd'hui"),
    # Typed without accents: « c'etait avec quelles villes ? », « ils étaient impliqués comment la-bas ».
    (r"\b(c['’])?etai(t|ent)\b", r"\1étai\2"),
    (r"\bl[aà][- ]bas\b", "là-bas"),
    (r"\bdeja\b", "déjà"),
    # The field's most frequent words, typed without their accents (« l'etat avait promis… », holdout10, tune half):
    # none of these unaccented forms is a French word of its own.
    (r"\betat(s?)\b", r"État\1"),
    (r"\bsenat\b", "Sénat"),
    (r"\bministere(s?)\b", r"ministère\1"),
    (r"\bcooperation(s?)\b", r"coopération\1"),
    (r"\bcollectivite(s?)\b", r"collectivité\1"),
    (r"\bdecentralisee\b", "décentralisée"),
    (r"\brefugie(s?)\b", r"réfugié\1"),
    (r"\beligible(s?)\b", r"éligible\1"),
    (r"\betranger(e?s?)\b", r"étranger\1"),
    (r"\baout\b", "août"),
    (r"\b(?:1[eè]re|premiere)\b", "première"),
    # The « 1 % » named without accents (« 1% dechets c qui qui peut l'utiliser »): the tool's own name.
    (r"\b1\s?%\s?dechets\b", "1 % déchets"),
    (r"\b1\s?%\s?energie\b", "1 % énergie"),
    (r"\b1\s?%\s?mobilite\b", "1 % mobilité"),
)
# Words that carry no meaning of their own: « du coup », « au juste », « franchement », « stp ».
_FILLERS = re.compile(
    r"(?:,\s*)?\b(?:du coup|en fait|au juste|exactement|franchement|stp|svp|s['’]il (?:te|vous) pla[iî]t|hein|bref|"
    r"dis-moi|dites-moi)\b(?:\s*,)?|^\s*(?:(?:ok|okay|bon|ben|alors|euh)\b[\s,]*)+", re.I)
_COMPILED = tuple((re.compile(spoken, re.I), written) for spoken, written in _WRITTEN)


def _without_filler(m: re.Match[str]) -> str:
    """« la ficol au juste, c'est un truc de l'afd ? »: the filler goes, the comma that ended the clause stays (the
    term a definition asks about ends there); a filler opening the message takes its comma along."""
    before = m.string[: m.start()].strip()
    return ", " if m.group(0).rstrip().endswith(",") and before and not before.endswith(",") else " "


def written(text: str) -> str:
    """The text with its fillers dropped and its spoken forms written out; unchanged when it has none."""
    out = _FILLERS.sub(_without_filler, text).strip()
    for spoken, form in _COMPILED:
        out = spoken.sub(form, out)
    if out == text.strip():
        return text
    out = re.sub(r"\s+([,.])", r"\1", re.sub(r"\s{2,}", " ", out)).strip()
    return out or text
