"""The index as a store: a Chroma collection, a BM25 index and `manifest.json`, kept in step.

`manifest.json` is the single source of truth. Chroma is written before the
manifest and cleaned after it, and retrieval only returns ids the manifest
lists, so a run killed at any point leaves the old index or the new one visible,
never a mix; the next run repairs Chroma from the manifest.

The store does not read files: `ingestion.py` turns paths into a `Plan` (what the
manifest should become), and `Index.apply` makes it so. One `Index` is shared by
every session of the app, so its lazily opened parts are guarded for threads.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from filelock import FileLock, Timeout

from assistant.documents import Chunk
from assistant.embeddings import CachedEmbeddings, ChromaEmbeddingFunction, EmbeddingCache, embeddings_name, make_embeddings
from assistant.errors import IndexBusy, IndexUnavailable
from assistant.lexical import Bm25Index
from assistant.settings import Settings
from assistant.shipped_vectors import seed_cache
from assistant.sync_report import FileResult, SyncReport  # noqa: F401 - re-exported: callers import them from here

MANIFEST_VERSION = 1
ProgressFn = Callable[[str, float], None]  # (French message, fraction done 0..1)


def _noop_progress(message: str, fraction: float) -> None:
    return None


@dataclass
class Plan:
    """A change decided before anything is written: the file entries the manifest should hold afterwards,
    and what that needs in the store (new chunks to embed, new metadata for chunks already there).

    Built from the manifest of `base_generation`; `Index.apply` refuses it once the index has moved on.
    """

    base_generation: str
    files: dict[str, Any]
    new_chunks: list[Chunk] = field(default_factory=list)
    metadata: dict[str, dict[str, Any]] = field(default_factory=dict)  # chunk id -> metadata (same text)
    reindexed: list[str] = field(default_factory=list)  # file keys read again, even if their chunks did not change


@dataclass(frozen=True)
class Applied:
    """What `Index.apply` did to the chunks."""

    added: int
    removed: int
    unchanged: int
    changed: bool  # a new generation was committed


def drop_unreferenced(manifest: dict[str, Any]) -> list[str]:
    """Reference counts decide which chunks stay: a chunk shared by two files survives either's removal."""
    referenced = {cid for entry in manifest["files"].values() for cid in entry["chunk_ids"]}
    dropped = [cid for cid in manifest["chunks"] if cid not in referenced]
    for cid in dropped:
        del manifest["chunks"][cid]
    return dropped


def _new_generation(manifest: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(sorted(manifest["chunks"])).encode("utf-8") + str(time.time_ns()).encode()).hexdigest()[:16]


def _build_bm25(manifest: dict[str, Any]) -> Bm25Index:
    ids = list(manifest["chunks"])
    return Bm25Index.build(ids, [manifest["chunks"][i]["text"] for i in ids], manifest["generation"])


def _empty_manifest() -> dict[str, Any]:
    return {"version": MANIFEST_VERSION, "generation": "", "embeddings": "", "files": {}, "chunks": {}}


class Index:
    """Open once per process (the app caches it); every method re-reads the manifest if it changed on disk.

    Reads may come from many threads at once: the manifest is swapped as one (mtime, data) pair, and the
    collection and BM25 index are opened under a lock, so no thread sees half of a reload.
    """

    def __init__(self, settings: Settings, embeddings: Any = None) -> None:
        self.settings = settings
        self.data_dir = settings.data_dir
        self._ensure_writable()
        inner = embeddings or make_embeddings(settings)
        seed_cache(self.data_dir / "embeddings-cache.sqlite", settings.corpus_dir)
        self.cache = EmbeddingCache(self.data_dir / "embeddings-cache.sqlite", embeddings_name(inner))
        self.embeddings = CachedEmbeddings(inner, self.cache)
        self.manifest_path = self.data_dir / "manifest.json"
        self.bm25_dir = self.data_dir / "bm25"
        self.lock = FileLock(str(self.data_dir / ".ingest.lock"))
        self._loaded: tuple[int, dict[str, Any]] = (-1, _empty_manifest())  # (mtime_ns, manifest), swapped as one
        self._open_lock = threading.RLock()  # opening the collection, reloading the manifest, loading BM25
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
            with self._open_lock:
                if self._collection is None:
                    self._collection = self._open_collection()
        return self._collection

    def _open_collection(self) -> Any:
        """The collection, created if absent; a broken store becomes a French `IndexUnavailable`."""
        try:
            self._client = self._make_client()
            return self._client.get_or_create_collection(
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

    @property
    def manifest(self) -> dict[str, Any]:
        """The manifest as last written, by this process or another (re-read when its mtime changes)."""
        loaded_mtime, loaded = self._loaded
        try:
            mtime = self.manifest_path.stat().st_mtime_ns
        except FileNotFoundError:
            return loaded
        if mtime == loaded_mtime:
            return loaded
        with self._open_lock:
            if self._loaded[0] != mtime:
                self._reload_manifest(mtime)
            return self._loaded[1]

    def _reload_manifest(self, mtime: int) -> None:
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise IndexUnavailable(
                "Le fichier d'index manifest.json est illisible. Reconstruisez l'index avec « python ingest.py --rebuild »."
            ) from exc
        if data.get("version") == MANIFEST_VERSION:
            self._loaded = (mtime, data)

    def _write_manifest(self, manifest: dict[str, Any], new_generation: bool = True) -> None:
        """Atomic write. A new generation tells readers (BM25, argumentaire links) that the chunks changed."""
        if new_generation:
            manifest["generation"] = _new_generation(manifest)
        manifest["embeddings"] = self.embeddings.name
        tmp = self.manifest_path.with_suffix(".json.tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(manifest, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.manifest_path)
        with self._open_lock:
            self._loaded = (self.manifest_path.stat().st_mtime_ns, manifest)

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
        """The BM25 index of the current generation: loaded from disk, or built and saved once."""
        manifest = self.manifest
        current = self._bm25
        if current is not None and current.generation == manifest["generation"]:
            return current
        with self._open_lock:  # one thread loads or builds; the others wait and share it
            manifest = self.manifest  # again, under the lock: a commit swaps the manifest and its BM25 together
            if self._bm25 is None or self._bm25.generation != manifest["generation"]:
                self._bm25 = self._load_or_build_bm25(manifest)
            return self._bm25

    def _load_or_build_bm25(self, manifest: dict[str, Any]) -> Bm25Index:
        loaded = Bm25Index.load(self.bm25_dir, manifest["generation"])
        if loaded is None:
            loaded = _build_bm25(manifest)
            try:
                loaded.save(self.bm25_dir)
            except OSError:  # a read-only data dir still answers, from the index built in memory
                pass
        return loaded

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

    @contextmanager
    def writing(self) -> Iterator[None]:
        """The write lock (re-entrant), held by ingestion from reading the manifest to applying its plan,
        so that no other process changes the index in between."""
        self._acquire(self.settings.lock_wait_s)
        try:
            yield
        finally:
            self.lock.release()

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

    def apply(self, plan: Plan, progress: ProgressFn = _noop_progress) -> Applied:
        """Make the index hold `plan.files`: embed and store the new chunks, update changed metadata,
        then switch the manifest, then drop the chunks no file references any more.

        `progress` goes from 0 to 1 over the embedding, the only slow step.
        """
        with self.writing():
            old = self.manifest
            if plan.base_generation != old.get("generation", ""):
                raise IndexBusy("L'index a été modifié pendant la préparation de cette indexation. Relancez-la.")
            manifest = json.loads(json.dumps({**old, "files": plan.files}))  # a private copy to edit
            dropped = drop_unreferenced(manifest)
            chunks = manifest["chunks"]
            to_add = list({c.id: c for c in plan.new_chunks if c.id not in chunks}.values())
            for c in to_add:
                chunks[c.id] = {"text": c.text, "meta": c.metadata()}
            updated = [cid for cid in plan.metadata if cid in chunks]
            for cid in updated:
                chunks[cid]["meta"] = plan.metadata[cid]
            if to_add:
                self._upsert(to_add, progress)
            for start in range(0, len(updated), 500):
                part = updated[start : start + 500]
                self.collection.update(ids=part, metadatas=[chunks[cid]["meta"] for cid in part])
            changed = bool(to_add or dropped or plan.reindexed or old["files"].keys() != manifest["files"].keys())
            if changed or not self.manifest_path.exists():
                self._commit(manifest, dropped)
            elif manifest["files"] != old["files"]:
                self._write_manifest(manifest, new_generation=False)  # only file stats changed
            return Applied(added=len(to_add), removed=len(dropped), unchanged=len(chunks) - len(to_add), changed=changed)

    def _delete_from_store(self, ids: list[str]) -> None:
        for start in range(0, len(ids), 500):
            self.collection.delete(ids=ids[start : start + 500])

    def _commit(self, manifest: dict[str, Any], dropped: list[str]) -> None:
        """Manifest first (the visible switch), then clean the store and save BM25 for the new generation.

        The new BM25 is built before the switch and swapped in with the manifest, so that no reading
        thread sees one without the other (nor builds it a second time)."""
        manifest["generation"] = _new_generation(manifest)
        built = _build_bm25(manifest)
        with self._open_lock:
            self._write_manifest(manifest, new_generation=False)
            self._bm25 = built
        self._delete_from_store(dropped)
        built.save(self.bm25_dir)

    def _upsert(self, chunks: list[Chunk], progress: ProgressFn = _noop_progress) -> None:
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
            progress(f"Calcul des vecteurs : {done}/{len(chunks)} extraits", done / max(1, len(chunks)))

    def remove(self, keys: list[str]) -> SyncReport:
        """Remove files from the index by their manifest key (used by the app's corpus page)."""
        started = time.perf_counter()
        with self.writing():
            manifest = self.manifest
            report = SyncReport()
            for key in keys:
                entry = manifest["files"].get(key)
                if entry and all(f.path != key for f in report.files):
                    report.files.append(FileResult(key, entry["source"], "removed", chunks=len(entry["chunk_ids"])))
            report.chunks_unchanged = len(manifest["chunks"])
            if report.files:
                gone = {f.path for f in report.files}
                files = {key: entry for key, entry in manifest["files"].items() if key not in gone}
                applied = self.apply(Plan(base_generation=self.generation, files=files))
                report.chunks_removed, report.chunks_unchanged = applied.removed, applied.unchanged
                report.changed = True
            report.seconds = time.perf_counter() - started
            return report

    def reset_store(self) -> None:
        """Drop the Chroma store and BM25 files (not the embedding cache); the manifest goes too."""
        with self.writing(), self._open_lock:
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
            self._loaded = (-1, _empty_manifest())
            self._bm25 = None
