"""The Corpus page: what is indexed, and, for whoever may change it, upload, edit, removal, re-indexing.

Every change ends with `st.rerun()`: the table, the document picker and the sidebar's counts are
drawn again from the new index, and the change's report, kept in the session, is shown on top.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import streamlit as st

from assistant.audit import ACTIONS_FR, AuditLog
from assistant.errors import AictError
from assistant.index import Index
from assistant.metadata import DATE_HELP, guess_metadata, normalize_date
from assistant.settings import Settings
from assistant.ui import corpus_ops
from assistant.ui.access import Access, access_panel
from assistant.ui.uploads import Upload

OUTCOME_KEY = "corpus_outcome"
CONFIRM_KEY = "confirm_remove"
UPLOAD_ROUND_KEY = "upload_round"


@dataclass
class CorpusContext:
    index: Index
    settings: Settings
    access: Access
    on_change: Callable[[], None]  # forget what was computed from the old corpus (argumentaire…)


def upload_limit_mb(settings: Settings) -> int:
    """The limit a visitor meets: ours (AICT_MAX_FILE_MB), unless Streamlit's own cap is lower."""
    server = int(st.get_option("server.maxUploadSize") or settings.max_file_mb)
    return max(1, min(int(settings.max_file_mb), server))


def _finish(ctx: CorpusContext, outcome: corpus_ops.Outcome) -> None:
    st.session_state[OUTCOME_KEY] = outcome
    st.session_state.pop(CONFIRM_KEY, None)
    ctx.on_change()
    st.rerun()


def _show_outcome() -> None:
    outcome = st.session_state.pop(OUTCOME_KEY, None)
    if outcome is None:
        return
    for level, text in outcome.lines:
        getattr(st, level)(text)
    if outcome.summary:
        st.caption(outcome.summary)


def _progress() -> Callable[[str, float], None]:
    bar = st.progress(0.0, text="Préparation…")
    return lambda message, fraction: bar.progress(min(1.0, fraction), text=message)


@st.cache_data(show_spinner=False, max_entries=64)
def _guess(name: str, data: bytes) -> dict[str, str]:
    return guess_metadata(name, data)


def _upload_section(ctx: CorpusContext) -> None:
    st.subheader("Ajouter des documents")
    limit = upload_limit_mb(ctx.settings)
    round_ = st.session_state.get(UPLOAD_ROUND_KEY, 0)  # a new key after each upload empties the picker
    files = st.file_uploader(f"PDF, .txt ou .md — {limit} Mo au plus par fichier", type=["pdf", "txt", "md"],
                             accept_multiple_files=True, key="uploader" + (f"-{round_}" if round_ else ""),
                             max_upload_size=limit)
    wanted: dict[str, dict[str, str]] = {}
    for f in files or []:
        guess, fid = _guess(f.name, f.getvalue()), getattr(f, "file_id", f.name)
        left, right = st.columns([3, 1])
        title = left.text_input(f"Titre de « {f.name} »", value=guess["title"], key=f"up-title-{fid}")
        date = right.text_input(f"Date ({DATE_HELP})", value=guess["date"], key=f"up-date-{fid}")
        wanted[f.name] = {"title": title, "date": date}
    if not st.button("Indexer les fichiers", key="ingest", disabled=not files):
        return
    try:
        wanted = {name: {"title": m["title"].strip(), "date": normalize_date(m["date"])} for name, m in wanted.items()}
        outcome = corpus_ops.upload(ctx.index, [Upload(f.name, f.getvalue()) for f in files or []], wanted,
                                    str(ctx.access.actor), progress=_progress())
    except (ValueError, AictError) as exc:
        st.error(str(exc))
        return
    st.session_state[UPLOAD_ROUND_KEY] = round_ + 1
    _finish(ctx, outcome)


def _documents_table(docs: list[dict[str, Any]]) -> None:
    if not docs:
        st.info("Aucun document indexé.")
        return
    st.dataframe(
        [{"Document": d["source"], "Titre": d["title"], "Date": d["date"], "Pages": d["pages"], "Extraits": d["chunks"],
          "Indexé le": d["indexed_at"]} for d in docs],
        hide_index=True, width="stretch",
    )


def _edit_metadata(ctx: CorpusContext, doc: dict[str, Any]) -> None:
    if not corpus_ops.is_upload(ctx.index, doc["path"]):
        st.caption("Le titre et la date de ce document se modifient dans le fichier "
                   f"« {Path(doc['path']).name}.meta.json » placé à côté de lui (ou dans l'en-tête d'un .md), "
                   "puis en le réindexant.")
        return
    tag = hashlib.sha256(doc["path"].encode()).hexdigest()[:10]
    with st.expander("Modifier le titre et la date"):
        title = st.text_input("Titre", value=doc["title"], key=f"edit-title-{tag}")
        date = st.text_input(f"Date ({DATE_HELP})", value=doc["date"], key=f"edit-date-{tag}")
        if st.button("Enregistrer le titre et la date", key="save_meta"):
            try:
                outcome = corpus_ops.edit_metadata(ctx.index, doc["path"], title.strip(), normalize_date(date),
                                                   str(ctx.access.actor))
            except (ValueError, AictError) as exc:
                st.error(str(exc))
                return
            _finish(ctx, outcome)


def _removal(ctx: CorpusContext, doc: dict[str, Any]) -> None:
    if st.button("Retirer de l'index…", key="remove"):
        st.session_state[CONFIRM_KEY] = doc["path"]
    if st.session_state.get(CONFIRM_KEY) != doc["path"]:
        return
    st.warning(corpus_ops.removal_notice(ctx.index, ctx.settings, doc["path"]))
    yes, no = st.columns(2)
    if no.button("Annuler", key="cancel_remove"):
        st.session_state.pop(CONFIRM_KEY, None)
        st.rerun()
    if yes.button("Confirmer le retrait", key="confirm_remove_button", type="primary"):
        try:
            outcome = corpus_ops.remove(ctx.index, doc["path"], str(ctx.access.actor))
        except AictError as exc:
            st.error(str(exc))
            return
        _finish(ctx, outcome)


def _document_section(ctx: CorpusContext, docs: list[dict[str, Any]]) -> None:
    if not docs:
        return
    st.subheader("Consulter ou gérer un document")
    paths = [d["path"] for d in docs]
    if st.session_state.get("remove_choice") not in paths:
        st.session_state.pop("remove_choice", None)  # removed meanwhile: the picker starts again from the top
    choice = st.selectbox("Document", paths, key="remove_choice",
                          format_func=lambda p: next(d["source"] for d in docs if d["path"] == p))
    doc = next(d for d in docs if d["path"] == choice)
    try:
        data = Path(choice).read_bytes()
    except OSError:
        data = None
    if data is not None:
        st.download_button("Télécharger le document", data, file_name=Path(choice).name, key="download_doc")
    if ctx.access.actor:
        _edit_metadata(ctx, doc)
        _removal(ctx, doc)


def _reindex_section(ctx: CorpusContext) -> None:
    st.subheader("Réindexer")
    if st.button("Réindexer le corpus et les documents ajoutés", key="reindex"):
        try:
            outcome = corpus_ops.reindex(ctx.index, ctx.settings, str(ctx.access.actor), progress=_progress())
        except AictError as exc:
            st.error(str(exc))
            return
        _finish(ctx, outcome)


def _audit_section(ctx: CorpusContext) -> None:
    st.subheader("Dernières modifications")
    rows = AuditLog(ctx.index.data_dir).recent(20)
    if not rows:
        st.caption("Aucune modification enregistrée pour l'instant.")
        return
    st.dataframe(
        [{"Quand": r.get("at", ""), "Par": r.get("actor", ""), "Action": ACTIONS_FR.get(r.get("action", ""), r.get("action", "")),
          "Fichier": r.get("file", ""), "Extraits ajoutés": r.get("chunks_added", 0),
          "Extraits retirés": r.get("chunks_removed", 0), "sha256": str(r.get("sha256", ""))[:12]} for r in rows],
        hide_index=True, width="stretch",
    )


def render(ctx: CorpusContext) -> None:
    st.header("Corpus")
    access_panel(ctx.settings, ctx.access)
    _show_outcome()
    docs = ctx.index.documents()
    _documents_table(docs)
    if ctx.access.actor:
        _upload_section(ctx)
    _document_section(ctx, docs)
    if ctx.access.actor:
        _reindex_section(ctx)
    _audit_section(ctx)
