"""Warm the shared Assistant in the background as soon as the server loads it.

Everything an answer needs is opened lazily (the embedding model, the vector store,
BM25, the sentence vectors, the objection-kind vectors, the argument claims' vectors),
and the Argumentaire composes twelve replies. Done on the first visitor's request, that
is ~9 s before the first answer and ~10 s before the Argumentaire shows. A thread,
started once per shared Assistant, pays for it while the visitor reads the page.
Every lazy resource is built under its own lock, so a visitor who asks before the
warm-up is done waits for that resource rather than building it a second time.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
import weakref
from typing import Callable

from assistant.pipeline import Assistant
from assistant.settings import Settings

log = logging.getLogger(__name__)

# One request per mode, as a visitor would send them: they load what the step-by-step warm-up cannot name
# (lazily imported modules, the composers' own caches).
SAMPLE_REQUESTS = (
    ("Quels outils financiers l'AFD propose-t-elle aux collectivités ?", "question"),
    ("FICOL", "fiche"),
    ("Rédige un article sur la coopération décentralisée et la jeunesse pour le bulletin municipal", "article"),
)

_started: "weakref.WeakSet[Assistant]" = weakref.WeakSet()
_start_lock = threading.Lock()
_stopping = threading.Event()
_threads: list[threading.Thread] = []


@atexit.register
def _stop_warmups() -> None:
    """Let a running warm-up finish its step before the interpreter frees the embedding model under it
    (a process that exits mid-warm-up would otherwise crash in the engine's C code)."""
    _stopping.set()
    for thread in _threads:
        thread.join(timeout=60)


def _steps(assistant: Assistant) -> list[tuple[str, Callable[[], object]]]:
    """In the order a first answer needs them, so that an early question finds the first ones ready."""
    from assistant.argumentaire import prepared_replies
    from assistant.compose import fixed_queries
    from assistant.objection_kinds import kind_vectors
    from assistant.off_topic import reference_vectors

    search, index = assistant.search, assistant.index
    steps: list[tuple[str, Callable[[], object]]] = [
        ("embedding_model", lambda: search.query_vector("coopération décentralisée")),
        ("vector_store", lambda: index.collection.count()),
        ("bm25", lambda: index.bm25),
        ("sentence_vectors", search.sentences.ensure),
        ("objection_kinds", lambda: kind_vectors(index.embeddings)),
        ("off_topic", lambda: reference_vectors(index.embeddings)),
        ("fixed_queries", lambda: search.pin_queries(fixed_queries())),
    ]
    if not index.is_empty():
        steps += [(f"answer_{mode}", lambda q=q, m=mode: assistant.answer(q, mode=m, generate=False))
                  for q, mode in SAMPLE_REQUESTS]
        steps.append(("argumentaire", lambda: prepared_replies(assistant)))
    return steps


def warm(assistant: Assistant) -> dict[str, float]:
    """Build every shared resource now; returns milliseconds per step. A failing step is logged and skipped:
    the warm-up only saves time, the visitor's request will meet (and report) the same problem."""
    timings: dict[str, float] = {}
    for name, step in _steps(assistant):
        if _stopping.is_set():
            break
        started = time.perf_counter()
        try:
            step()
        except Exception as exc:  # noqa: BLE001 - a background thread must never take the server down
            log.warning("Préchauffage : l'étape %s a échoué (%s: %s)", name, type(exc).__name__, exc)
        timings[name] = round((time.perf_counter() - started) * 1000, 1)
    return timings


def start_warmup(assistant: Assistant) -> threading.Thread | None:
    """Start `warm` in a daemon thread, once per Assistant; None if it was already started."""
    with _start_lock:
        if assistant in _started:
            return None
        _started.add(assistant)
    thread = threading.Thread(target=warm, args=(assistant,), name="aict-warmup", daemon=True)
    _threads.append(thread)
    thread.start()
    return thread


def load_shared_assistant(settings: Settings) -> Assistant:
    """The Assistant that every session of the app shares, already warming up in the background."""
    assistant = Assistant(settings)
    start_warmup(assistant)
    return assistant
