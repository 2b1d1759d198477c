"""Assistant AICT — the Streamlit app. Layout only: every decision is made in the `assistant` package."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from assistant.argumentaire import OBJECTIONS, prepared_replies
from assistant.documents import Answer, Citation
from assistant.errors import AictError
from assistant.evaluation import fold
from assistant.pipeline import MODES, Assistant
from assistant.settings import PROJECT_ROOT, Settings
from assistant.taxonomy import OBJECTION_KINDS
from assistant.conversation import Turn
from assistant.cost import cost_per_inhabitant, parse_french_number
from assistant.ui.corpus_page import CorpusContext, render as render_corpus
from assistant.ui.access import current_access
from assistant.ui.chrome import inject_chrome
from assistant.ui.export import split_details, to_docx, to_markdown
from assistant.ui.feedback import record_feedback
from assistant.ui.published import document_url
from assistant.ui.sources import citation_title, highlighted_html, source_details_html, stale_badge
from assistant.ui.status import backend_status
from assistant.ui.conversations import ConversationStore, new_id
from assistant.ui import seance_page, training_page
from assistant.warmup import load_shared_assistant

PAGES = ["Conversation", "Argumentaire", "Préparer une séance", "Entraînement", "Calculateur", "Corpus"]
AUDIENCES = {"elu": "Élu en séance", "public": "Grand public", "interne": "Note interne"}
EXAMPLES = [
    ("Quels outils financiers l'AFD propose-t-elle aux collectivités ?", "question"),
    ("C'est de l'argent public gaspillé à l'étranger.", "contre-argument"),
    ("FICOL", "fiche"),
    ("Rédige un article sur la coopération décentralisée et la jeunesse pour le bulletin municipal", "article"),
]

st.set_page_config(page_title="Assistant AICT", page_icon=str(PROJECT_ROOT / "static" / "favicon.png"), layout="wide")
inject_chrome()


@st.cache_resource(show_spinner="Chargement de l'index et du modèle d'embeddings…")
def get_assistant(settings: Settings) -> Assistant:
    return load_shared_assistant(settings)  # its warm-up runs in the background: first answer and Argumentaire ready sooner


@st.cache_data(ttl=60, show_spinner=False)
def cached_status(settings: Settings) -> dict[str, object]:
    return backend_status(settings)


@st.cache_data(show_spinner="Préparation de l'argumentaire…")
def cached_replies(_assistant: Assistant, generation: str) -> list[dict]:
    return prepared_replies(_assistant)


settings = Settings.from_env()
try:
    assistant = get_assistant(settings)
except AictError as exc:
    st.error(str(exc))
    st.stop()
index = assistant.index
state = st.session_state
access = current_access(settings)  # who may change the corpus in this session (None: read-only)
conversations = ConversationStore(index.data_dir)
# The conversation id lives in the page's address, so a reload finds the conversation again.
if "conversation_id" not in state or state["conversation_id"] != st.query_params.get("c"):
    if st.query_params.get("c"):
        state["conversation_id"] = st.query_params["c"]
        state["history"] = conversations.load(state["conversation_id"])
    else:
        state["conversation_id"] = new_id()
        st.query_params["c"] = state["conversation_id"]
        state["history"] = []
state.setdefault("history", [])
state.setdefault("voted", {})
# The sidebar's mode follows the mode the last answer was given in (set before the radio is drawn).
if "next_mode" in state:
    state["mode_label"] = MODES[state.pop("next_mode")]


def ask(question: str, mode: str, history_upto: int | None = None) -> None:
    """Queue a question for the conversation page (used by examples, quick actions and the argumentaire).
    `history_upto`: a quick action under an older answer applies to that answer, not to the latest one."""
    state["pending"] = (question, mode, history_upto)
    state["page"] = "Conversation"
    state["mode_label"] = MODES[mode]


def new_conversation() -> None:
    state["conversation_id"] = new_id()
    st.query_params["c"] = state["conversation_id"]
    state["history"] = []
    state["page"] = "Conversation"


def open_conversation(conversation_id: str) -> None:
    st.query_params["c"] = conversation_id
    state["page"] = "Conversation"


# -- sidebar -------------------------------------------------------------------------------
with st.sidebar:
    st.title("Assistant AICT")
    st.caption("L'action internationale des collectivités territoriales, expliquée et défendue, sources à l'appui.")
    st.button("Nouvelle conversation", key="new-conversation", on_click=new_conversation, width="stretch")
    page = st.radio("Navigation", PAGES, key="page")
    mode_label = st.radio("Mode de réponse", list(MODES.values()), key="mode_label")
    mode = next(k for k, v in MODES.items() if v == mode_label)
    audience = st.selectbox("Public visé", list(AUDIENCES), format_func=AUDIENCES.__getitem__, key="audience")
    status = cached_status(settings)
    st.subheader("Moteur de réponse")
    if status["generative"]:
        (st.success if status["reachable"] else st.warning)(str(status["label"]))
        st.caption(str(status["detail"]))
    else:
        st.info(str(status["label"]))
        st.caption(str(status["detail"]))
    if access.actor and status.get("admin_hint"):
        st.caption(str(status["admin_hint"]))
    stats = index.stats()
    st.caption(f"{stats['documents']} document(s), {stats['chunks']} extraits indexés.")
    recent = [(cid, title) for cid, title in conversations.recent() if cid != state["conversation_id"]]
    if recent:
        st.subheader("Conversations récentes")
        for cid, title in recent:
            st.button(title, key=f"recent-{cid}", on_click=open_conversation, args=(cid,), width="stretch")


# -- answer rendering -----------------------------------------------------------------------
def document_bytes(path: str) -> bytes | None:
    try:
        return Path(path).read_bytes() if path else None
    except OSError:
        return None


def open_document_button(c: Citation, key: str) -> None:
    """The whole document in the browser's viewer, at the cited page; a download where it cannot be served."""
    url = document_url(c.path, c.page) if st.get_option("server.enableStaticServing") else None
    if url:
        st.link_button("Ouvrir le document complet" + (f" (page {c.page})" if c.page else ""), url, key=f"open-{key}-{c.n}")
        return
    data = document_bytes(c.path)
    if data is not None:
        st.download_button("Télécharger le document", data, file_name=c.source, key=f"doc-{key}-{c.n}")


def render_answer(answer: Answer, key: str, history_upto: int | None = None) -> None:
    if answer.notice:
        st.info(answer.notice)
    body = answer.answer.split("**Sources**")[0].strip()
    if answer.abstained:
        st.warning(body.split("\n\n")[0])
        body = "\n\n".join(body.split("\n\n")[1:])
    main, details = split_details(body, answer.mode)
    st.markdown(main)
    if details:
        with st.expander("Chiffres clés et conseil"):
            st.markdown(details)
    if answer.citations:
        st.markdown("**Sources** — cliquez pour ouvrir le passage cité")
        for c in answer.citations:
            badge = stale_badge(c)
            with st.expander(citation_title(c)):
                if badge:
                    st.warning(badge)
                st.markdown(f"<div class='aict-passage'>{highlighted_html(c)}</div>", unsafe_allow_html=True)
                st.caption(f"Document : {c.source}" + (f" — page {c.page}" if c.page else f" — section « {c.section} »" if c.section else ""))
                open_document_button(c, key)
    cols = st.columns([1, 1, 2])
    cols[0].download_button("Exporter (.md)", to_markdown(answer), file_name="reponse-aict.md", mime="text/markdown", key=f"md-{key}")
    cols[1].download_button(
        "Exporter (.docx)", to_docx(answer), file_name="reponse-aict.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document", key=f"docx-{key}",
    )
    with cols[2]:
        vote = st.feedback("thumbs", key=f"fb-{key}")
        if vote is not None and state["voted"].get(key) != vote:
            record_feedback(index.data_dir, answer, "up" if vote == 1 else "down")
            state["voted"][key] = vote
            st.caption("Merci pour votre avis.")
    st.caption(f"{'Réponse extractive (hors ligne)' if answer.backend == 'extractive' else answer.backend} · {answer.latency_ms:.0f} ms")
    if not answer.abstained and answer.intent != "compute":
        quick = st.columns(3)
        for col, (label, instruction, quick_mode) in zip(quick, QUICK_ACTIONS):
            col.button(label, key=f"quick-{key}-{label}", on_click=ask,
                       args=(instruction, quick_mode or answer.mode, history_upto))


QUICK_ACTIONS = (("Plus court", "Plus court", None), ("Version article", "Transforme en article", None),
                 ("Avec des chiffres", "Avec des chiffres", None))


def show_user_turn(content: str, mode: str, resolved: str = "") -> None:
    st.markdown(f"_{MODES[mode]}_ — {content}")
    if resolved and fold(resolved) != fold(content):
        st.caption(f"Question comprise : {resolved}")


def conversation_turns() -> list[Turn]:
    """The session history as the pipeline reads it: user messages with their mode, whole answers."""
    return [Turn("user", t["content"], t["mode"]) if t["role"] == "user"
            else Turn("assistant", t["answer"].answer, t["answer"].mode, t["answer"]) for t in state["history"]]


# -- pages ------------------------------------------------------------------------------------
def conversation_page() -> None:
    st.header("Conversation")
    if not state["history"]:
        st.markdown(
            "Posez une question, citez une objection entendue en conseil, nommez un outil de financement "
            "ou demandez un article. Chaque phrase de la réponse renvoie à sa source."
        )
        st.markdown("**Exemples pour commencer :**")
        cols = st.columns(2)  # two per row: the whole example is readable, on a phone too
        for i, (text, example_mode) in enumerate(EXAMPLES):
            cols[i % 2].button(f"{MODES[example_mode]} : {text}", key=f"example-{i}", on_click=ask,
                               args=(text, example_mode), width="stretch")
    history = state["history"]
    for i, turn in enumerate(history):
        with st.chat_message(turn["role"]):
            if turn["role"] == "user":
                following = history[i + 1]["answer"] if i + 1 < len(history) else None
                show_user_turn(turn["content"], turn["mode"], following.resolved_question if following else "")
            else:
                render_answer(turn["answer"], key=str(i), history_upto=i + 1)
    typed = st.chat_input("Votre question, objection ou outil…")
    pending = state.pop("pending", None)
    question, question_mode, upto = (typed, mode, None) if typed else (pending if pending else (None, mode, None))
    if not question:
        return
    turns = conversation_turns()[:upto] if upto else conversation_turns()
    state["history"].append({"role": "user", "content": question, "mode": question_mode})
    with st.chat_message("user"):
        show_user_turn(question, question_mode)
    with st.chat_message("assistant"):
        try:
            if settings.generative:
                stream = assistant.stream(question, question_mode, audience, history=turns)
                st.write_stream(stream)
                answer = stream.result
            else:
                with st.spinner("Recherche dans les documents…"):
                    answer = assistant.answer(question, question_mode, audience, history=turns)
        except AictError as exc:
            st.error(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a user sees a sentence, never a traceback
            st.error(f"Une erreur inattendue est survenue ({type(exc).__name__}). Réessayez ; si elle persiste, "
                     "réindexez le corpus depuis la page Corpus.")
            return
    state["history"].append({"role": "assistant", "answer": answer})
    conversations.save(state["conversation_id"], state["history"])
    state["next_mode"] = answer.mode
    st.rerun()


def argumentaire_page() -> None:
    st.header("Argumentaire")
    st.markdown("Les objections les plus fréquentes en conseil, avec une réplique préparée à partir des documents.")
    replies = {r["id"]: r for r in cached_replies(assistant, index.generation)}
    for objection in OBJECTIONS:
        reply = replies.get(objection.id)
        with st.expander(f"« {objection.text} » — {OBJECTION_KINDS[objection.kind].label}"):
            if reply:
                st.markdown(reply["answer"].split("**Sources**")[0])
                st.markdown("**Sources** — cliquez pour ouvrir le passage cité")
                for c in reply["citations"]:
                    st.markdown(source_details_html(Citation(**c)), unsafe_allow_html=True)
                st.caption(f"{len(reply['citations'])} source(s) citée(s) · passages liés : {len(reply['linked_passages'])}")
            st.button("Utiliser dans la conversation", key=f"use-{objection.id}", on_click=ask, args=(objection.text, "contre-argument"))


def calculator_page() -> None:
    st.header("Coût par habitant")
    st.markdown(
        "Rapporter l'action internationale au budget et au nombre d'habitants permet de nuancer les critiques financières. "
        "Écrivez les nombres comme vous les lisez : « 18 000 », « 18000,50 »."
    )
    c1, c2, c3 = st.columns(3)
    typed = (c1.text_input("Budget de l'action internationale (€ par an)", value="50 000", key="calc_aict"),
             c2.text_input("Budget total de la collectivité (€ par an, facultatif)", value="40 000 000", key="calc_total"),
             c3.text_input("Population (habitants)", value="25 000", key="calc_pop"))
    try:
        aict, people = parse_french_number(typed[0]), parse_french_number(typed[2])
        total = parse_french_number(typed[1]) if typed[1].strip() else None
        figures = cost_per_inhabitant(aict, total, int(people))
    except ValueError as exc:
        st.warning(str(exc))
        return
    m1, m2 = st.columns(2)
    m1.metric("Par habitant et par an", figures.per_inhabitant_text)
    m2.metric("Part du budget", figures.share_text or "—")
    st.success(figures.sentence)


def corpus_page() -> None:
    render_corpus(CorpusContext(index, settings, access, on_change=cached_replies.clear))


{"Conversation": conversation_page, "Argumentaire": argumentaire_page, "Calculateur": calculator_page, "Corpus": corpus_page,
 "Préparer une séance": lambda: seance_page.render(assistant),
 "Entraînement": lambda: training_page.render(assistant)}[page]()
