"""One Assistant shared by many sessions, as the app shares it: no errors, and each answer is the one given alone.

Latency under load is measured by `make bench` (latency.concurrent_10), not here.
"""

from __future__ import annotations

import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from assistant.argumentaire import prepared_replies, refresh_links
from assistant.index import Index
from assistant.pipeline import Assistant
from assistant.warmup import load_shared_assistant, start_warmup
from tests.conftest import make_settings

THREADS = 6
REQUESTS = [
    ("Quels outils financiers l'AFD propose-t-elle aux collectivités ?", "question"),
    ("Qui préside la Commission nationale de la coopération décentralisée ?", "question"),
    ("C'est de l'argent public gaspillé à l'étranger.", "contre-argument"),
    ("Ce n'est pas le rôle d'une commune : la politique étrangère, c'est l'État.", "contre-argument"),
    ("FICOL", "fiche"),
    ("appel à projets de la DAECT", "fiche"),
    ("Rédige un article sur la coopération décentralisée et la jeunesse pour le bulletin municipal", "article"),
    ("Un article sur le jumelage pour le site de la ville", "article"),
]


def _all_at_once(work, count: int = THREADS) -> list:  # type: ignore[no-untyped-def]
    """Run `work(i)` in `count` threads released together; an exception in any thread fails the test."""
    barrier = threading.Barrier(count)

    def run(i: int):  # type: ignore[no-untyped-def]
        barrier.wait()
        return work(i)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


def test_threads_sharing_a_cold_assistant_get_the_answers_given_alone(corpus_data_dir: Path, assistant: Assistant) -> None:
    expected = {request: assistant.answer(request[0], mode=request[1], generate=False).answer for request in REQUESTS}
    shared = Assistant(make_settings(corpus_data_dir))  # nothing loaded yet: every lazy resource is built under contention

    def session(i: int) -> list[tuple[tuple[str, str], str]]:
        order = REQUESTS[i:] + REQUESTS[:i]  # each request asked by several sessions, at different moments
        return [(request, shared.answer(request[0], mode=request[1], generate=False).answer) for request in order]

    results = [pair for session_results in _all_at_once(session) for pair in session_results]
    assert len(results) == THREADS * len(REQUESTS)
    wrong = [request for request, text in results if text != expected[request]]
    assert not wrong, f"{len(wrong)} réponse(s) différente(s) sous charge : {wrong[:3]}"


def test_argumentaire_is_composed_once_and_read_safely_by_concurrent_sessions(tmp_path: Path, corpus_data_dir: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(corpus_data_dir, data_dir)
    (data_dir / "argumentaire.json").unlink()  # the links must be written again, by several threads at once
    index = Index(make_settings(data_dir))
    links = _all_at_once(lambda i: refresh_links(index))
    assert all(found == links[0] for found in links) and links[0]["generation"] == index.generation
    assert not list(data_dir.glob(".argumentaire.json.*"))  # no temporary file left behind

    shared = Assistant(make_settings(data_dir), index=index)
    replies = _all_at_once(lambda i: prepared_replies(shared), count=3)
    assert all(r == replies[0] for r in replies) and len(replies[0]) == 12


def test_the_warm_up_starts_once_per_shared_assistant_and_prepares_the_argumentaire(corpus_data_dir: Path) -> None:
    from assistant import argumentaire

    shared = load_shared_assistant(make_settings(corpus_data_dir))
    assert start_warmup(shared) is None  # already started by load_shared_assistant
    warmups = [t for t in threading.enumerate() if t.name == "aict-warmup"]
    assert warmups
    for thread in warmups:
        thread.join(timeout=120)
    assert argumentaire._replies[shared][0] == shared.index.generation
