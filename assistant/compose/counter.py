"""Mode « contre-argument »: objection restated, three cited arguments, key figures, advice, closing line.

The structure follows rebuttal practice: name the objection and its kind, answer
with claims each backed by quoted evidence, then give a line to say aloud.
"""

from __future__ import annotations

import re
from assistant.compose.context import ComposeContext
from assistant.compose.sentences import Sentence, candidates, pick, score_sentences
from assistant.documents import unique_passages
from assistant.objection_kinds import match_kind
from assistant.retrieve import HybridSearch
from assistant.taxonomy import ADVICE_QUERY, ARGUMENTS, FIGURES_QUERY, ObjectionKind

_ASK_SUFFIX = re.compile(
    r"\s*(?:que (?:lui |leur )?répondre|comment (?:lui |leur )?répondre|quels arguments(?: lui| leur)? donner|"
    r"comment les associer|que dire|quoi répondre)\s*\?*\s*$",
    re.I,
)

_CLOSING_LABEL = {"elu": "À dire en séance", "public": "À retenir", "interne": "En une phrase, pour la note"}
_LEAD_INS = ("Les documents le montrent :", "Les sources le confirment :", "Exemple à l'appui :")


def objection_text(question: str) -> str:
    """The objection itself, without "Que répondre ?" and its quotation marks."""
    text = _ASK_SUFFIX.sub("", question).strip()
    return text.strip("«»\"“” ").strip()


def classify(objection: str, search: HybridSearch) -> tuple[ObjectionKind, float]:
    """The objection's kind (or "autre") and its cosine with the closest known phrasing."""
    found = match_kind(search.query_vector(objection), search.index.embeddings)
    return found.kind, found.similarity


def quoted(text: str) -> str:
    """French quotation marks around a sentence, unless it is already a quotation."""
    if text.startswith("«") and text.rstrip(".").endswith("»"):
        return text
    return f"« {text} »"


def _cite(ctx: ComposeContext, s: Sentence) -> str:
    return f"{quoted(s.text)} [{ctx.book.cite_sentence(s)}]"


def compose_counter(ctx: ComposeContext) -> str:
    objection = objection_text(ctx.question) or ctx.question
    kind = ctx.objection_kind or classify(objection, ctx.search)[0]
    used: set[str] = set()
    lines = [
        f"**L'objection** : _« {objection} »_",
        f"_Type d'objection : {kind.label} — {kind.description}._",
    ]
    # When the user asks something beyond the objection ("Comment les associer ?"), the passages
    # closest to that request come first, before the structured arguments.
    asks_more = objection != ctx.question.strip().strip("«»\"“” ").rstrip(".")
    direct = pick(ctx.rerank(score_sentences(ctx.question, candidates(ctx.passages, limit=3), ctx.bm25)), 2, min_score=0.3) if asks_more else []
    if direct:
        used.update(s.text for s in direct)
        lines += ["", "**En bref** : " + " ".join(_cite(ctx, s) for s in direct)]
    lines += ["", "**Trois arguments pour répondre**"]
    arguments_out = []
    for position, arg_id in enumerate(kind.arguments):
        arg = ARGUMENTS[arg_id]
        query = f"{arg.query} {objection}"
        passages = unique_passages(ctx.retrieve(query, k=5) + ctx.passages[:3])
        ranked = score_sentences(f"{arg.query} {ctx.question}", candidates(passages, limit=8), ctx.bm25, arg.prefer_figures)
        fresh = [s for s in ranked if s.text not in used]
        evidence = pick(fresh, 2, min_score=0.2)
        if len(evidence) == 2 and evidence[1].score < 0.7 * evidence[0].score:
            evidence = evidence[:1]
        if not evidence:
            continue
        used.update(s.text for s in evidence)
        quoted = " ".join(_cite(ctx, s) for s in evidence)
        lines.append(f"{position + 1}. **{arg.claim}**")
        lines.append(f"   {_LEAD_INS[min(position, 2)]} {quoted}")
        arguments_out.append({"claim": arg.claim, "evidence": [s.text for s in evidence], "closing": arg.closing})
    # Key figures: sentences with quantities, from everything retrieved so far and a figures search.
    pool = ctx.passages[:4] + ctx.retrieve(f"{FIGURES_QUERY} {objection}", k=5) + ctx.extra_passages
    figure_sents = [s for s in candidates(unique_passages(pool), limit=12) if s.has_figure and s.text not in used]
    figures = pick(score_sentences(f"{FIGURES_QUERY} {objection}", figure_sents, ctx.bm25), 3)
    if figures:
        lines += ["", "**Chiffres clés**"]
        for s in figures:
            used.add(s.text)
            lines.append(f"- {_cite(ctx, s)}")
    advice_pool = ctx.retrieve(ADVICE_QUERY, k=4)
    advice = [
        s for s in score_sentences(ADVICE_QUERY, candidates(advice_pool, limit=4), ctx.bm25)
        if s.text not in used and s.score >= 0.3
    ][:2]
    if advice:
        lines += ["", "**Conseils pratiques**"]
        lines += [f"- {_cite(ctx, s)}" for s in advice]
    if arguments_out:
        closing = " ".join(a["closing"] for a in arguments_out[:2])
        lines += ["", f"_{_CLOSING_LABEL.get(ctx.audience, _CLOSING_LABEL['elu'])} : « {closing} »_"]
    ctx.sections = [{"kind": kind.id, "kind_label": kind.label, "objection": objection, "arguments": arguments_out}]
    if len(arguments_out) == 0:
        return ""
    return "\n".join(lines)
