"""Sentence scoring and selection for the extractive composers.

Extractive answers are only as good as this step: a sentence is kept when it
shares the question's rarer words (IDF-weighted, stemmed), is close in meaning
(dense cosine, from vectors computed at ingest), and comes from a well-ranked passage.
"""

from __future__ import annotations

import re

from assistant.dates import STALE_AFTER_YEARS, fact_year, undated
from assistant.figures import quantities
from assistant.lexical import Bm25Index, QueryWeights, terms
from assistant.sentences import MAX_WORDS, MIN_WORDS, Sentence, candidates, split_passage


__all__ = ["ADVISES", "PRACTITIONER_ADVICE", "RECOMMENDING", "for_the_public", "MAX_WORDS", "MIN_WORDS", "Sentence", "candidates", "split_passage", "score_sentences", "pick", "quoted", "superseded",
           "outdated", "current_facts_first"]

STALE_PENALTY = 0.3
# A fact its own source leaves undated (« lors de son lancement (date non précisée dans la source) ») is not taken
# for a current one: it counts as this many years older than the newest document.
UNDATED_AGE = 2

# Words that tell someone what to do (« il faut », « recommandent de », « il est important de »).
RECOMMENDING = (r"il faut|faut|doi(?:t|vent)|devr\w+|recommand\w*|conseill\w*|préconis\w*|"
                r"il est (?:important|essentiel|nécessaire|utile|indispensable)|pensez|n['’]hésitez|veill\w+|"
                r"privilégi\w+|mieux vaut|essayer")
# A tip says what to do, or what one can do (« peuvent présenter »); « la réforme de l'AFD sera annoncée début
# 2016 » shares the tip's words and says nothing to do.
ADVISES = re.compile(rf"\b(?:{RECOMMENDING}|peu(?:t|vent)|pourr\w+|permet\w*|à condition|intérêt à)\b", re.I)
# A tip the 2015 synthesis gives practitioners about persuading others (« Rappeler ce que représente vraiment la part
# des actions internationales… permet de nuancer les critiques financières », « Il faut donc à la moindre occasion, la
# sensibiliser… », « pourquoi ne pas chercher à associer… »): advice to the writer, which a text for the public, a
# comment or a reply said in council must not read out (reviews 19 and 20: pasted into a Facebook comment and an
# article). An impersonal instruction (« Il faut », « Il convient de », an opening infinitive) or a tactic's purpose.
PRACTITIONER_ADVICE = re.compile(
    r"^(?:«\s*)?(?:il (?:faut(?! dire que)|convient)|il est (?:important|essentiel|nécessaire|indispensable) de|pourquoi ne pas|"
    r"(?:enfin|donc|ainsi|aussi|d['’]ailleurs),\s*(?:il (?:faut|convient)|pourquoi ne pas)|"
    r"(?:rappeler|communiquer|sensibiliser|associer|valoriser|montrer|expliquer|construire|revenir|chercher) )|"
    r"\bpermet de nuancer les critiques\b|\bpour (?:rendre indiscutable|gagner en légitimité)\b|"
    r",\s*il (?:faut|convient) (?:de |d['’])?(?:montrer|aller|associer|sensibiliser|communiquer|rappeler)\b", re.I)


# « La loi n° 2021-1031… porte l'intitulé complet… Elle a été publiée au Journal officiel n° 180… »: a text's record,
# which shares every word of a question on that text and answers none but the ones about its record.
BIBLIOGRAPHIC = re.compile(r"\b(?:Journal officiel|NOR|intitulé complet|parcours parlementaire|première lecture|"
                           r"commission mixte paritaire|adoption définitive)\b", re.I)


def for_the_public(sentences: list["Sentence"]) -> list["Sentence"]:
    """The sentences a text for readers or listeners may quote: practitioners' tips left out."""
    return [s for s in sentences if not PRACTITIONER_ADVICE.search(s.text)]


def _years_and_updates(facts: list[tuple[str, str | None]]) -> tuple[list[int | None], list[bool]]:
    """For each fact (its text, its document's date): the year it holds, and whether another fact of the list
    updates it, counting the same quantity (a co-funding rate, a number of collectivités) for a later year."""
    years = [fact_year(text, date) for text, date in facts]
    counts = [quantities(text) for text, _ in facts]
    updated = [bool(counts[i] and years[i] and any(j != i and counts[i] & counts[j] and (years[j] or 0) > years[i]
                                                   for j in range(len(facts))))
               for i in range(len(facts))]
    return years, updated


def superseded(sents: list[Sentence]) -> set[int]:
    """`id`s of sentences that another one of the list updates. « Appels 2024 : jusqu'à 90 % » is superseded by
    « Taux 2025 : 70 % »."""
    _, updated = _years_and_updates([(s.text, s.passage.chunk.date) for s in sents])
    return {id(s) for s, u in zip(sents, updated) if u}


def outdated(facts: list[tuple[str, str | None]]) -> list[bool]:
    """For each fact (its text, its document's date): whether a reader taking the text as current should meet it
    last: another fact of the list updates it, or it holds for a year more than two years before the newest."""
    years, updated = _years_and_updates(facts)
    newest = max((y for y in years if y), default=None)
    if newest is None:
        return updated
    return [u or (y or newest) < newest - STALE_AFTER_YEARS for y, u in zip(years, updated)]


def quoted(text: str) -> str:
    """French quotation marks around a sentence, unless it is already a quotation; a quotation inside it takes
    the inner marks (« “Il faut leur faire goûter…” résume l'un des groupes. »), never « « twice."""
    if text.startswith("«") and text.rstrip(".").endswith("»") and text.count("«") == 1:
        return text
    inner = re.sub(r"«\s*", "“", re.sub(r"\s*»", "”", text))
    return f"« {inner} »"


def score_sentences(
    query: str, sents: list[Sentence], bm25: Bm25Index, prefer_figures: bool = False, use_headings: bool = True,
    in_their_words: str | None = None,
) -> list[Sentence]:
    """IDF-weighted share of the query's terms found in the sentence, nudged by passage rank.

    With `use_headings`, a sentence that opens a section may borrow the section title
    when the title holds the answer ("Le fondement : l'article L1115-1 du CGCT").
    `in_their_words` is the query in the documents' words (« une trace écrite des leçons » → « capitalisation »):
    a sentence is worth what it shares with either wording.
    """
    wordings = [QueryWeights(query, bm25)] + ([QueryWeights(in_their_words, bm25)] if in_their_words else [])

    def share(present: set[str] | frozenset[str]) -> float:
        return max(w.share(present) for w in wordings)

    for s in sents:
        heading_terms = set(terms(s.heading)) if s.heading else set()
        overlap = share(s.terms)
        with_heading = share(s.terms | heading_terms)
        if use_headings and with_heading > overlap + 0.15:
            # The answer sits in the title ("Le fondement : l'article L1115-1 du CGCT"): quote both.
            s.text = f"{s.heading} : {s.text}"
            s.terms = frozenset(s.terms | heading_terms)
            s.heading = ""
            overlap = with_heading
        rank_prior = 1.0 / (1.0 + 0.35 * (s.passage.rank - 1))
        s.score = overlap + 0.25 * rank_prior + 0.5 * max(0.0, s.passage.dense - 0.8)
        if prefer_figures and s.has_figure:
            s.score += 0.15
    return sorted(sents, key=lambda s: -s.score)


def pick(ranked: list[Sentence], n: int, min_score: float = 0.0, diversity: float = 0.6) -> list[Sentence]:
    """Greedy selection that skips near-duplicates (shared terms above `diversity`)."""
    chosen: list[Sentence] = []
    for s in ranked:
        if len(chosen) >= n or s.score < min_score:
            break
        if any(len(s.terms & c.terms) / max(1, min(len(s.terms), len(c.terms))) > diversity for c in chosen):
            continue
        chosen.append(s)
    return chosen


def current_facts_first(ranked: list[Sentence], newest: int | None = None) -> list[Sentence]:
    """For a reader who takes the text as current (an article on funding, « cette année »): facts of years long
    past (« l'appel 2022 portait… », a 2015 budget) and facts a later one updates (the 2024 rate beside the 2025
    one) come last. `newest` is the year of the newest document indexed: when only old passages were found, their
    facts are still old."""
    years = {id(s): fact_year(s.text, s.passage.chunk.date) for s in ranked}
    newest = max([y for y in years.values() if y] + ([newest] if newest else []), default=None)
    if newest is None:
        return ranked
    updated = superseded(ranked)
    for s in ranked:
        age = newest - (years[id(s)] or newest)
        if undated(s.text):
            age = max(age, UNDATED_AGE)  # « 4 818 collectivités (date non affichée) » is not today's count
        s.score -= STALE_PENALTY * age / 2 + STALE_PENALTY * (id(s) in updated)
    _newest_of_each_quantity_first(ranked, years, newest)
    return sorted(ranked, key=lambda s: -s.score)


def newest_count_first(ranked: list[Sentence], newest: int | None = None) -> list[Sentence]:
    """« combien de collectivités font… ? »: where several sentences count the same quantity, the newest dated one
    leads; other facts keep their place (unlike `current_facts_first`, nothing is pushed down for its age)."""
    years = {id(s): fact_year(s.text, s.passage.chunk.date) for s in ranked}
    current = max([y for y in years.values() if y] + ([newest] if newest else []), default=None)
    if current is None:
        return ranked
    _newest_of_each_quantity_first(ranked, years, current)
    return sorted(ranked, key=lambda s: -s.score)


def _newest_of_each_quantity_first(ranked: list[Sentence], years: dict[int, int | None], current: int) -> None:
    """« combien de collectivités… aujourd'hui ? »: of the sentences counting one quantity, the newest dated one
    takes the place of the best-scored, when that one is older or undated (« Lors de son lancement (date non
    précisée)… 4 756 collectivités » had outscored « 2024 : 4 762 collectivités », which names no Atlas)."""
    counted = {id(s): quantities(s.text) for s in ranked}
    for quantity in set().union(*counted.values()):
        members = [s for s in ranked if quantity in counted[id(s)]]
        # Only a current figure takes the lead: a 2015 count is no answer to « aujourd'hui » either.
        dated = [s for s in members if years[id(s)] and not undated(s.text)
                 and (years[id(s)] or 0) >= current - STALE_AFTER_YEARS]
        if len(members) < 2 or not dated:
            continue
        newest = max(dated, key=lambda s: (years[id(s)], s.score))
        best = max(members, key=lambda s: s.score)
        if best is not newest and (years[id(best)] is None or undated(best.text) or years[id(best)] < years[id(newest)]):
            newest.score = best.score + 0.01


# A definition question (« Qu'est-ce que la FICOL ? », an article's « ce qu'est la FICOL ») is answered by a sentence
# where the term is the subject and is defined.
DEFINITION_BONUS = 0.3
_DEFINES = re.compile(r"\b(?:est|sont|fédère|regroupe|rassemble|finance|cofinance|permet|a pour (?:mission|rôle|objet)|"
                      r"créée?s?|fondée?s?|chargée?s?|désigne|vise)\b", re.I)


_LABEL = re.compile(r"^([^:«»]{3,60}) : ")


def prefer_definitions(term: str, ranked: list[Sentence]) -> None:
    """A definition question is answered by a sentence where the term is the subject and is defined:
    it names the term in its first words and uses a defining verb."""
    key = term.lower()
    for s in ranked:
        head = s.text.lower()[: len(key) + 30]
        # « La Délégation pour l'action extérieure des collectivités territoriales (DAECT) … cofinance » defines
        # the acronym too: its expansion is the subject.
        expanded = f"({key})" in s.text.lower()[:140]
        # « Pays éligibles à la FICOL : seulement les pays où l'AFD est… »: a label names an aspect of the term,
        # and what follows defines that aspect, not the term.
        label = _LABEL.match(s.text)
        aspect = bool(label) and not re.match(rf"(?:l['’]|la |le |les )?{re.escape(key)}\b", label.group(1).lower())
        if (key in head or expanded) and not aspect and _DEFINES.search(s.text[: max(len(key) + 80, 160 if expanded else 0)]):
            s.score += DEFINITION_BONUS
        elif key not in s.text.lower():
            s.score -= DEFINITION_BONUS / 2
    ranked.sort(key=lambda s: -s.score)
