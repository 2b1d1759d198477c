"""The answer pipeline: prepare → retrieve → judge relevance → compose (extractive) → generate (optional) → check.

The extractive answer is always composed first: it is the offline default and
the fallback whenever a configured model fails.
"""

from __future__ import annotations

import time
from typing import Callable, Iterator

from assistant.compose.citations import CitationBook
from assistant.compose.context import ComposeContext
from assistant.documents import Answer, Citation, Passage
from assistant.errors import AictError, BackendUnavailable
from assistant.index import Index
from assistant.questions import prepare
from assistant.relevance import assess, assess_objection
from assistant.retrieve import HybridSearch
from assistant.settings import Settings

MODES = {
    "question": "Question",
    "contre-argument": "Contre-argument",
    "article": "Article",
    "fiche": "Fiche outil",
}
MODE_ALIASES = {"counter": "contre-argument", "contre_argument": "contre-argument", "sheet": "fiche", "q": "question"}

ABSTAIN_TEXT = (
    "Les documents indexés ne contiennent pas d'information suffisante pour répondre à cette question. "
    "Voici les passages les plus proches, à titre indicatif ; reformulez la question ou ajoutez un document qui traite ce sujet."
)


def normalize_mode(mode: str | None) -> str:
    mode = (mode or "question").strip().lower()
    mode = MODE_ALIASES.get(mode, mode)
    if mode not in MODES:
        raise AictError(f"Mode inconnu : « {mode} ». Modes possibles : {', '.join(MODES)}.")
    return mode


def _composer(mode: str) -> Callable[[ComposeContext], str]:
    if mode == "contre-argument":
        from assistant.compose.counter import compose_counter

        return compose_counter
    if mode == "article":
        from assistant.compose.article import compose_article

        return compose_article
    if mode == "fiche":
        from assistant.compose.fiche import compose_fiche

        return compose_fiche
    from assistant.compose.question import compose_question_ctx

    return compose_question_ctx


class Assistant:
    """Holds the index and the search engine; create once per process."""

    def __init__(self, settings: Settings, index: Index | None = None) -> None:
        self.settings = settings
        self.index = index or Index(settings)
        self.search = HybridSearch(self.index, settings)

    def answer(
        self,
        question: str,
        mode: str = "question",
        audience: str = "elu",
        id: str = "",
        on_token: Callable[[str], None] | None = None,
        generate: bool | None = None,
    ) -> Answer:
        started = time.perf_counter()
        mode = normalize_mode(mode)
        prepared = prepare(question)
        if prepared.empty:
            return Answer(question=question or "", mode=mode, answer=prepared.notices[0], abstained=True,
                          notice=prepared.notices[0], id=id, latency_ms=(time.perf_counter() - started) * 1000)
        if self.index.is_empty():
            msg = "L'index est vide : lancez « python ingest.py » ou ajoutez des documents dans la page Corpus."
            return Answer(question=prepared.text, mode=mode, answer=msg, abstained=True, notice=msg, id=id)
        if mode == "contre-argument":
            from assistant.compose.counter import classify, objection_text

            objection = objection_text(prepared.text) or prepared.text
            passages = self.search.search(prepared.text, self.settings.top_k)
            _, similarity = classify(objection, self.search)
            relevance = assess_objection(objection, passages, self.index.bm25, similarity)
        else:
            passages = self.search.search(prepared.search_text, self.settings.top_k)
            relevance = assess(prepared.relevance_text, passages, self.index.bm25, strict=mode in ("question", "fiche") and not prepared.english)
        answer = Answer(question=prepared.text, mode=mode, answer="", abstained=False, retrieved=passages, id=id)
        answer.checks["relevance"] = relevance.to_json()
        notices = list(prepared.notices)
        if not relevance.answerable:
            answer.abstained = True
            book = CitationBook()
            for p in passages[:3]:
                book.cite(p)
            answer.citations = book.citations
            closest = "\n".join(f"- [{c.n}] {c.label()} — « {c.text[:200].strip()}… »" for c in book.citations)
            answer.answer = f"{ABSTAIN_TEXT}\n\n**Passages les plus proches**\n{closest}"
        else:
            ctx = ComposeContext(question=prepared.search_text, passages=passages, search=self.search, audience=audience)
            body = _composer(mode)(ctx)
            answer.citations = ctx.book.citations
            answer.sections = ctx.sections
            if not body.strip():
                answer.abstained = True
                answer.answer = ABSTAIN_TEXT
            else:
                answer.answer = body + "\n\n" + ctx.book.sources_block()
            use_model = self.settings.generative if generate is None else generate
            if use_model and not answer.abstained:
                notices.extend(self._generate(answer, ctx, on_token))
        answer.notice = " ".join(notices)
        answer.latency_ms = (time.perf_counter() - started) * 1000
        return answer

    def _generate(self, answer: Answer, ctx: ComposeContext, on_token: Callable[[str], None] | None) -> list[str]:
        """Replace the extractive answer with a model's, when it passes the checks; else keep it."""
        from assistant.checks import check_answer
        from assistant.generate import Generator

        given = _dedupe(ctx.passages[:6] + [p for p in ctx.extra_passages if p.chunk.id in {c.chunk_id for c in answer.citations}])[:8]
        try:
            text = Generator(self.settings).generate(answer.mode, answer.question, given, ctx.audience, on_token)
        except BackendUnavailable as exc:
            answer.checks["fallback"] = str(exc)
            return [f"{exc} Réponse extractive affichée à la place."]
        checked = check_answer(text, given)
        answer.checks.update(checked.report)
        if not checked.text.strip():
            answer.checks["fallback"] = "réponse du modèle rejetée par les contrôles"
            return ["La réponse du modèle n'a pas passé les contrôles de citations et de chiffres : réponse extractive affichée à la place."]
        answer.backend = f"openai:{self.settings.openai_model}"
        answer.answer = checked.text + "\n\n" + _sources_for(given, checked.cited)
        answer.citations = [_citation(n, p) for n, p in enumerate(given, start=1) if n in checked.cited]
        notices = []
        if checked.report.get("removed_sentences"):
            notices.append(
                f"{checked.report['removed_sentences']} phrase(s) du modèle retirée(s) : citation invalide ou chiffre absent des sources."
            )
        return notices


def _dedupe(passages: list[Passage]) -> list[Passage]:
    seen, out = set(), []
    for p in passages:
        if p.chunk.id not in seen:
            seen.add(p.chunk.id)
            out.append(p)
    return out


def _citation(n: int, p: Passage) -> Citation:
    c = p.chunk
    return Citation(n=n, source=c.source, title=c.title, page=c.page, date=c.date, text=c.text,
                    section=c.section, chunk_id=c.id, path=c.path)


def _sources_for(passages: list[Passage], cited: set[int]) -> str:
    lines = ["**Sources**"]
    for n, p in enumerate(passages, start=1):
        if n in cited:
            lines.append(f"- [{n}] {_citation(n, p).label()} — « {p.chunk.text[:160].strip()}… »")
    return "\n".join(lines)


