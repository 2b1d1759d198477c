"""The index: a Chroma collection and a BM25 index kept in step, synced incrementally.

`manifest.json` is the single source of truth. Chroma is written before the
manifest and cleaned after it, and retrieval only returns ids the manifest
lists, so a run killed at any point leaves the old index or the new one visible,
never a mix; the next run repairs Chroma from the manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from filelock import FileLock, Timeout

from assistant.chunking import chunk_document
from assistant.documents import Chunk
from assistant.embeddings import CachedEmbeddings, ChromaEmbeddingFunction, EmbeddingCache, embeddings_name, make_embeddings
from assistant.errors import IndexBusy, IndexUnavailable, IngestError
from assistant.lexical import Bm25Index
from assistant.loaders import discover, load_file, sidecar_path
from assistant.settings import Settings

MANIFEST_VERSION = 1


def _processing_fingerprint() -> str:
    """Changes when the code that turns a file into chunks changes, so upgrades re-chunk (vectors stay cached)."""
    from assistant import chunking, cleaning, loaders

    digest = hashlib.sha256()
    for source in (cleaning.__file__, chunking.__file__, loaders.__file__, __file__):
        digest.update(Path(source or "").read_bytes())
    return digest.hexdigest()[:12]


PROCESSING = _processing_fingerprint()
ProgressFn = Callable[[str, float], None]  # (French message, fraction done 0..1)


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


@dataclass
class FileResult:
    path: str
    source: str
    status: str  # added | updated | unchanged | removed | duplicate | refused
    message: str = ""
    pages: int = 0
    chunks: int = 0


@dataclass
class SyncReport:
    files: list[FileResult] = field(default_factory=list)
    chunks_added: int = 0
    chunks_removed: int = 0
    chunks_unchanged: int = 0
    seconds: float = 0.0
    changed: bool = False

    @property
    def pages(self) -> int:
        return sum(f.pages for f in self.files)

    @property
    def refused(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "refused"]

    def summary(self) -> str:
        return (
            f"{len(self.files)} fichier(s), {self.pages} page(s) ; extraits : {self.chunks_added} ajouté(s), "
            f"{self.chunks_removed} supprimé(s), {self.chunks_unchanged} inchangé(s) ; "
            f"{len(self.refused)} fichier(s) refusé(s) ; {self.seconds:.1f} s"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "files": [f.__dict__ for f in self.files],
            "pages": self.pages,
            "chunks_added": self.chunks_added,
            "chunks_removed": self.chunks_removed,
            "chunks_unchanged": self.chunks_unchanged,
            "refused": len(self.refused),
            "seconds": round(self.seconds, 2),
        }


def _empty_manifest() -> dict[str, Any]:
    return {"version": MANIFEST_VERSION, "generation": "", "embeddings": "", "files": {}, "chunks": {}}


class Index:
    """Open once per process (the app caches it); every method re-reads the manifest if it changed on disk."""

    def __init__(self, settings: Settings, embeddings: Any = None) -> None:
        self.settings = settings
        self.data_dir = settings.data_dir
        self._ensure_writable()
        inner = embeddings or make_embeddings(settings)
        self.cache = EmbeddingCache(self.data_dir / "embeddings-cache.sqlite", embeddings_name(inner))
        self.embeddings = CachedEmbeddings(inner, self.cache)
        self.manifest_path = self.data_dir / "manifest.json"
        self.bm25_dir = self.data_dir / "bm25"
        self.lock = FileLock(str(self.data_dir / ".ingest.lock"))
        self._manifest: dict[str, Any] = _empty_manifest()
        self._manifest_mtime = -1.0
        self._bm25: Bm25Index | None = None
        self._collection: Any = None
        self._client: Any = None

    # -- storage -----------------------------------------------------------------
    def _ensure_writable(self) -> None:
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            probe = self.data_dir / ".write-test"
            probe.write_text("ok", encoding="utf-8")
            probe.unlink()
        except OSError as exc:
            raise IndexUnavailable(
                f"Le dossier de données {self.data_dir} n'est pas accessible en écriture. "
                "Choisissez un autre dossier avec la variable AICT_DATA_DIR ou corrigez ses droits."
            ) from exc

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    def _make_client(self) -> Any:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
        if self.settings.chroma_host:
            return chromadb.HttpClient(
                host=self.settings.chroma_host, port=self.settings.chroma_port, settings=chroma_settings
            )
        return chromadb.PersistentClient(path=str(self.chroma_dir), settings=chroma_settings)

    def check_embeddings(self) -> None:
        """An index built with one embedding model cannot be searched with another (other vector space)."""
        built_with = self.manifest.get("embeddings")
        if built_with and self.manifest["chunks"] and built_with != self.embeddings.name:
            raise IndexUnavailable(
                f"L'index a été construit avec le modèle d'embeddings « {built_with} », or la configuration demande "
                f"« {self.embeddings.name} ». Reconstruisez l'index avec « python ingest.py --rebuild »."
            )

    @property
    def collection(self) -> Any:
        if self._collection is None:
            try:
                self._client = self._make_client()
                self._collection = self._client.get_or_create_collection(
                    name=self.settings.collection,
                    embedding_function=ChromaEmbeddingFunction(self.embeddings),
                    metadata={"hnsw:space": "cosine"},
                )
            except Exception as exc:  # noqa: BLE001 - chromadb raises many kinds on a broken store
                where = (
                    f"le serveur Chroma {self.settings.chroma_host}:{self.settings.chroma_port}"
                    if self.settings.chroma_host
                    else f"la base vectorielle ({self.chroma_dir})"
                )
                raise IndexUnavailable(
                    f"Impossible d'ouvrir {where}. Reconstruisez l'index avec « python ingest.py --rebuild »."
                ) from exc
        return self._collection

    @property
    def manifest(self) -> dict[str, Any]:
        try:
            mtime = self.manifest_path.stat().st_mtime_ns
        except FileNotFoundError:
            return self._manifest
        if mtime != self._manifest_mtime:
            try:
                data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise IndexUnavailable(
                    "Le fichier d'index manifest.json est illisible. Reconstruisez l'index avec « python ingest.py --rebuild »."
                ) from exc
            if data.get("version") == MANIFEST_VERSION:
                self._manifest = data
                self._manifest_mtime = mtime
                self._bm25 = None
        return self._manifest

    def _write_manifest(self, manifest: dict[str, Any], new_generation: bool = True) -> None:
        """Atomic write. A new generation tells readers (BM25, argumentaire links) that the chunks changed."""
        if new_generation:
            manifest["generation"] = hashlib.sha256(
                json.dumps(sorted(manifest["chunks"])).encode("utf-8") + str(time.time_ns()).encode()
            ).hexdigest()[:16]
        manifest["embeddings"] = self.embeddings.name
        tmp = self.manifest_path.with_suffix(".json.tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(manifest, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.manifest_path)
        self._manifest = manifest
        self._manifest_mtime = self.manifest_path.stat().st_mtime_ns
        self._bm25 = None

    # -- reading ------------------------------------------------------------------
    @property
    def generation(self) -> str:
        return str(self.manifest.get("generation", ""))

    def chunk(self, chunk_id: str) -> Chunk | None:
        record = self.manifest["chunks"].get(chunk_id)
        if record is None:
            return None
        return Chunk.from_record(chunk_id, record["text"], record["meta"])

    def all_chunks(self) -> list[Chunk]:
        return [Chunk.from_record(cid, r["text"], r["meta"]) for cid, r in self.manifest["chunks"].items()]

    @property
    def bm25(self) -> Bm25Index:
        manifest = self.manifest
        if self._bm25 is None or self._bm25.generation != manifest["generation"]:
            loaded = Bm25Index.load(self.bm25_dir, manifest["generation"])
            if loaded is None:
                ids = list(manifest["chunks"])
                texts = [manifest["chunks"][i]["text"] for i in ids]
                loaded = Bm25Index.build(ids, texts, manifest["generation"])
                try:
                    loaded.save(self.bm25_dir)
                except OSError:
                    pass
            self._bm25 = loaded
        return self._bm25

    def is_empty(self) -> bool:
        return not self.manifest["chunks"]

    def documents(self) -> list[dict[str, Any]]:
        """One row per indexed file, for the corpus page and `stats`."""
        rows = []
        for key, entry in sorted(self.manifest["files"].items(), key=lambda kv: kv[1]["source"]):
            rows.append(
                {
                    "path": key,
                    "source": entry["source"],
                    "title": entry.get("title", ""),
                    "date": entry.get("date", ""),
                    "pages": entry.get("pages", 0),
                    "chunks": len(entry.get("chunk_ids", [])),
                    "indexed_at": entry.get("indexed_at", ""),
                }
            )
        return rows

    def stats(self) -> dict[str, Any]:
        docs = self.documents()
        return {
            "documents": len(docs),
            "chunks": len(self.manifest["chunks"]),
            "sources": [d["source"] for d in docs],
            "files": docs,
            "store_chunks": self._store_count(),
            "generation": self.generation,
            "embeddings": self.manifest.get("embeddings", ""),
            "data_dir": str(self.data_dir),
        }

    def _store_count(self) -> int | None:
        """Rows in the vector store: more than `chunks` means an interrupted run left rows to repair."""
        try:
            return int(self.collection.count())
        except Exception:  # noqa: BLE001 - a broken store is reported as unknown, stats must still print
            return None

    # -- writing ------------------------------------------------------------------
    def _acquire(self, wait_s: float) -> None:
        try:
            self.lock.acquire(timeout=wait_s)
        except Timeout as exc:
            raise IndexBusy(
                "Une autre indexation est déjà en cours sur ce dossier de données. "
                "Attendez qu'elle se termine, puis relancez."
            ) from exc

    def repair(self) -> int:
        """Make Chroma hold exactly the manifest's chunks; returns how many ids were fixed."""
        manifest = self.manifest
        wanted = set(manifest["chunks"])
        present = set(self.collection.get(include=[])["ids"])
        extra = sorted(present - wanted)
        missing = [cid for cid in manifest["chunks"] if cid not in present]
        self._delete_from_store(extra)
        if missing:
            self._upsert([self.chunk(cid) for cid in missing if self.chunk(cid) is not None])  # type: ignore[misc]
        return len(extra) + len(missing)

    def _delete_from_store(self, ids: list[str]) -> None:
        for start in range(0, len(ids), 500):
            self.collection.delete(ids=ids[start : start + 500])

    @staticmethod
    def _drop_unreferenced(manifest: dict[str, Any]) -> list[str]:
        """Reference counts decide which chunks stay: a chunk shared by two files survives either's removal."""
        referenced = {cid for entry in manifest["files"].values() for cid in entry["chunk_ids"]}
        dropped = [cid for cid in manifest["chunks"] if cid not in referenced]
        for cid in dropped:
            del manifest["chunks"][cid]
        return dropped

    def _commit(self, manifest: dict[str, Any], dropped: list[str]) -> None:
        """Manifest first (the visible switch), then clean the store and save BM25 for the new generation."""
        self._write_manifest(manifest)
        self._delete_from_store(dropped)
        self.bm25.save(self.bm25_dir)

    def _upsert(self, chunks: list[Chunk], progress: ProgressFn = _noop_progress, base: float = 0.0, span: float = 1.0) -> None:
        batch = max(1, self.settings.embed_batch)
        for start in range(0, len(chunks), batch):
            part = chunks[start : start + batch]
            vectors = self.embeddings.embed_documents([c.text for c in part])
            self.collection.upsert(
                ids=[c.id for c in part],
                embeddings=vectors,
                documents=[c.text for c in part],
                metadatas=[c.metadata() for c in part],
            )
            done = min(len(chunks), start + batch)
            progress(f"Calcul des vecteurs : {done}/{len(chunks)} extraits", base + span * done / max(1, len(chunks)))

    def sync(
        self,
        paths: list[Path],
        progress: ProgressFn = _noop_progress,
        display_names: dict[str, str] | None = None,
    ) -> SyncReport:
        """Index files and directories. A named directory is mirrored (deleted files leave the index);
        a named file is added or updated and nothing else is touched."""
        started = time.perf_counter()
        self._acquire(self.settings.lock_wait_s)
        try:
            return self._sync_locked(paths, progress, display_names or {}, started)
        finally:
            self.lock.release()

    def _sync_locked(
        self, paths: list[Path], progress: ProgressFn, display_names: dict[str, str], started: float
    ) -> SyncReport:
        report = SyncReport()
        old = self.manifest
        self.check_embeddings()
        self.repair()
        manifest = json.loads(json.dumps(old))  # a private copy to edit
        files: dict[str, Any] = manifest["files"]
        chunks: dict[str, Any] = manifest["chunks"]

        resolved = [p.expanduser().resolve() for p in paths]
        missing_paths = [p for p in resolved if not p.exists()]
        for p in missing_paths:
            if str(p) in files:
                continue  # a named file that disappeared is removed below
            report.files.append(FileResult(str(p), p.name, "refused", f"{p.name} : fichier ou dossier introuvable."))
        found = discover([p for p in resolved if p.exists()])
        found_keys = {str(f) for f in found}

        # Files that left a synced directory, or a named file that no longer exists.
        removed_keys = [
            key
            for key in files
            if key not in found_keys
            and any(
                (p.is_dir() and Path(key).is_relative_to(p)) or (not p.exists() and Path(key) == p) for p in resolved
            )
        ]

        new_chunks: dict[str, tuple[Chunk, str]] = {}
        meta_updates: dict[str, dict[str, Any]] = {}
        touched: dict[str, list[str]] = {}  # file key -> its new chunk ids
        sha_owner = {entry["sha256"]: key for key, entry in files.items() if key not in removed_keys}
        total = max(1, len(found))
        for index, path in enumerate(found):
            key = str(path)
            name = display_names.get(key, path.name)
            fraction = 0.5 * index / total
            progress(f"Lecture de {name} ({index + 1}/{len(found)})", fraction)
            entry = files.get(key)
            try:
                stat = path.stat()
                if stat.st_size > self.settings.max_file_bytes:
                    raise IngestError(
                        f"{name} : le fichier dépasse la taille maximale autorisée "
                        f"({stat.st_size / 1e6:.1f} Mo pour {self.settings.max_file_mb:g} Mo)."
                    )
                same_processing = bool(entry) and entry.get("processing") == PROCESSING
                signature = stat_signature(path)
                if same_processing and entry.get("stat") == signature:
                    report.files.append(FileResult(key, entry["source"], "unchanged", pages=entry.get("pages", 0), chunks=len(entry["chunk_ids"])))
                    continue
                sha = file_sha256(path)
                if same_processing and entry.get("sha256") == sha:
                    entry.update(stat=signature)
                    report.files.append(FileResult(key, entry["source"], "unchanged", pages=entry.get("pages", 0), chunks=len(entry["chunk_ids"])))
                    continue
                owner = sha_owner.get(sha)
                if owner and owner != key:
                    report.files.append(
                        FileResult(
                            key, name, "duplicate",
                            f"{name} : contenu identique à « {files[owner]['source']} », déjà indexé ; rien n'a été ajouté.",
                        )
                    )
                    continue

                def on_page(done: int, count: int, _f: float = fraction, _n: str = name) -> None:
                    if done % 10 == 0 or done == count:
                        progress(f"Lecture de {_n} : page {done}/{count}", _f + 0.5 / total * done / count)

                doc = load_file(path, display_name=name, on_page=on_page)
                doc_chunks = chunk_document(doc)
                if not doc_chunks:
                    raise IngestError(f"{name} : aucun passage exploitable n'a pu être extrait.")
            except IngestError as exc:
                report.files.append(FileResult(key, name, "refused", str(exc)))
                continue
            except OSError as exc:
                report.files.append(FileResult(key, name, "refused", f"{name} : lecture impossible ({exc.strerror or exc})."))
                continue
            ids = []
            for c in doc_chunks:
                ids.append(c.id)
                if c.id not in chunks and c.id not in new_chunks:
                    new_chunks[c.id] = (c, key)
                elif c.id in chunks and chunks[c.id]["meta"] != c.metadata():
                    meta_updates[c.id] = c.metadata()  # same text, new title or date: no re-embedding
            touched[key] = ids
            sha_owner[sha] = key
            files[key] = {
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
            report.files.append(
                FileResult(key, name, "updated" if entry else "added", pages=len(doc.pages), chunks=len(ids))
            )

        for key in removed_keys:
            entry = files.pop(key)
            report.files.append(FileResult(key, entry["source"], "removed", chunks=len(entry["chunk_ids"])))

        dropped = self._drop_unreferenced(manifest)
        to_add = [c for c, _ in new_chunks.values()]  # each comes from a file just (re)indexed, so it is referenced
        for c in to_add:
            chunks[c.id] = {"text": c.text, "meta": c.metadata()}
        report.chunks_added = len(to_add)
        report.chunks_removed = len(dropped)
        report.chunks_unchanged = len(chunks) - len(to_add)

        updated_ids = [cid for cid in meta_updates if cid in chunks]
        for cid in updated_ids:
            chunks[cid]["meta"] = meta_updates[cid]
        if to_add:
            self._upsert(to_add, progress, base=0.5, span=0.45)
        for start in range(0, len(updated_ids), 500):
            part = updated_ids[start : start + 500]
            self.collection.update(ids=part, metadatas=[chunks[cid]["meta"] for cid in part])
        report.changed = bool(to_add or dropped or removed_keys or touched or old["files"].keys() != files.keys())
        if report.changed or not self.manifest_path.exists():
            self._commit(manifest, dropped)
        elif manifest["files"] != old["files"]:
            self._write_manifest(manifest, new_generation=False)  # only file stats changed
        progress("Indexation terminée", 1.0)
        report.seconds = time.perf_counter() - started
        return report

    def remove(self, keys: list[str]) -> SyncReport:
        """Remove files from the index by their manifest key (used by the app's corpus page)."""
        started = time.perf_counter()
        self._acquire(self.settings.lock_wait_s)
        try:
            manifest = json.loads(json.dumps(self.manifest))
            report = SyncReport()
            for key in keys:
                entry = manifest["files"].pop(key, None)
                if entry:
                    report.files.append(FileResult(key, entry["source"], "removed", chunks=len(entry["chunk_ids"])))
            dropped = self._drop_unreferenced(manifest)
            report.chunks_removed = len(dropped)
            report.chunks_unchanged = len(manifest["chunks"])
            report.changed = bool(report.files)
            if report.changed:
                self._commit(manifest, dropped)
            report.seconds = time.perf_counter() - started
            return report
        finally:
            self.lock.release()

    def reset_store(self) -> None:
        """Drop the Chroma store and BM25 files (not the embedding cache); the manifest goes too."""
        self._acquire(self.settings.lock_wait_s)
        try:
            self._collection = None
            if self.settings.chroma_host:
                try:
                    self._make_client().delete_collection(self.settings.collection)
                except Exception:  # noqa: BLE001 - absent collection
                    pass
            else:
                self._client = None
                from chromadb.api.client import SharedSystemClient

                SharedSystemClient.clear_system_cache()  # forget the open store before deleting its files
                shutil.rmtree(self.chroma_dir, ignore_errors=True)
            shutil.rmtree(self.bm25_dir, ignore_errors=True)
            self.manifest_path.unlink(missing_ok=True)
            self._manifest = _empty_manifest()
            self._manifest_mtime = -1.0
            self._bm25 = None
        finally:
            self.lock.release()
