"""Corpus changes made from the app: each one audited with its actor, each one reported in French.

No Streamlit here: the Corpus page lays out widgets and calls these; the tests call them too.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from assistant.audit import AuditLog, changes_between, manifest_files
from assistant.index import Index, ProgressFn
from assistant.ingestion import STATUS_FR, ingest_paths
from assistant.loaders import sidecar_path
from assistant.metadata import write_sidecar
from assistant.settings import Settings
from assistant.ui.published import prune, unpublish
from assistant.ui.uploads import Upload, save_and_ingest, uploads_dir

LEVELS = {"refused": "error", "duplicate": "warning", "unchanged": "info"}


@dataclass
class Outcome:
    """What the page shows after the change and the rerun that refreshes every count."""

    lines: list[tuple[str, str]] = field(default_factory=list)  # (success | info | warning | error, French text)
    summary: str = ""


@contextmanager
def audited(index: Index, actor: str, action: str | None = None) -> Iterator[None]:
    """Record, even after a failure half-way, every file whose entry in the manifest changed."""
    before = manifest_files(index.manifest)
    try:
        yield
    finally:
        AuditLog(index.data_dir).record(changes_between(before, manifest_files(index.manifest), action), actor)


def _reason(result: Any) -> str:
    """The loader's message without the file name it starts with: the line already begins with it."""
    message = str(result.message or "")
    for name in {result.source, Path(result.path).name}:
        if name and message.startswith(f"{name} : "):
            return message[len(name) + 3:]
    return message


def outcome_of(report: Any) -> Outcome:
    lines = []
    for f in report.files:
        detail = f" — {_reason(f)}" if f.message else f" ({f.chunks} extrait(s))"
        lines.append((LEVELS.get(f.status, "success"), f"**{f.source}** : {STATUS_FR.get(f.status, f.status)}{detail}"))
    return Outcome(lines, report.summary())


def upload(index: Index, files: list[Upload], wanted: dict[str, dict[str, str]], actor: str,
           progress: ProgressFn | None = None) -> Outcome:
    """Save and index the uploads, then give each new document the title and date confirmed at upload.

    The file is indexed first, without a sidecar, so that a copy of an indexed file is still
    recognised as a duplicate; the metadata pass re-reads only the changed files (no re-embedding).
    """
    with audited(index, actor):
        report = save_and_ingest(index, files, progress=progress)
        entries = index.manifest["files"]
        fix = []
        for f in report.files:
            meta, entry = wanted.get(f.source), entries.get(f.path)
            if f.status in ("added", "updated") and meta and entry and (entry["title"], entry["date"]) != (meta["title"], meta["date"]):
                write_sidecar(Path(f.path), meta["title"], meta["date"])
                fix.append(Path(f.path))
        if fix:
            ingest_paths(index, fix)
    return outcome_of(report)


def is_upload(index: Index, key: str) -> bool:
    return Path(key).parent == uploads_dir(index)


def removal_notice(index: Index, settings: Settings, key: str) -> str:
    """What « Confirmer le retrait » will delete, said before it does."""
    entry = index.manifest["files"].get(key, {})
    text = (f"Retirer « {entry.get('source', Path(key).name)} » de l'index : ses {len(entry.get('chunk_ids', []))} "
            "extrait(s) ne pourront plus être cités.")
    if is_upload(index, key):
        return text + " Le fichier téléversé et ses métadonnées seront supprimés du serveur ; c'est définitif."
    if Path(key).is_relative_to(settings.corpus_dir):
        return text + " Le fichier reste dans le dossier corpus/ : il reviendra au prochain « Réindexer »."
    return text + " Le fichier lui-même n'est pas supprimé."


def remove(index: Index, key: str, actor: str) -> Outcome:
    path = Path(key)
    with audited(index, actor):
        report = index.remove([key])
    unpublish(path)
    if is_upload(index, key):
        path.unlink(missing_ok=True)
        sidecar_path(path).unlink(missing_ok=True)
    outcome = outcome_of(report)
    if not report.files:
        outcome.lines.append(("warning", f"**{path.name}** n'était plus dans l'index."))
    return outcome


def reindex(index: Index, settings: Settings, actor: str, progress: ProgressFn | None = None) -> Outcome:
    with audited(index, actor):
        report = ingest_paths(index, [settings.corpus_dir, uploads_dir(index)], progress=progress)
    prune(Path(key) for key in index.manifest["files"])
    outcome = outcome_of(report)
    outcome.lines = [line for line in outcome.lines if line[0] != "info"]  # unchanged files: the summary counts them
    return outcome


def edit_metadata(index: Index, key: str, title: str, date: str, actor: str) -> Outcome:
    """Write the sidecar of an uploaded file and re-index it: same chunks, new title and date."""
    with audited(index, actor, action="metadata"):
        write_sidecar(Path(key), title, date)
        report = ingest_paths(index, [Path(key)])
    outcome = outcome_of(report)
    outcome.lines = [("success", f"**{f.source}** : titre et date enregistrés.") for f in report.files if f.status == "updated"] \
        or outcome.lines
    return outcome
