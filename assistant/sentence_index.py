"""Vectors of every quotable sentence in the index: meaning at the scale where facts live.

A chunk vector averages ~190 words, so a question worded unlike its passage
("le rôle de Cités Unies France" vs "fédère les collectivités engagées") is often
closer to a wrong chunk than to the right one. The answer usually sits in one
sentence, and the cosine with that sentence is the sharper signal: it serves
retrieval (best sentence per chunk), sentence choice and abstention alike.

Vectors come from the index's embedding cache (keyed by text), computed at ingest,
and are held in memory per index generation, one immutable snapshot at a time.
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


@dataclass(frozen=True)
class _Snapshot:
    """The sentence vectors of one index generation. Never modified: a new generation makes a new snapshot,
    so a thread that took this one keeps rows and matrix that agree, whatever other threads do."""

    generation: str | None
    row: dict[SentenceKey, int]
    chunk_rows: dict[str, np.ndarray]
    matrix: np.ndarray


_EMPTY = _Snapshot(None, {}, {}, np.zeros((0, 1), dtype=np.float32))


@dataclass(frozen=True)
class Similarities:
    """Cosines of one query with every sentence, tied to the snapshot they were computed on."""

    values: np.ndarray
    snapshot: _Snapshot


class SentenceIndex:
    """`similarities(query_vector)` → cosine of the query with every sentence, keyed by (chunk, position)."""

    def __init__(self, index) -> None:  # type: ignore[no-untyped-def]
        self.index = index
        self._lock = threading.Lock()
        self._snapshot = _EMPTY

    def ensure(self) -> _Snapshot:
        """The snapshot of the index's current generation, (re)built if needed; embeds only sentences
        the cache has not seen. One thread builds, the others wait for it rather than build it again."""
        generation = self.index.generation
        snapshot = self._snapshot
        if snapshot.generation == generation:
            return snapshot
        with self._lock:
            if self._snapshot.generation != generation:
                self._snapshot = self._build(generation)
            return self._snapshot

    def _build(self, generation: str) -> _Snapshot:
        keys, texts = [], []
        for chunk in self.index.all_chunks():
            for s in split_passage(Passage(chunk=chunk, score=0.0)):
                keys.append(SentenceKey(chunk.id, s.position))
                texts.append(s.text)
        if not texts:
            return _Snapshot(generation, {}, {}, np.zeros((0, 1), dtype=np.float32))
        matrix = np.asarray(self.index.embeddings.embed_documents(texts), dtype=np.float32)
        rows: dict[str, list[int]] = {}
        for i, key in enumerate(keys):
            rows.setdefault(key.chunk_id, []).append(i)
        return _Snapshot(generation, {k: i for i, k in enumerate(keys)},
                         {cid: np.asarray(r) for cid, r in rows.items()}, matrix)

    def similarities(self, query_vector: np.ndarray) -> Similarities:
        snapshot = self.ensure()
        if not snapshot.row:
            return Similarities(np.zeros(0, dtype=np.float32), snapshot)
        return Similarities(snapshot.matrix @ np.asarray(query_vector, dtype=np.float32), snapshot)

    @staticmethod
    def cosine(sims: Similarities, chunk_id: str, position: int) -> float | None:
        row = sims.snapshot.row.get(SentenceKey(chunk_id, position))
        return None if row is None else float(sims.values[row])

    @staticmethod
    def best_by_chunk(sims: Similarities) -> dict[str, float]:
        """Each chunk's best sentence cosine (the chunk's own vector is not consulted)."""
        return {cid: float(sims.values[rows].max()) for cid, rows in sims.snapshot.chunk_rows.items() if len(rows)}
