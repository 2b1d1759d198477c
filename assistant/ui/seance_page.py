"""« Préparer une séance »: a form for the deliberation, the note on screen, and its .docx / .md downloads.

The note takes a dozen answers (about 15 s on two cores), so it is built once per submitted form and
kept in the session; the page shows progress while it is built.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import streamlit as st

from assistant.cost import parse_french_number
from assistant.seance import Subject, prepare_note
from assistant.seance.render import to_docx, to_markdown
from assistant.ui.sources import source_details_html

if TYPE_CHECKING:
    from assistant.pipeline import Assistant

FIELDS = (("seance_amount", "Montant voté (€ par an)", "18 000"), ("seance_population", "Population (habitants)", "26 000"),
          ("seance_budget", "Budget total de la collectivité (€ par an, facultatif)", ""))


def _number(text: str, label: str, errors: list[str]) -> float | None:
    if not text.strip():
        return None
    try:
        return parse_french_number(text)
    except ValueError as exc:
        errors.append(f"{label} : {exc}")
        return None


def _subject_from_form(state: Any) -> tuple[Subject | None, list[str]]:
    errors: list[str] = []
    amount, population, budget = (_number(state.get(key, ""), label, errors) for key, label, _ in FIELDS)
    text = state.get("seance_subject", "").strip()
    if not text:
        errors.append("Indiquez l'objet de la délibération.")
    subject = Subject(text, amount, int(population) if population else None, budget, state.get("seance_partner", "").strip())
    try:
        subject.cost()
    except ValueError as exc:
        errors.append(str(exc))
    return (None if errors else subject), errors


def file_stem(subject: Subject) -> str:
    return "note-de-seance-" + (re.sub(r"[^a-z0-9]+", "-", subject.text.lower())[:40].strip("-") or "sujet")


def render(assistant: "Assistant") -> None:
    state = st.session_state
    st.header("Préparer une séance")
    st.markdown("Décrivez la délibération : l'assistant prépare une note avec le coût par habitant, les objections "
                "les plus probables et une réponse citée à chacune, une intervention liminaire et des questions pièges.")
    st.text_input("Objet de la délibération", key="seance_subject",
                  placeholder="Subvention de 18 000 € au comité de jumelage avec Ouahigouya")
    columns = st.columns(len(FIELDS))
    for column, (key, label, default) in zip(columns, FIELDS):
        column.text_input(label, value=default, key=key)
    st.text_input("Partenaire (collectivité ou pays, facultatif)", key="seance_partner", placeholder="Ouahigouya")
    if st.button("Préparer la note", key="seance_prepare", type="primary"):
        subject, errors = _subject_from_form(state)
        for error in errors:
            st.warning(error)
        if subject is not None:
            bar = st.progress(0.0, text="Préparation de la note…")
            state["seance_note"] = prepare_note(assistant, subject,
                                                progress=lambda message, fraction: bar.progress(min(1.0, fraction), text=message))
            bar.empty()
    note = state.get("seance_note")
    if note is None:
        return
    stem = file_stem(note.subject)
    c1, c2 = st.columns(2)
    c1.download_button("Télécharger la note (.docx)", to_docx(note), file_name=f"{stem}.docx", key="seance_docx",
                       mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    c2.download_button("Télécharger la note (.md)", to_markdown(note), file_name=f"{stem}.md", key="seance_md",
                       mime="text/markdown")
    st.markdown(to_markdown(note).split("\n## Sources")[0])
    st.markdown("**Sources** — cliquez pour ouvrir le passage cité")
    for citation in note.sources:
        st.markdown(source_details_html(citation), unsafe_allow_html=True)
