"""Mode « contre-argument »: objection restated, three cited arguments, key figures, advice, closing line.

The structure follows rebuttal practice: name the objection and its kind, answer
with claims each backed by quoted evidence, then give a line to say aloud.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np

from assistant.compose.asked_arguments import ASKED_BESIDE, asked_arguments
from assistant.compose.context import ComposeContext
from assistant.compose.example import asks_example, example_elsewhere
from assistant.compose.revise import fits_a_box
from assistant.compose.sentences import (ADVISES, BIBLIOGRAPHIC, PRACTITIONER_ADVICE, Sentence, candidates,
                                         current_facts_first, pick, quoted, score_sentences, superseded)
from assistant.compose.their_figure import checked_figure
from assistant.compose.tools import Tool, detect_tool
from assistant.documents import unique_passages
from assistant.objection import further_question, objection_parts, objection_text
from assistant.objection_kinds import classify_objection, match_kind
from assistant.retrieve import HybridSearch
from assistant.cost import amount_per_inhabitant, cost_from, euros, figures_in, share_of_budget
from assistant.dates import fact_year, source_year
from assistant.figures import quantities
from assistant.formats import FIGURES_WANTED
from assistant.lexical import QueryWeights
from assistant.lexicon import normalized
from assistant.taxonomy import ADVICE_QUERY, ARGUMENT_ACTORS, ARGUMENT_CUES, ARGUMENTS, FIGURES_QUERY, OTHER_KIND, Argument, ObjectionKind

_CLOSING_LABEL = {"elu": "À dire en séance", "public": "À retenir", "interne": "En une phrase, pour la note"}


def classify(objection: str, search: HybridSearch) -> tuple[ObjectionKind, float]:
    """The objection's kind (or "autre") and its cosine with the closest known phrasing."""
    found = classify_objection(objection, search.query_vector, search.index.embeddings)
    return found.kind, found.similarity


def _cite(ctx: ComposeContext, s: Sentence) -> str:
    return f"{quoted(s.text)} [{ctx.book.cite_sentence(s)}]"


_LEAD_INS = ("Les documents le montrent :", "Un exemple :", "Preuve à l'appui :", "Ce que disent les sources :",
             "Sur le terrain :", "À l'appui :", "Comme le rappellent les documents :", "Pour preuve :")
# A headline goes out only when its evidence supports it this much (cosine of the quote with the claim,
# plus the share of the argument's own words found in the quote).
MIN_SUPPORT = 0.82
STRONG_SUPPORT = 0.90  # a quote that says none of the argument's words must mean it this closely
SUPPORT_MARGIN = 0.02  # a quote backing another argument clearly better is off-topic for this objection
# Evidence is chosen for this objection first, then for the claim it must back.
OBJECTION_WEIGHT = 3.0
CLAIM_WEIGHT = 3.0
MAX_ARGUMENTS = 3


# « Sur le terrain : « la loi n° 2021-1031 exclut… » » reads oddly: these announce an example, a project or a witness.
_ANNOUNCE_EXAMPLE = {"Un exemple :", "Sur le terrain :"}
_IS_EXAMPLE = re.compile(r"\bexemple\b|\bprojets?\b|\ba (?:accompagné|financé|soutenu|mené|porté|réussi|créé)\b|"
                         r"\b(?:à|au|aux) [A-ZÉ][a-zéèô-]+|témoign|raconte|souligne|explique|note que", re.I)


def _lead_in(objection: str, position: int, evidence: str = "") -> str:
    """Varied connectives, stable for one objection (the same request gives the same reply); one announcing an
    example only before an example."""
    if PRACTITIONER_ADVICE.search(evidence):
        # « Rappeler ce que représente… permet de nuancer les critiques » is a tip, not a proof (review 20).
        return "Le conseil des praticiens :"
    start = zlib.crc32(objection.encode("utf-8")) + 3 * position
    for step in range(len(_LEAD_INS)):
        lead = _LEAD_INS[(start + step) % len(_LEAD_INS)]
        if lead not in _ANNOUNCE_EXAMPLE or _IS_EXAMPLE.search(evidence):
            return lead
    return _LEAD_INS[0]


def fixed_queries() -> list[str]:
    """The texts this composer embeds as queries whatever the objection: computed at ingest, pinned at warm-up."""
    return ([argument.claim for argument in ARGUMENTS.values()] + [argument.query for argument in ARGUMENTS.values()]
            + [FIGURES_QUERY, ADVICE_QUERY])


def _claim_vector(ctx: ComposeContext, argument: Argument) -> np.ndarray:
    return ctx.search.query_vector(argument.claim)  # embedded once per process (the search keeps query vectors)


def _support(ctx: ComposeContext, evidence: list[Sentence], argument: Argument) -> float:
    """How well the quotes back the claim: meaning (dense) and the argument's own words (lexical)."""
    closeness = max(ctx.closeness(evidence, _claim_vector(ctx, argument)))
    weights = QueryWeights(argument.query, ctx.bm25)
    return closeness + 0.1 * max(weights.share(s.terms) for s in evidence)


def _support_by_argument(ctx: ComposeContext, evidence: list[Sentence]) -> dict[str, float]:
    """How well the quotes back each argument's claim: what tells a proof, or a tip, which argument it serves."""
    return {a.id: _support(ctx, evidence, a) for a in ARGUMENTS.values()}


def _headline(ctx: ComposeContext, evidence: list[Sentence], ours: list[str]) -> Argument | None:
    """The claim is chosen after its evidence: the argument, among all, that the quotes support best. It must
    be one of the arguments answering this (part of the) objection, not yet made, and supported enough;
    otherwise the quotes are off-topic."""
    if not ours:
        return None
    if not ctx.calibrated:
        return ARGUMENTS[ours[0]]
    scored = _support_by_argument(ctx, evidence)
    best_ours = max(ours, key=scored.__getitem__)
    said = any(ARGUMENT_CUES[best_ours].search(s.text) for s in evidence)
    actors = ARGUMENT_ACTORS.get(best_ours)
    if actors is not None and not any(actors.search(s.text) for s in evidence):
        return None
    if (scored[best_ours] >= MIN_SUPPORT and scored[best_ours] >= max(scored.values()) - SUPPORT_MARGIN
            and (said or scored[best_ours] >= STRONG_SUPPORT)):
        return ARGUMENTS[best_ours]
    return None


def _meaningful(ctx: ComposeContext, ranked: list[Sentence], vectors: list[np.ndarray],
                weights: tuple[float, ...] = (OBJECTION_WEIGHT,), top: int = 14) -> list[Sentence]:
    """Re-score the best lexical candidates by their closeness to what answers *this* objection
    (and, for an argument, to its claim)."""
    head = ranked[:top]
    if not ctx.calibrated:
        return head
    for vector, weight in zip(vectors, weights):
        for s, cos in zip(head, ctx.closeness(head, vector)):
            s.score += weight * (cos - 0.8)
    return sorted(head, key=lambda s: -s.score)


_AGAINST = re.compile(r"\binterdi[tc]\w*|\bprohib\w*|\billégal\w*|\bne peu(?:t|vent) pas\b", re.I)


# Arguments a prohibition backs: « la loi fixe aussi des limites » is proved by what the law forbids.
_BACKED_BY_LIMITS = {"limites"}


# « Article L1115-1 du CGCT réécrit : l'article 6 de la loi n° 2021-1031 a modifié l'article L1115-1… » (review 25,
# q2502 and q2503): a text's record proves nothing of what the law allows.
_RECORD = re.compile(rf"{BIBLIOGRAPHIC.pattern}|\ba modifié l['’]article\b|\bréécrit\b", re.I)


def _on_our_side(text: str, ours: list[str] | None = None) -> bool:
    """Evidence for a rebuttal states something in our favour: not a prohibition (unless the claim is the law's
    limits, kept), not a question or a title, not a text's record."""
    forbidden = bool(_AGAINST.search(text)) and not _BACKED_BY_LIMITS & set(ours or [])
    return not forbidden and not text.rstrip(" »").endswith("?") and not _RECORD.search(text)


SECOND_SHARE = 0.7  # a quote scoring this share of the best, backing the same claim, is nearly as good a proof


def _evidence_and_claim(ctx: ComposeContext, fresh: list[Sentence], ours: list[str],
                        objection: str = "") -> tuple[list[Sentence], Argument | None]:
    """The best quote whose own best claim is one of `ours` (tried in order of score), with at most
    one more quote that backs the same claim. Among quotes nearly as good for that claim, the one shown
    depends on the objection, stably: an official reading several replies should not meet the same proof in
    each (« De nombreuses collectivités mettent en avant l'impact positif… » backed « retombées » in 9 of 14)."""
    usable = [c for c in fresh if c.score >= 0.2 and _on_our_side(c.text, ours)]
    for i, s in enumerate(usable[:4]):
        headline = _headline(ctx, [s], ours)
        if headline is None:
            continue
        peer = next((c for c in usable[i + 1:6] if c.score >= SECOND_SHARE * s.score
                     and not _overlaps(c.text, {s.text}) and _headline(ctx, [c], ours) is headline), None)
        if peer is not None and zlib.crc32(f"{headline.id} {objection}".encode("utf-8")) % 2:
            s = peer
        second = next((c for c in fresh if c is not s and c.score >= SECOND_SHARE * s.score and c.score >= 0.2 and _on_our_side(c.text, ours)
                       and _headline(ctx, [c], ours) is headline and not _overlaps(c.text, {s.text})), None)
        evidence = [s, second] if second else [s]
        # « Taux 2024 : jusqu'à 90 % » beside « Taux 2025 : 70 % » (review 25, q2502): an opponent would answer with
        # the current rate; the proof is the newest.
        stale = superseded(evidence)
        return [e for e in evidence if id(e) not in stale], headline
    return [], None


@dataclass(frozen=True)
class Step:
    """One argument to try: sought for `part` of the objection, its claim one of `kind`'s arguments."""
    argument: str
    part: str
    kind: ObjectionKind
    asked: bool = False  # named by the request (« la base légale »): tried first, for this argument only



def plan(objection: str, kind: ObjectionKind, search: HybridSearch,
         request: str = "") -> tuple[list[Step], list[ObjectionKind]]:
    """The arguments to try, in order, and the kinds they answer: those the request names (« Il me faut : la base
    légale… »), in its order, then those the objection calls for."""
    asked = [Step(a, point, kind, asked=True) for a, point in asked_arguments(request, objection, kind.arguments)]
    steps, kinds = _planned(objection, kind, search, request)
    return asked + [s for s in steps if all(s.argument != a.argument for a in asked)], kinds


def _planned(objection: str, kind: ObjectionKind, search: HybridSearch, request: str) -> tuple[list[Step], list[ObjectionKind]]:
    """The arguments the objection calls for. A chained objection (« ça sert à rien, ça n'empêche pas les migrants
    de venir, et ce n'est pas le rôle d'une commune ») whose complaints are of different kinds gets the first
    argument of each complaint's kind first, each sought for its own complaint: the reply answers every complaint
    instead of the first one three times."""
    complaints: list[tuple[ObjectionKind, str]] = []
    parts = objection_parts(objection)
    for part in parts if len(parts) > 1 else []:
        found = match_kind(search.query_vector(part), search.index.embeddings, part)
        if found.kind is not OTHER_KIND and found.confident and all(found.kind is not k for k, _ in complaints):
            complaints.append((found.kind, part))
    if len(complaints) < 2:
        # « On ne nous présente jamais le moindre bilan »: the argument the objection itself names comes first.
        named = next((a for a in kind.arguments if ARGUMENT_CUES[a].search(objection)), None)
        # « …signer un accord avec le gouvernement malien » names a State too: the law's limits come second.
        asked = [a for a, pattern in ASKED_BESIDE.items() if a in kind.arguments and a != named and (
            ARGUMENT_CUES[a].search(objection) or pattern.search(request.replace(objection, " ")))]
        order = ([named] if named else []) + asked + [a for a in kind.arguments if a != named and a not in asked]
        return [Step(a, objection, kind) for a in order], [kind]
    steps = [Step(k.arguments[0], part, k) for k, part in complaints]
    steps += [Step(a, part, k) for k, part in complaints for a in k.arguments[1:]]
    return steps, [k for k, _ in complaints]


def _arguments(ctx: ComposeContext, steps: list[Step], objection: str, used: set[str]) -> tuple[list[str], list[dict]]:
    lines, out, taken = [], [], set()
    wanted = max(MAX_ARGUMENTS, sum(s.asked for s in steps))  # every point the request lists is argued
    for step in steps:  # a kind may list a spare argument, used when one lacks evidence
        if len(out) >= wanted:
            break
        if step.argument in taken:
            continue
        arg = ARGUMENTS[step.argument]
        passages = unique_passages(ctx.retrieve_about(arg.query, step.part, k=5) + ctx.passages[:3])
        ranked = score_sentences(f"{arg.query} {ctx.question}", candidates(passages, limit=8), ctx.bm25,
                                 arg.prefer_figures or ctx.figures)
        fresh = ctx.suit_audience(_meaningful(ctx, [s for s in ranked if not _overlaps(s.text, used)],
                                              [ctx.search.query_vector(step.part), _claim_vector(ctx, arg)],
                                              (OBJECTION_WEIGHT, CLAIM_WEIGHT)))
        ours = [step.argument] if step.asked else [a for a in step.kind.arguments if a not in taken]
        evidence, headline = _evidence_and_claim(ctx, fresh, ours, objection)
        if headline is None:
            continue
        taken.add(headline.id)
        used.update(s.text for s in evidence)
        cited = [_cite(ctx, s) for s in evidence]
        claim, closing = headline.worded_for(objection)
        lines.append(f"{len(out) + 1}. **{claim}**")
        lines.append(f"   {_lead_in(objection, len(out), evidence[0].text)} {' '.join(cited)}")
        out.append({"claim": claim, "argument": headline.id, "evidence": [s.text for s in evidence], "cited": cited,
                    "closing": closing})
    return lines, out


def _other_tools_figure(text: str, asked: Tool | None) -> bool:
    """A figure of one funding tool (« FICOL : 63 projets… », « 2024 : 31,7 millions » under « Le « 1 % eau » »)
    answers an objection about that tool only: offered against « 18 000 € pour le Burkina alors qu'on ferme la
    piscine », it reads as filler. `text` is the sentence with its section's title."""
    named = detect_tool(text, names_only=True)
    return named is not None and (asked is None or named.id != asked.id)


def _key_figures(ctx: ComposeContext, objection: str, used: set[str], n: int = 3) -> list[Sentence]:
    """Figures that answer this objection, one value per quantity (the most recent source wins)."""
    query = f"{FIGURES_QUERY} {objection}"
    pool = ctx.passages[:4] + ctx.retrieve_about(FIGURES_QUERY, objection, k=5) + ctx.extra_passages
    asked_tool = detect_tool(ctx.question) or detect_tool(normalized(ctx.question))  # « syndicat des eaux »: Oudin
    figure_sents = [s for s in candidates(unique_passages(pool), limit=14)
                    if s.has_figure and not _overlaps(s.text, used) and not _NO_FIGURE.search(s.text)
                    and fits_a_box(s.text)
                    and not _other_tools_figure(f"{s.section} : {s.text}", asked_tool)]
    objection_vector = ctx.search.query_vector(objection)
    ranked = _meaningful(ctx, score_sentences(query, figure_sents, ctx.bm25), [objection_vector])
    if FIGURES_WANTED.search(ctx.question):
        # « deux ou trois chiffres nationaux » (review 25, q2501), answered « 2009 : environ 17 millions d'euros par an »:
        # figures asked for are today's first. Not otherwise: older figures often answer an objection best (the
        # paraphrase and holdout5 counters lost their gold passage when every reply put today's first).
        ranked = current_facts_first(ranked, ctx.newest_year)
    close = {id(s) for s, cos in zip(ranked, ctx.closeness(ranked, objection_vector))
             if cos >= MIN_FIGURE_CLOSENESS or not ctx.calibrated}
    chosen: list[Sentence] = []
    for s in ranked:
        if len(chosen) >= n or s.score < 0.2:
            break
        if id(s) not in close:
            continue
        clash = next((c for c in chosen if quantities(c.text) & quantities(s.text)), None)
        if clash is None:
            chosen.append(s)
        elif (fact_year(s.text, s.passage.chunk.date) or 0) > (fact_year(clash.text, clash.passage.chunk.date) or 0):
            chosen[chosen.index(clash)] = s  # the newest fact of one quantity, whatever its document's date
    return chosen


def _advice(ctx: ComposeContext, objection: str, used: set[str], kinds: list[ObjectionKind] | None = None) -> list[Sentence]:
    """At most one practical tip, and only one close to this objection: no boilerplate."""
    pool = ctx.retrieve_about(ADVICE_QUERY, objection, k=4)
    ranked = [s for s in score_sentences(ADVICE_QUERY, candidates(pool, limit=4), ctx.bm25) if not _overlaps(s.text, used)]
    ranked = _meaningful(ctx, ranked, [ctx.search.query_vector(objection)])
    close = [s for s, cos in zip(ranked, ctx.closeness(ranked, ctx.search.query_vector(objection)))
             if cos >= MIN_ADVICE_CLOSENESS or not ctx.calibrated]
    return [s for s in close if s.score >= 0.3 and ADVISES.search(s.text) and _answers_these(ctx, s, kinds)][:1]


def _answers_these(ctx: ComposeContext, tip: Sentence, kinds: list[ObjectionKind] | None) -> bool:
    """A tip that clearly serves one argument serves only the objections that argument answers: « Rappeler… la part
    des actions internationales dans le budget… permet de nuancer les critiques financières » answers a complaint
    about cost, not one about the law or the mayor's trips. A tip tied to no argument may serve any."""
    if not kinds or not ctx.calibrated or all(k is OTHER_KIND for k in kinds):
        return True
    scored = _support_by_argument(ctx, [tip])
    best = max(scored, key=scored.__getitem__)
    return scored[best] < STRONG_SUPPORT or any(best in k.arguments for k in kinds)


# « Aucun montant mobilisé au titre du 1 % mobilité n'a été trouvé »: a figure's absence is no key figure.
# Not a key figure for a rebuttal: no figure at all (« aucun montant… »), or a figure that argues the other way
# or doubts itself (« Incohérence interne au rapport… », « soit une baisse de 19,5 % », « à peine 20 collectivités »).
_NO_FIGURE = re.compile(r"\baucune?\b|les sources divergent|n['’]a (?:pas )?été (?:trouvée?|publiée?|recensée?)|pas de (?:chiffre|montant|donnée)|"
                        r"\bincohéren\w+|\berreur\b|\bbaisse\b|\brecul\w*|\bdiminu\w+|\bà peine\b|\bmarginal\w*|\bregrett\w*|"
                        r"\bdéplor\w*", re.I)
MIN_ADVICE_CLOSENESS = 0.835
MIN_FIGURE_CLOSENESS = 0.815


def _overlaps(text: str, used: set[str]) -> bool:
    """Already quoted, alone or inside a longer quote (a sentence quoted with the one it leans on)."""
    return any(text in u or u in text for u in used)


def _own_figure(request: str) -> str:
    """The amount the user quotes, put per inhabitant with the Calculateur's rule: the figure an official most needs
    against a cost objection is their own. Without a population, the line says what to complete."""
    amount, population, budget = figures_in(request)
    if amount is None or amount <= 0:
        return ""
    if population:
        figures = cost_from(amount, population, budget)
        if figures is None:
            return ""
        return f"_Votre chiffre : {amount_per_inhabitant(amount, population, figures)}. À dire : « {figures.sentence} »_"
    if budget and amount <= budget:
        # « 9 000 € par an sur un budget de 11 millions »: the share the user can say at once (review 12).
        share = share_of_budget(amount, budget)
        return (f"_Votre chiffre : {euros(amount)} sur un budget de {euros(budget)}, soit {share} du budget. "
                "Avec le nombre d'habitants, la page Calculateur donne aussi le coût par habitant._")
    return (f"_Votre chiffre : {euros(amount)} ÷ [nombre d'habitants] = [à compléter] € par habitant et par an "
            "(la page Calculateur fait le calcul et donne la phrase à dire)._")


def _labels(kinds: list[ObjectionKind]) -> str:
    return " · ".join(k.label for k in kinds)  # labels hold « et » themselves (« migrations et valeurs »)


def compose_counter(ctx: ComposeContext) -> str:
    objection = objection_text(ctx.question) or ctx.question
    kind = ctx.objection_kind or classify(objection, ctx.search)[0]
    used: set[str] = set()
    steps, kinds = plan(objection, kind, ctx.search, ctx.question)
    # When the user asks something beyond the objection ("Comment les associer ?"), the passages
    # closest to that request come first, before the structured arguments.
    asks_more = further_question(ctx.question) is not None
    direct = pick(ctx.rerank([s for s in score_sentences(ctx.question, candidates(ctx.passages, limit=3), ctx.bm25)
                              if _on_our_side(s.text)]), 2, min_score=0.3) if asks_more else []
    body: list[str] = []
    if direct:
        used.update(s.text for s in direct)
        body += ["", "**En bref** : " + " ".join(_cite(ctx, s) for s in direct)]
    their = checked_figure(ctx, objection)
    checked = ""
    if their is not None and their.text not in used:
        # « 126 millions… en 2021 »: whether the opponent's figure is right, and what it holds, comes first.
        used.add(their.text)
        year = source_year(their.passage.chunk.date)
        checked = _cite(ctx, their)
        body += ["", f"**Le chiffre cité, dans les documents** : {checked}" + (f" _(document de {year})_" if year else "")]
    argument_lines, arguments_out = _arguments(ctx, steps, objection, used)
    if not arguments_out and kinds != [OTHER_KIND]:
        # No quote backs this kind's arguments: the general rebuttal, rather than no reply to an answerable objection.
        kinds = [OTHER_KIND]
        argument_lines, arguments_out = _arguments(ctx, [Step(a, objection, OTHER_KIND) for a in OTHER_KIND.arguments],
                                                   objection, used)
    if not arguments_out:
        return ""
    head = [f"**L'objection** : _« {objection} »_ — _Type d'objection : {_labels(kinds)}_"]
    body += ["", "**Trois arguments pour répondre**" if len(arguments_out) == 3 else "**Arguments pour répondre**"]
    body += argument_lines
    # « Et en chiffres ? »: more of them, chosen for the objection asked in figures.
    figures = (_key_figures(ctx, f"{objection} : combien, en chiffres ?", used, n=5) if ctx.figures
               else _key_figures(ctx, objection, used))
    key_figures = []
    if figures:
        body += ["", "**Chiffres clés**"]
        for s in figures:
            used.add(s.text)
            year = source_year(s.passage.chunk.date)
            cited = _cite(ctx, s)
            body.append(f"- {cited}" + (f" _(document de {year})_" if year else ""))
            key_figures.append({"text": cited, "year": year})
    example = example_elsewhere(ctx, objection, used) if asks_example(ctx.question) else None
    told = ""
    if example is not None:
        place, s = example
        used.add(s.text)
        told = f"({place}) : {_cite(ctx, s)}"  # « Pas-de-Calais » takes no « À »: the town in brackets, as articles do
        body += ["", f"**Un exemple ailleurs** {told}"]
    advice = _advice(ctx, objection, used, kinds)
    if advice:
        body += ["", "**Conseil pratique**", f"- {_cite(ctx, advice[0])}"]
    closing = " ".join(a["closing"] for a in arguments_out[:2])
    head.append(f"\n_{_CLOSING_LABEL.get(ctx.audience, _CLOSING_LABEL['elu'])} : « {closing} »_")
    own = _own_figure(ctx.question)
    if own:
        head.append(f"\n{own}")
    ctx.sections = [{"kind": kinds[0].id, "kind_label": _labels(kinds), "objection": objection, "arguments": arguments_out,
                     "key_figures": key_figures, "checked_figure": checked, "example": told}]
    return "\n".join(head + body)
