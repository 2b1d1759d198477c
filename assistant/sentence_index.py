"""Vectors of every quotable sentence in the index: meaning at the scale where facts live.

A chunk vector averages ~190 words, so a question worded unlike its passage
("le rôle de Cités Unies France" vs "fédère les collectivités engagées") is often
closer to a wrong chunk than to the right one. The answer usually sits in one
sentence, and the cosine with that sentence is the sharper signal: it serves
retrieval (best sentence per chunk), sentence choice and abstention alike.

Vectors come from the index's embedding cache (keyed by text), computed at ingest,
and are held in memory per index generation.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from assistant.documents import Passage
from assistant.sentences import split_passage


@dataclass(frozen=True)
class SentenceKey:
    chunk_id: str
    position: int


class SentenceIndex:
    """`similarities(query_vector)` → cosine of the query with every sentence, keyed by (chunk, position)."""

    def __init__(self, index) -> None:  # type: ignore[no-untyped-def]
        self.index = index
        self._lock = threading.Lock()
        self._generation: str | None = None
        self._keys: list[SentenceKey] = []
        self._row: dict[SentenceKey, int] = {}
        self._chunk_rows: dict[str, np.ndarray] = {}
        self._matrix = np.zeros((0, 1), dtype=np.float32)

    def ensure(self) -> None:
        """(Re)build for the index's current generation; embeds only sentences the cache has not seen."""
        generation = self.index.generation
        if generation == self._generation:
            return
        with self._lock:
            if generation == self._generation:
                return
            keys, texts = [], []
            for chunk in self.index.all_chunks():
                for s in split_passage(Passage(chunk=chunk, score=0.0)):
                    keys.append(SentenceKey(chunk.id, s.position))
                    texts.append(s.text)
            vectors = self.index.embeddings.embed_documents(texts) if texts else []
            matrix = np.asarray(vectors, dtype=np.float32) if texts else np.zeros((0, 1), dtype=np.float32)
            rows: dict[str, list[int]] = {}
            for i, key in enumerate(keys):
                rows.setdefault(key.chunk_id, []).append(i)
            self._keys, self._matrix = keys, matrix
            self._row = {k: i for i, k in enumerate(keys)}
            self._chunk_rows = {cid: np.asarray(r) for cid, r in rows.items()}
            self._generation = generation

    def similarities(self, query_vector: np.ndarray) -> np.ndarray:
        self.ensure()
        if not len(self._keys):
            return np.zeros(0, dtype=np.float32)
        return self._matrix @ np.asarray(query_vector, dtype=np.float32)

    def cosine(self, sims: np.ndarray, chunk_id: str, position: int) -> float | None:
        row = self._row.get(SentenceKey(chunk_id, position))
        return None if row is None else float(sims[row])

    def best_by_chunk(self, sims: np.ndarray) -> dict[str, float]:
        """Each chunk's best sentence cosine (the chunk's own vector is not consulted)."""
        return {cid: float(sims[rows].max()) for cid, rows in self._chunk_rows.items() if len(rows)}
