"""Scale-out options: a real `chroma run` server on loopback, and embeddings from an OpenAI-compatible endpoint."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.index import Index
from assistant.ingestion import ingest_paths
from assistant.pipeline import Assistant
from tests.conftest import ROOT, free_port, make_settings, wait_until


@pytest.fixture
def chroma_server(tmp_path):  # type: ignore[no-untyped-def]
    chroma = Path(sys.executable).with_name("chroma")
    port = free_port()
    log = open(tmp_path / "chroma.log", "w")
    proc = subprocess.Popen([str(chroma), "run", "--path", str(tmp_path / "server-store"), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: socket.create_connection(("127.0.0.1", port), timeout=1).close() is None, what="Le serveur Chroma")
    except BaseException:
        proc.kill()
        print((tmp_path / "chroma.log").read_text())
        raise
    yield port
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


def test_chroma_server_ingest_and_answer(chroma_server, fresh_data_dir) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings(fresh_data_dir, AICT_CHROMA_HOST="127.0.0.1", AICT_CHROMA_PORT=str(chroma_server))
    index = Index(settings)
    report = ingest_paths(index, [ROOT / "corpus"])
    assert report.chunks_added > 20 and not report.refused
    assert not (fresh_data_dir / "chroma").exists()  # the vectors live on the server
    assert index.collection.count() == len(index.manifest["chunks"])
    answer = Assistant(settings).answer("Qui préside la Commission nationale de la coopération décentralisée ?")
    assert not answer.abstained and "Premier ministre" in answer.answer
    again = ingest_paths(Index(settings), [ROOT / "corpus"])
    assert again.chunks_added == 0


def test_openai_compatible_embeddings(fake_openai, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings(tmp_path / "data", AICT_EMBEDDINGS="openai", AICT_EMBEDDINGS_BASE_URL=fake_openai.base_url,
                             AICT_EMBEDDINGS_MODEL="fake-embed", OPENAI_API_KEY="sk-x")
    index = Index(settings)
    report = ingest_paths(index, [ROOT / "corpus"])
    assert report.chunks_added > 20
    assert any(r["path"].endswith("/embeddings") for r in fake_openai.requests)
    assert index.manifest["embeddings"] == "openai:fake-embed"
    answer = Assistant(settings).answer("Qui préside la Commission nationale de la coopération décentralisée ?")
    assert not answer.abstained and "Premier ministre" in answer.answer
    # Reopening with the default embeddings must refuse clearly instead of mixing vector spaces.
    from assistant.errors import IndexUnavailable

    with pytest.raises(IndexUnavailable, match="--rebuild"):
        Assistant(make_settings(tmp_path / "data")).answer("Qui préside la CNCD ?")
