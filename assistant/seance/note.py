"""The « note de séance »: what an official needs to defend one deliberation on one evening.

The subject restated, its cost in one sentence, the objections most likely for this subject with a
short cited reply to each, key figures with their dates, funding leads, a one-minute opening
statement and « questions pièges ». Every part is built from answers of the extractive pipeline
(offline, checked), then all their citations are renumbered into one list in reading order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Callable

from assistant.compose.citations import CitationBook, cited_by
from assistant.compose.revise import shorten
from assistant.compose.sentences import candidates
from assistant.cost import CostFigures, french_number
from assistant.dates import stale_year
from assistant.documents import Answer, Citation
from assistant.figures import quantities
from assistant.seance.replies import ShortReply, short_reply, word_count
from assistant.seance.sources import NoteSources, citation_json, unsupported_figures
from assistant.seance.subject import Subject, funding_questions, likely_objections, themes_of, trick_questions
from assistant.taxonomy import OBJECTION_KINDS

if TYPE_CHECKING:
    from assistant.pipeline import Assistant

Progress = Callable[[str, float], None]

MAX_OBJECTIONS = 6
MAX_KEY_FIGURES = 4
OPENING_WORDS = 160  # about one minute said aloud


@dataclass
class Cited:
    """A piece of the note and the citations its markers point to."""

    text: str
    citations: list[Citation] = field(default_factory=list)


@dataclass
class NoteObjection:
    objection: str
    kind: str
    reply: Cited
    arguments: list[str] = field(default_factory=list)


@dataclass
class NoteItem:
    """A question piège or a funding lead: a question and its short cited answer."""

    question: str
    answer: Cited


@dataclass
class SeanceNote:
    subject: Subject
    prepared_on: str
    themes: list[str]
    cost: CostFigures | None
    objections: list[NoteObjection]
    key_figures: list[Cited]
    opening: Cited
    traps: list[NoteItem]
    funding: list[NoteItem]
    partner: list[Cited]
    sources: list[Citation] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        from assistant.seance.render import to_markdown

        return {
            "sujet": self.subject.text,
            "partenaire": self.subject.partner,
            "date": self.prepared_on,
            "themes": self.themes,
            "cost": _cost_json(self.cost),
            "objections": [{"objection": o.objection, "kind": o.kind, "kind_label": OBJECTION_KINDS[o.kind].label
                            if o.kind in OBJECTION_KINDS else o.kind, "reply": o.reply.text, "arguments": o.arguments,
                            "citations": [citation_json(c) for c in o.reply.citations]} for o in self.objections],
            "key_figures": [{"text": f.text, "citations": [citation_json(c) for c in f.citations]} for f in self.key_figures],
            "opening": {"text": self.opening.text, "citations": [citation_json(c) for c in self.opening.citations]},
            "questions_pieges": [_item_json(i) for i in self.traps],
            "funding": [_item_json(i) for i in self.funding],
            "partner_facts": [{"text": p.text, "citations": [citation_json(c) for c in p.citations]} for p in self.partner],
            "sources": [citation_json(c) for c in self.sources],
            "markdown": to_markdown(self),
        }


def _cost_json(cost: CostFigures | None) -> dict[str, Any] | None:
    if cost is None:
        return None
    return {"per_inhabitant": round(cost.per_inhabitant, 4), "per_inhabitant_text": cost.per_inhabitant_text,
            "share_of_budget": None if cost.share_percent is None else round(cost.share_percent, 4),
            "share_text": cost.share_text, "sentence": cost.sentence}


def _item_json(item: NoteItem) -> dict[str, Any]:
    return {"question": item.question, "answer": item.answer.text,
            "citations": [citation_json(c) for c in item.answer.citations]}


# -- the parts --------------------------------------------------------------------------------
def _objections(assistant: "Assistant", subject: Subject,
                progress: Progress) -> tuple[list[NoteObjection], list[Answer], list[ShortReply]]:
    """The most likely objections that the documents answer, each with a short cited reply: those drawn from the
    subject's own words first, then general ones of kinds not yet answered."""
    chosen: list[NoteObjection] = []
    answers: list[Answer] = []
    replies: list[ShortReply] = []
    kinds: set[str] = set()
    for likely in likely_objections(subject):
        if len(chosen) >= MAX_OBJECTIONS:
            break
        if likely.kind in kinds and not likely.tailored:  # a general objection adds a kind not yet answered
            continue
        progress(f"Objection {len(chosen) + 1} : « {likely.text[:60]} »", 0.05 + 0.55 * len(chosen) / MAX_OBJECTIONS)
        answer = assistant.answer(likely.text, mode="contre-argument", generate=False)
        reply = short_reply(answer)
        if reply is None:
            continue
        kinds.add(likely.kind)
        chosen.append(NoteObjection(likely.text, likely.kind, Cited(reply.text, reply.citations), reply.arguments))
        answers.append(answer)
        replies.append(reply)
    return chosen, answers, replies


# A key figure in a note measures the policy (money, shares, collectivités, countries, projects); a remark
# quoted from a speaker (« … » regrette X) is an opinion, not a figure to put before the council.
_KEY_QUANTITY = re.compile(r"\d[\d\s\u202f,.]*\s*(?:%|€|euros?|millions?|milliards?|collectivités|pays|projets|partenariats)", re.I)
_MARKERS = re.compile(r"\s*\[\d+\]")
_REPORTED_SPEECH = re.compile(r"»\s*(?:,\s*)?(?:regrette|explique|souligne|ajoute|précise|rappelle|estime|affirme)\b", re.I)


def _key_figures(answers: list[Answer]) -> list[Cited]:
    """The counter-arguments' key figures, one per quantity (the most recent source wins), dated, old ones flagged."""
    picked: list[tuple[dict, Answer]] = []
    for answer in answers:
        for figure in answer.sections[0].get("key_figures", []):
            if not _KEY_QUANTITY.search(figure["text"]) or _REPORTED_SPEECH.search(figure["text"]):
                continue
            if any(_MARKERS.sub("", figure["text"]) == _MARKERS.sub("", f["text"]) for f, _ in picked):
                continue
            clash = next((i for i, (f, _) in enumerate(picked) if quantities(f["text"]) & quantities(figure["text"])), None)
            if clash is None:
                picked.append((figure, answer))
            elif (figure["year"] or 0) > (picked[clash][0]["year"] or 0):
                picked[clash] = (figure, answer)
    out = []
    for figure, answer in picked[:MAX_KEY_FIGURES]:
        citations = cited_by(figure["text"], answer.citations)
        old = stale_year(citations[0].date) if citations else None
        dated = f" _(document de {figure['year']}{' — à vérifier' if old else ''})_" if figure["year"] else ""
        out.append(Cited(figure["text"] + dated, citations))
    return out


def _short_answers(assistant: "Assistant", questions: list[str], limit: int, sentences: int = 2) -> list[NoteItem]:
    """Questions answered in one or two cited sentences; unanswered ones are left out, repeats too."""
    items: list[NoteItem] = []
    seen: set[str] = set()
    for question in questions:
        if len(items) >= limit:
            break
        answer = assistant.answer(question, mode="question", generate=False)
        if answer.abstained or not answer.citations:
            continue
        text, citations = shorten(answer, sentences)
        if not text or text in seen or unsupported_figures(text, citations):
            continue
        seen.add(text)
        items.append(NoteItem(question, Cited(text, citations)))
    return items


def _partner_facts(assistant: "Assistant", partner: str) -> list[Cited]:
    """What the documents say about the named partner, in their own sentences (at most two)."""
    if not partner:
        return []
    name = re.compile(re.escape(partner), re.I)
    out = []
    for sentence in candidates(assistant.search.search(partner, 5), limit=30):
        if name.search(sentence.text) and len(out) < 2:
            book = CitationBook()
            n = book.cite_sentence(sentence)
            out.append(Cited(f"« {sentence.text} » [{n}]", book.citations))
    return out


def _opening(subject: Subject, cost: CostFigures | None, replies: list[ShortReply]) -> list[Cited]:
    """« Intervention liminaire »: the subject, its cost, then the replies' claims with their quotes, to ~1 minute.
    Its parts come from several answers, each numbered on its own, so they stay apart until renumbered."""
    parts = [Cited(f"Mes chers collègues, la délibération qui vous est soumise a pour objet : {subject.text.rstrip('.')}.")]
    if cost is not None:
        parts.append(Cited(cost.sentence))
        replies = [r for r in replies if r.arguments[:1] != ["modeste"]]  # the cost sentence already says it
    claims: set[str] = set()
    for reply in replies:
        piece = _first_argument(reply)
        if piece is None or reply.claims[0] in claims:
            continue
        if word_count(" ".join(p.text for p in parts + [piece])) > OPENING_WORDS - 25:
            continue
        claims.add(reply.claims[0])
        parts.append(piece)
    closing = next((r.closing for r in replies if r.closing), "")
    parts.append(Cited((closing + " " if closing else "") + "C'est pourquoi je vous propose d'adopter cette délibération."))
    return parts


def _first_argument(reply: ShortReply) -> Cited | None:
    """The reply's first claim with its quote (the text up to the second claim)."""
    if not reply.claims:
        return None
    text = reply.text
    if len(reply.claims) > 1:
        text = text.split(reply.claims[1])[0].strip()
    return Cited(text, cited_by(text, reply.citations))


# -- assembly ---------------------------------------------------------------------------------
def prepare_note(assistant: "Assistant", subject: Subject, progress: Progress | None = None) -> SeanceNote:
    """The whole note; `progress(message, fraction)` follows the dozen answers it takes."""
    step = progress or (lambda message, fraction: None)
    cost = subject.cost()
    objections, answers, replies = _objections(assistant, subject, step)
    step("Intervention liminaire et chiffres clés", 0.62)
    opening = _opening(subject, cost, replies)
    key_figures = _key_figures(answers)
    step("Questions pièges", 0.7)
    traps = _short_answers(assistant, trick_questions(subject), limit=2)
    if cost is not None:  # computed, not quoted: the rule is said with it
        traps.insert(0, NoteItem("Combien cela coûte-t-il à chaque habitant ?",
                                 Cited(f"{cost.sentence} (Calcul : {subject.amount_text()} ÷ {french_number(subject.population)} habitants.)")))
    step("Pistes de financement", 0.85)
    funding = _short_answers(assistant, funding_questions(subject), limit=2, sentences=1)
    partner = _partner_facts(assistant, subject.partner)
    note = SeanceNote(subject, date.today().isoformat(), [t.label for t in themes_of(subject)], cost, objections,
                      key_figures, Cited(""), traps, funding, partner)
    _number_sources(note, opening)
    step("Note prête", 1.0)
    return note


def _number_sources(note: SeanceNote, opening: list[Cited]) -> None:
    """One source list for the whole note, numbered in reading order; the opening's parts are joined once numbered."""
    sources = NoteSources()

    def renumber(piece: Cited) -> None:
        piece.text, piece.citations = sources.renumber(piece.text, piece.citations)

    for part in opening:
        renumber(part)
    note.opening = Cited(" ".join(p.text for p in opening),
                         list({c.n: c for p in opening for c in p.citations}.values()))
    for o in note.objections:
        renumber(o.reply)
    for piece in note.key_figures:
        renumber(piece)
    for item in note.traps + note.funding:
        renumber(item.answer)
    for piece in note.partner:
        renumber(piece)
    note.sources = sources.citations

