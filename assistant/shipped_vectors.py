"""The shipped corpus's vectors, shipped with it (`corpus/.vectors.sqlite`).

Embedding the eight default documents' chunks and sentences takes over a minute on two cores, and every fresh
machine did it before `make run` could serve a page. The vectors are the embedding cache's own rows (keyed by
model name and text hash), so a new data directory starts from a copy: texts unchanged since the file was
written cost nothing, edited ones are embedded as usual, and another embedding model simply never finds its keys.

`python -m assistant vectors` rewrites the file after the corpus, the chunking or the fixed texts change; a test
fails when the file no longer covers the shipped corpus.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from assistant.embeddings import VECTORS_TABLE
from assistant.settings import Settings

SEED_NAME = ".vectors.sqlite"


def seed_path(corpus_dir: Path) -> Path:
    return corpus_dir / SEED_NAME


def seed_cache(cache_path: Path, corpus_dir: Path) -> bool:
    """Start a data directory's embedding cache from the shipped vectors; a cache already there is kept."""
    seed = seed_path(corpus_dir)
    if cache_path.exists() or not seed.is_file():
        return False
    tmp = cache_path.with_name(f".{cache_path.name}.{os.getpid()}.tmp")
    shutil.copyfile(seed, tmp)
    if not _readable(tmp):  # a truncated checkout or a Git LFS pointer: start empty, embed as before
        tmp.unlink(missing_ok=True)
        return False
    os.replace(tmp, cache_path)  # two processes starting at once each put a whole copy
    return True


def _readable(path: Path) -> bool:
    try:
        with sqlite3.connect(str(path)) as conn:
            conn.execute("SELECT key, vec FROM vectors LIMIT 1").fetchall()
        return True
    except sqlite3.Error:
        return False


def write_seed(settings: Settings) -> tuple[int, int]:
    """Index the corpus into a scratch directory and keep, in the seed, only the vectors that indexing used.

    Returns (vectors written, vectors computed because the previous seed lacked them).
    """
    from assistant.index import Index
    from assistant.ingestion import ingest_paths

    with tempfile.TemporaryDirectory(prefix="aict-vectors-") as scratch:
        scratch_settings = Settings.from_env({**os.environ, "AICT_DATA_DIR": scratch,
                                              "AICT_CORPUS_DIR": str(settings.corpus_dir)})
        index = Index(scratch_settings)
        report = ingest_paths(index, [settings.corpus_dir])
        if report.refused:
            raise RuntimeError(report.summary())
        used = sorted(index.cache.touched)
        target = seed_path(settings.corpus_dir)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.unlink(missing_ok=True)
        out = sqlite3.connect(str(tmp))
        out.execute(f"CREATE TABLE {VECTORS_TABLE}")
        rows = index.cache.rows(used)
        out.executemany("INSERT INTO vectors (key, vec) VALUES (?, ?)", rows)
        out.commit()
        out.execute("VACUUM")
        out.close()
        os.replace(tmp, target)
        return len(rows), index.embeddings.computed
