"""« Entraînement »: the app plays the opposition, the official answers, the critique says what held and what
was missing, with sources; then the next round. Scores are kept for the session."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

import streamlit as st

from assistant.argumentaire import OBJECTIONS
from assistant.seance.render import critique_markdown
from assistant.seance.sparring import critique
from assistant.seance.subject import Subject, likely_objections

if TYPE_CHECKING:
    from assistant.pipeline import Assistant


def objections_for(subject_text: str) -> list[str]:
    """Tailored to the deliberation when one is given, else the argumentaire's common objections."""
    if subject_text.strip():
        return [o.text for o in likely_objections(Subject(subject_text.strip()))]
    return [o.text for o in OBJECTIONS]


def draw_objection(state: Any) -> None:
    """The next objection, not yet asked in this session while some remain."""
    pool = objections_for(state.get("training_subject", ""))
    asked = {r["objection"] for r in state.get("training_rounds", [])}
    fresh = [o for o in pool if o not in asked] or pool
    state["training_objection"] = random.Random(len(asked)).choice(fresh)
    state["training_reply"] = ""
    state.pop("training_result", None)


def render(assistant: "Assistant") -> None:
    state = st.session_state
    state.setdefault("training_rounds", [])
    st.header("Entraînement")
    st.markdown("L'assistant joue l'opposition. Répondez comme en séance : la critique vous dit quels arguments "
                "des documents vous avez utilisés, lesquels manquent (sources à l'appui), et propose une réponse plus solide.")
    st.text_input("Sujet de la délibération (facultatif : les objections s'y adaptent)", key="training_subject",
                  on_change=draw_objection, args=(state,))
    if "training_objection" not in state:
        draw_objection(state)
    with st.chat_message("user", avatar=":material/record_voice_over:"):
        st.markdown(f"**L'opposition** : « {state['training_objection']} »")
    st.text_area("Votre réponse", key="training_reply", height=120)
    c1, c2 = st.columns(2)
    if c1.button("Évaluer ma réponse", key="training_submit", type="primary"):
        if not state["training_reply"].strip():
            st.warning("Écrivez votre réponse avant de la faire évaluer.")
        else:
            with st.spinner("Lecture de votre réponse et recherche des arguments dans les documents…"):
                result = critique(assistant, state["training_objection"], state["training_reply"])
            state["training_result"] = result
            state["training_rounds"].append({"objection": state["training_objection"], "score": result.score})
    c2.button("Objection suivante", key="training_next", on_click=draw_objection, args=(state,))
    result = state.get("training_result")
    if result is not None:
        st.markdown(critique_markdown(result))
    rounds = state["training_rounds"]
    if rounds:
        mean = sum(r["score"] for r in rounds) / len(rounds)
        st.metric("Moyenne de la session", f"{round(100 * mean)} / 100", help=f"{len(rounds)} réponse(s) évaluée(s)")
        st.dataframe([{"Tour": i, "Objection": r["objection"], "Note": round(100 * r["score"])}
                      for i, r in enumerate(rounds, start=1)], hide_index=True, width="stretch")
