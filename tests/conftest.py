"""Shared fixtures: one real index of corpus/ per session, fresh data dirs that reuse its embedding cache."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.index import Index  # noqa: E402
from assistant.ingestion import ingest_paths  # noqa: E402
from assistant.pipeline import Assistant  # noqa: E402
from assistant.settings import Settings  # noqa: E402

CACHE_NAME = "embeddings-cache.sqlite"


# The documents shipped in corpus/ (tests count on them, not on a fixed number).
SHIPPED_DOCUMENTS = len([p for p in (ROOT / "corpus").iterdir() if p.suffix in (".md", ".txt", ".pdf")])


def make_settings(data_dir: Path, **env: str) -> Settings:
    base = {"AICT_DATA_DIR": str(data_dir), "AICT_CORPUS_DIR": str(ROOT / "corpus")}
    base.update(env)
    return Settings.from_env(base)


def clean_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment for a subprocess: no model configured, our data dir."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "AICT_"))}
    env.update({"AICT_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)})
    env.update(extra)
    return env


def run_cli(args: list[str], data_dir: Path, timeout: float = 300, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], cwd=ROOT, env=clean_env(data_dir, **extra),
        capture_output=True, text=True, timeout=timeout,
    )


def free_port() -> int:
    """A loopback port nothing listens on (the socket is closed again before returning)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(ready, timeout_s: float = 60.0, what: str = "service") -> None:  # type: ignore[no-untyped-def]
    import time

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if ready():
                return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"{what} n'a pas démarré en {timeout_s:.0f} s")


# Vectors the session's indexing of corpus/ had to compute: none while corpus/.vectors.sqlite is current.
SESSION_INGEST: dict[str, int] = {}


@pytest.fixture(scope="session")
def corpus_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """corpus/ indexed once for the whole session: chunking, Chroma and BM25 for real, the vectors read from
    corpus/.vectors.sqlite (the uploads, PDFs and notes the tests write are embedded as they come)."""
    data_dir = tmp_path_factory.mktemp("corpus-index")
    index = Index(make_settings(data_dir))
    report = ingest_paths(index, [ROOT / "corpus"])
    assert not report.refused, report.summary()
    SESSION_INGEST["computed"] = index.embeddings.computed
    return data_dir


@pytest.fixture(scope="session")
def assistant(corpus_data_dir: Path) -> Assistant:
    return Assistant(make_settings(corpus_data_dir))


@pytest.fixture
def fresh_data_dir(tmp_path: Path, corpus_data_dir: Path) -> Path:
    """An empty index whose embedding cache already knows the corpus, so re-indexing it takes seconds."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(corpus_data_dir / CACHE_NAME, data_dir / CACHE_NAME)
    return data_dir


@pytest.fixture
def fake_openai():  # type: ignore[no-untyped-def]
    from tests.fake_openai import FakeOpenAI

    server = FakeOpenAI().start()
    yield server
    server.stop()


class RobustnessLog:
    """Every bad input the fault suite tries, and whether the product handled it."""

    def __init__(self) -> None:
        self.cases: list[tuple[str, bool, str]] = []
        self.chunks_lost = 0
        self.chunks_duplicated = 0

    def record(self, name: str, handled: bool, message: str = "") -> None:
        self.cases.append((name, handled, message))

    def line(self) -> str:
        handled = sum(1 for _, ok, _ in self.cases if ok)
        return (f"robustness: {len(self.cases)} bad inputs tried, {handled} handled, "
                f"{self.chunks_lost} chunks lost, {self.chunks_duplicated} duplicated")


ROBUSTNESS = RobustnessLog()


@pytest.fixture(scope="session")
def robustness() -> RobustnessLog:
    return ROBUSTNESS


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    if ROBUSTNESS.cases:
        for name, ok, message in ROBUSTNESS.cases:
            terminalreporter.write_line(f"  {'ok ' if ok else 'KO '} {name} — {message[:150]}")
        terminalreporter.write_line(ROBUSTNESS.line())
