"""Ingestion: the journey of a file into the index, as a service the CLI and the app both call.

discover → load → chunk → plan what changed (this module) → apply the plan (`Index.apply`),
then refresh what is derived from the corpus or from fixed texts (sentence vectors, the
objection kinds' and the arguments' vectors, the argumentaire's links), so that no visitor's
first question pays for them.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from assistant.chunking import chunk_document
from assistant.documents import Chunk, SourceDocument
from assistant.errors import AictError, IngestError
from assistant.index import Index, Plan, ProgressFn
from assistant.loaders import discover, load_file, sidecar_path
from assistant.settings import Settings
from assistant.sync_report import FileResult, SyncReport

STATUS_FR = {
    "added": "ajouté",
    "updated": "mis à jour",
    "unchanged": "inchangé",
    "removed": "retiré de l'index",
    "duplicate": "doublon ignoré",
    "refused": "refusé",
}


def _processing_fingerprint() -> str:
    """Changes when the code that turns a file into chunks changes, so upgrades re-chunk (vectors stay cached)."""
    from assistant import chunking, cleaning, loaders

    digest = hashlib.sha256()
    for source in (cleaning.__file__, chunking.__file__, loaders.__file__, __file__):
        digest.update(Path(source or "").read_bytes())
    return digest.hexdigest()[:12]


PROCESSING = _processing_fingerprint()


def _noop_progress(message: str, fraction: float) -> None:
    return None


def file_sha256(path: Path) -> str:
    """Content hash of a file together with its metadata sidecar, if any."""
    digest = hashlib.sha256()
    for part in (path, sidecar_path(path)):
        if part.exists():
            with part.open("rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
    return digest.hexdigest()


def stat_signature(path: Path) -> list[int]:
    """Size and mtime of the file and of its sidecar: unchanged means no need to read either."""
    stat = path.stat()
    side = sidecar_path(path)
    side_stat = side.stat() if side.exists() else None
    return [stat.st_size, stat.st_mtime_ns, side_stat.st_size if side_stat else -1, side_stat.st_mtime_ns if side_stat else -1]


class Planner:
    """Reads the named paths against the manifest and decides what changes, without writing anything.

    Its products are a `Plan` for the store and the per-file `SyncReport` for the user. A named
    directory is mirrored (files gone from it leave the index); a named file is added or updated and
    nothing else is touched.
    """

    def __init__(self, manifest: dict[str, Any], settings: Settings, progress: ProgressFn,
                 display_names: dict[str, str]) -> None:
        self.base_generation = str(manifest.get("generation", ""))
        self.old_chunks: dict[str, Any] = manifest["chunks"]
        self.files: dict[str, Any] = json.loads(json.dumps(manifest["files"]))  # a private copy to edit
        self.settings = settings
        self.progress = progress
        self.names = display_names
        self.report = SyncReport()
        self.new_chunks: dict[str, Chunk] = {}
        self.metadata: dict[str, dict[str, Any]] = {}
        self.reindexed: list[str] = []
        self.sha_owner: dict[str, str] = {}

    def plan(self, paths: list[Path]) -> Plan:
        resolved = [p.expanduser().resolve() for p in paths]
        found, removed = self._discover(resolved)
        self.sha_owner = {entry["sha256"]: key for key, entry in self.files.items() if key not in removed}
        for position, path in enumerate(found):
            self._consider(path, position, len(found))
        for key in removed:
            entry = self.files.pop(key)
            self.report.files.append(FileResult(key, entry["source"], "removed", chunks=len(entry["chunk_ids"])))
        return Plan(base_generation=self.base_generation, files=self.files, new_chunks=list(self.new_chunks.values()),
                    metadata=self.metadata, reindexed=self.reindexed)

    def _discover(self, resolved: list[Path]) -> tuple[list[Path], list[str]]:
        """The files to read, and the indexed files that left a synced directory or no longer exist."""
        for p in resolved:
            if not p.exists() and str(p) not in self.files:  # a named file that disappeared is removed instead
                self.report.files.append(FileResult(str(p), p.name, "refused", f"{p.name} : fichier ou dossier introuvable."))
        found = discover([p for p in resolved if p.exists()])
        found_keys = {str(f) for f in found}
        removed = [
            key for key in self.files
            if key not in found_keys
            and any((p.is_dir() and Path(key).is_relative_to(p)) or (not p.exists() and Path(key) == p) for p in resolved)
        ]
        return found, removed

    def _consider(self, path: Path, position: int, count: int) -> None:
        """One file: skipped when unchanged or a duplicate, else read and chunked; a bad file is refused."""
        key, name = str(path), self.names.get(str(path), path.name)
        fraction = 0.5 * position / max(1, count)
        self.progress(f"Lecture de {name} ({position + 1}/{count})", fraction)
        entry = self.files.get(key)
        try:
            seen = self._check_unchanged(path, key, name, entry)
            if seen is None:
                return
            sha, signature = seen
            doc, chunks = self._read(path, name, fraction, count)
        except IngestError as exc:
            self.report.files.append(FileResult(key, name, "refused", str(exc)))
            return
        except OSError as exc:
            self.report.files.append(FileResult(key, name, "refused", f"{name} : lecture impossible ({exc.strerror or exc})."))
            return
        self._record(key, name, entry, sha, signature, doc, chunks)

    def _check_unchanged(self, path: Path, key: str, name: str, entry: dict[str, Any] | None) -> tuple[str, list[int]] | None:
        """(sha256, stat signature) of a file to read; None when it is unchanged or a duplicate (reported here)."""
        stat = path.stat()
        if stat.st_size > self.settings.max_file_bytes:
            raise IngestError(
                f"{name} : le fichier dépasse la taille maximale autorisée "
                f"({stat.st_size / 1e6:.1f} Mo pour {self.settings.max_file_mb:g} Mo)."
            )
        known = entry if entry and entry.get("processing") == PROCESSING else None  # chunked by this same code
        signature = stat_signature(path)
        if known and known.get("stat") == signature:
            self._unchanged(key, known)
            return None
        sha = file_sha256(path)
        if known and known.get("sha256") == sha:
            known.update(stat=signature)
            self._unchanged(key, known)
            return None
        owner = self.sha_owner.get(sha)
        if owner and owner != key:
            self.report.files.append(FileResult(
                key, name, "duplicate",
                f"{name} : contenu identique à « {self.files[owner]['source']} », déjà indexé ; rien n'a été ajouté.",
            ))
            return None
        return sha, signature

    def _unchanged(self, key: str, entry: dict[str, Any]) -> None:
        self.report.files.append(FileResult(key, entry["source"], "unchanged", pages=entry.get("pages", 0), chunks=len(entry["chunk_ids"])))

    def _read(self, path: Path, name: str, fraction: float, count: int) -> tuple[SourceDocument, list[Chunk]]:
        """Load and chunk one file, reporting progress page by page (a long PDF takes a while)."""
        def on_page(done: int, pages: int) -> None:
            if done % 10 == 0 or done == pages:
                self.progress(f"Lecture de {name} : page {done}/{pages}", fraction + 0.5 / max(1, count) * done / pages)

        doc = load_file(path, display_name=name, on_page=on_page)
        chunks = chunk_document(doc)
        if not chunks:
            raise IngestError(f"{name} : aucun passage exploitable n'a pu être extrait.")
        return doc, chunks

    def _record(self, key: str, name: str, entry: dict[str, Any] | None, sha: str, signature: list[int],
                doc: SourceDocument, chunks: list[Chunk]) -> None:
        """A file read again: its new chunks go to the plan, a known chunk whose title or date changed
        gets new metadata (no re-embedding), and its manifest entry is rewritten."""
        ids = []
        for c in chunks:
            ids.append(c.id)
            if c.id not in self.old_chunks and c.id not in self.new_chunks:
                self.new_chunks[c.id] = c
            elif c.id in self.old_chunks and self.old_chunks[c.id]["meta"] != c.metadata():
                self.metadata[c.id] = c.metadata()
        self.reindexed.append(key)
        self.sha_owner[sha] = key
        self.files[key] = {
            "source": name,
            "title": doc.title,
            "date": doc.date,
            "publisher": doc.publisher,
            "url": doc.url,
            "kind": doc.kind,
            "sha256": sha,
            "processing": PROCESSING,
            "stat": signature,
            "pages": len(doc.pages),
            "chunk_ids": ids,
            "indexed_at": datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds"),
        }
        self.report.files.append(FileResult(key, name, "updated" if entry else "added", pages=len(doc.pages), chunks=len(ids)))


def sync(index: Index, paths: list[Path], progress: ProgressFn | None = None,
         display_names: dict[str, str] | None = None) -> SyncReport:
    """Index files and directories: plan under the write lock, then apply (reading takes the first half
    of the progress bar, embedding the second)."""
    started = time.perf_counter()
    progress = progress or _noop_progress
    with index.writing():
        index.check_embeddings()
        index.repair()
        planner = Planner(index.manifest, index.settings, progress, display_names or {})
        plan = planner.plan(paths)
        applied = index.apply(plan, lambda message, fraction: progress(message, 0.5 + 0.45 * fraction))
    report = planner.report
    report.chunks_added, report.chunks_removed, report.chunks_unchanged = applied.added, applied.removed, applied.unchanged
    report.changed = applied.changed
    progress("Indexation terminée", 1.0)
    report.seconds = time.perf_counter() - started
    return report


def refresh_derived(index: Index) -> None:
    """What depends on the corpus or on fixed texts, computed at ingest rather than at a visitor's first question:
    sentence vectors, the objection-kind phrasings', the off-topic references' and the arguments' claims' vectors
    (kept in the embedding cache), the argumentaire's links."""
    from assistant.argumentaire import refresh_links
    from assistant.compose import fixed_queries
    from assistant.objection_kinds import kind_vectors
    from assistant.off_topic import reference_vectors
    from assistant.retrieve import HybridSearch

    search = HybridSearch(index, index.settings)
    search.sentences.ensure()
    kind_vectors(index.embeddings)
    reference_vectors(index.embeddings)
    index.embeddings.embed_fixed_queries(fixed_queries())
    refresh_links(index, search=search)


def ingest_paths(
    index: Index,
    paths: list[Path],
    progress: ProgressFn | None = None,
    display_names: dict[str, str] | None = None,
) -> SyncReport:
    report = sync(index, paths, progress=progress, display_names=display_names)
    refresh_derived(index)
    return report


def rebuild(index: Index, settings: Settings, progress: ProgressFn | None = None) -> SyncReport:
    """Drop the vector store and re-index the corpus and the uploads (vectors come back from the embedding cache)."""
    index.reset_store()
    uploads = index.data_dir / "uploads"
    return ingest_paths(index, [settings.corpus_dir] + ([uploads] if uploads.is_dir() else []), progress)


class _ProgressBar:
    """A tqdm bar on stderr, created at the first update so that an early error prints alone."""

    def __init__(self) -> None:
        self.bar = None

    def __call__(self, message: str, fraction: float) -> None:
        from tqdm import tqdm

        if self.bar is None:
            self.bar = tqdm(total=1000, desc="Indexation", bar_format="{desc}: {percentage:3.0f}%|{bar}| {postfix}", file=sys.stderr)
        target = int(fraction * 1000)
        if target > self.bar.n:
            self.bar.update(target - self.bar.n)
        self.bar.set_postfix_str(message[:60], refresh=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run_cli_ingest(raw_paths: list[str], settings: Settings, rebuild_store: bool = False, as_json: bool = False) -> int:
    paths = [Path(p) for p in raw_paths] or [settings.corpus_dir]
    try:
        index = Index(settings)
        bar = _ProgressBar()
        try:
            if rebuild_store:
                report = rebuild(index, settings, bar)
            else:
                report = ingest_paths(index, paths, bar)
        finally:
            bar.close()
    except AictError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        for f in report.files:
            if f.status != "unchanged":
                detail = f" — {f.message}" if f.message else ""
                print(f"{STATUS_FR[f.status]:>18} : {f.source}{detail}")
        print(report.summary())
    return 1 if report.refused else 0
