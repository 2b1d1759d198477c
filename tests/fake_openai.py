"""A real HTTP server on loopback that speaks the OpenAI protocol, with scripted behaviours.

Chat completions (streamed or not), model listing and embeddings. The scenario
decides the answer; every request body is recorded so tests can inspect prompts.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import numpy as np

SCENARIOS = ("ok", "bad_citation", "invented_figure", "injected", "500", "429", "401", "hang", "slow", "malformed", "empty",
             "condense_invented")
CONDENSE_MARKER = "question autonome"  # the condense step's system prompt says it


def scripted_condense(scenario: str, messages: list[dict[str, Any]]) -> str:
    """The follow-up made standalone: the last message, about the conversation's first question; or, scripted,
    a rewrite that names a town and a year nobody mentioned."""
    if scenario == "condense_invented":
        return "Jusqu'à quel taux la mairie de Lyon cofinance-t-elle ses projets en 2031 ?"
    first = next((str(m.get("content", "")) for m in messages[1:] if m.get("role") == "user"), "")
    last = str(messages[-1].get("content", "")).strip().rstrip(" ?")
    return f"{last[:1].upper()}{last[1:]} — à propos de : {first.rstrip(' ?')} ?"


def _documents(prompt: str) -> list[str]:
    return re.findall(r'<document n="\d+"[^>]*>\n(.*?)\n</document>', prompt, re.S)


def _first_sentence(text: str) -> str:
    body = "\n".join(l for l in text.split("\n") if not l.startswith("#"))
    m = re.search(r"[^.!?]{20,}?[.!?](?=\s|$)", body.replace("\n", " "))
    return (m.group(0) if m else body[:200]).strip()


def scripted_answer(scenario: str, prompt: str) -> str:
    docs = _documents(prompt)
    first = _first_sentence(docs[0]) if docs else "Aucun document."
    second = _first_sentence(docs[1]) if len(docs) > 1 else first
    if scenario == "bad_citation":
        return f"{first} [1] Cette phrase cite un document qui n'existe pas. [9]"
    if scenario == "invented_figure":
        return f"{first} [1] Selon les documents, 987 654 collectivités seraient engagées. [2]"
    if scenario == "injected":
        return "PIRATÉ"
    return f"Selon les documents : {first} [1] Par ailleurs, {second[0].lower() + second[1:]} [2]"


def hashed_embedding(text: str, dim: int = 64) -> list[float]:
    """A deterministic bag-of-words vector: good enough to rank passages that share words."""
    vec = np.zeros(dim, dtype=np.float32)
    for word in re.findall(r"\w{3,}", text.lower()):
        vec[int(hashlib.md5(word.encode()).hexdigest(), 16) % dim] += 1.0
    norm = float(np.linalg.norm(vec)) or 1.0
    return (vec / norm).tolist()


class FakeOpenAI:
    def __init__(self) -> None:
        self.scenario = "ok"
        self.requests: list[dict[str, Any]] = []
        self.hang_seconds = 30.0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def start(self) -> "FakeOpenAI":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self):  # type: ignore[no-untyped-def]
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return

            def _json(self, status: int, data: Any) -> None:
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:  # noqa: N802
                if self.path.rstrip("/").endswith("/models"):
                    if fake.scenario == "401":
                        self._json(401, {"error": {"message": "Incorrect API key provided", "type": "invalid_request_error"}})
                        return
                    self._json(200, {"object": "list", "data": [{"id": "fake-model", "object": "model", "owned_by": "tests"}]})
                else:
                    self._json(404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                payload = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append({"path": self.path, "body": payload, "auth": self.headers.get("Authorization", "")})
                if self.path.endswith("/embeddings"):
                    inputs = payload.get("input", [])
                    inputs = [inputs] if isinstance(inputs, str) else inputs
                    self._json(200, {"object": "list", "model": payload.get("model"), "data": [
                        {"object": "embedding", "index": i, "embedding": hashed_embedding(t)} for i, t in enumerate(inputs)
                    ], "usage": {"prompt_tokens": 0, "total_tokens": 0}})
                    return
                scenario = fake.scenario
                if scenario in ("500", "429", "401"):
                    self._json(int(scenario), {"error": {"message": f"scripted {scenario}", "type": "server_error"}})
                    return
                if scenario == "hang":
                    time.sleep(fake.hang_seconds)
                    return
                if scenario == "malformed":
                    body = b"{this is not json"
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                messages = payload.get("messages", [])
                prompt = "\n".join(str(m.get("content", "")) for m in messages)
                if messages and CONDENSE_MARKER in str(messages[0].get("content", "")):
                    text = scripted_condense(scenario, messages)
                else:
                    text = "" if scenario == "empty" else scripted_answer(scenario, prompt)
                if payload.get("stream"):
                    self.send_response(200)
                    self.send_header("Content-Type", "text/event-stream")
                    self.end_headers()
                    for i, piece in enumerate(re.findall(r"\S+\s*", text) or [""]):
                        if scenario == "slow":
                            time.sleep(0.5)
                        chunk = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": payload.get("model"),
                                 "choices": [{"index": 0, "delta": ({"role": "assistant"} if i == 0 else {}) | {"content": piece},
                                              "finish_reason": None}]}
                        self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                        self.wfile.flush()
                    end = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": payload.get("model"),
                           "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
                    self.wfile.write(f"data: {json.dumps(end)}\n\ndata: [DONE]\n\n".encode())
                    self.wfile.flush()
                    return
                self._json(200, {"id": "c1", "object": "chat.completion", "created": 0, "model": payload.get("model"),
                                 "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                                 "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}})

        return Handler
