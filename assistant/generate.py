"""Generation through any OpenAI-compatible endpoint (OpenAI, Mistral, Albert, vLLM, Ollama, llama.cpp).

The call runs in a worker thread so that a hard deadline holds even when the
server hangs mid-stream; every failure becomes a `BackendUnavailable` with a
short French reason, and the API key never appears in it.
"""

from __future__ import annotations

import queue
import threading
import time
from typing import Callable, Iterator
from urllib.parse import urlparse

from assistant.documents import Passage
from assistant.errors import BackendUnavailable
from assistant.prompts import build_messages
from assistant.settings import Settings

_DONE = object()


def describe_error(exc: BaseException, settings: Settings) -> str:
    """French reason for a failed call. Never includes the exception text, which may echo the key."""
    import openai

    if isinstance(exc, openai.AuthenticationError):
        return "Le service de génération a refusé la clé d'API (erreur 401)."
    if isinstance(exc, openai.PermissionDeniedError):
        return "Le service de génération refuse l'accès à ce modèle (erreur 403)."
    if isinstance(exc, openai.RateLimitError):
        return "Le service de génération est saturé (erreur 429 : trop de requêtes)."
    if isinstance(exc, openai.NotFoundError):
        return f"Le modèle « {settings.openai_model} » est introuvable sur le service (erreur 404)."
    if isinstance(exc, openai.APITimeoutError):
        return f"Le service de génération n'a pas répondu dans le délai de {settings.llm_timeout_s:g} s."
    if isinstance(exc, openai.APIConnectionError):
        return "Le service de génération est injoignable (connexion impossible)."
    if isinstance(exc, openai.APIStatusError):
        return f"Le service de génération a renvoyé une erreur (code {exc.status_code})."
    return "Le service de génération a renvoyé une réponse illisible."


def endpoint_label(settings: Settings) -> str:
    """Host of the endpoint, for display: no path, no credentials."""
    if not settings.openai_base_url:
        return "api.openai.com"
    parsed = urlparse(settings.openai_base_url)
    return parsed.hostname + (f":{parsed.port}" if parsed.port else "") if parsed.hostname else "(adresse invalide)"


def chat_model(settings: Settings, streaming: bool = True, timeout_s: float | None = None, temperature: float = 0.2):  # type: ignore[no-untyped-def]
    """The configured OpenAI-compatible chat model, as a LangChain runnable (answers stream; the condense step does not)."""
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=settings.openai_model,
        base_url=settings.openai_base_url or None,
        api_key=settings.openai_api_key or "sans-cle",
        timeout=settings.llm_timeout_s if timeout_s is None else timeout_s,
        max_retries=0,
        temperature=temperature,
        streaming=streaming,
    )


class Generator:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def _model(self):  # type: ignore[no-untyped-def]
        return chat_model(self.settings)

    def stream(self, mode: str, question: str, passages: list[Passage], audience: str = "elu") -> Iterator[str]:
        """Tokens as they come; raises `BackendUnavailable` on any failure or past the deadline."""
        messages = build_messages(mode, question, passages, audience)
        tokens: queue.Queue[object] = queue.Queue()
        model = self._model()  # built before the deadline starts: the first import takes a second

        def work() -> None:
            try:
                for chunk in model.stream(messages):
                    text = chunk.content if isinstance(chunk.content, str) else ""
                    if text:
                        tokens.put(text)
                tokens.put(_DONE)
            except BaseException as exc:  # noqa: BLE001 - every failure is reported to the caller
                tokens.put(exc)

        threading.Thread(target=work, daemon=True, name="aict-generation").start()
        deadline = time.monotonic() + self.settings.llm_timeout_s
        while True:
            remaining = deadline - time.monotonic()
            try:
                item = tokens.get(timeout=max(0.01, remaining))
            except queue.Empty:
                raise BackendUnavailable(
                    f"Le service de génération n'a pas répondu dans le délai de {self.settings.llm_timeout_s:g} s."
                ) from None
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise BackendUnavailable(describe_error(item, self.settings)) from None
            yield str(item)

    def generate(
        self, mode: str, question: str, passages: list[Passage], audience: str = "elu",
        on_token: Callable[[str], None] | None = None,
    ) -> str:
        parts = []
        for token in self.stream(mode, question, passages, audience):
            parts.append(token)
            if on_token:
                on_token(token)
        text = "".join(parts).strip()
        if not text:
            raise BackendUnavailable("Le service de génération a renvoyé une réponse vide.")
        return text


def probe(settings: Settings, timeout_s: float = 3.0) -> tuple[bool, str]:
    """Is the endpoint reachable? (GET /models). Returns (ok, French detail), without the key."""
    import openai

    if not settings.generative:
        return False, "Aucun modèle configuré : réponses extractives, hors ligne."
    try:
        client = openai.OpenAI(
            api_key=settings.openai_api_key or "sans-cle", base_url=settings.openai_base_url or None,
            timeout=timeout_s, max_retries=0,
        )
        client.models.list()
        return True, f"Service joignable ({endpoint_label(settings)})."
    except Exception as exc:  # noqa: BLE001
        return False, describe_error(exc, settings)
