"""Conversations kept server-side, one JSON file each, so a reload does not lose them.

The page's query string holds the conversation id (`?c=…`); the file holds the turns:
user messages with their mode, and answers with their citations (enough to show them again
and to act on them: « plus court » needs the previous answer's cited sentences).
"""

from __future__ import annotations

import json
import re
import secrets
from pathlib import Path
from typing import Any

from assistant.documents import Answer, Citation

_ID = re.compile(r"^[a-z0-9]{8,32}$")


def new_id() -> str:
    return secrets.token_hex(6)


def answer_from_json(data: dict[str, Any]) -> Answer:
    """An answer as saved by `Answer.to_json` (the retrieved passages are not kept)."""
    citations = [Citation(n=c["n"], source=c.get("source", ""), title=c.get("title", ""), page=c.get("page"),
                          date=c.get("date", ""), text=c.get("text", ""), section=c.get("section", ""),
                          quote=c.get("quote", ""), path=c.get("path", "")) for c in data.get("citations", [])]
    return Answer(question=data.get("question", ""), mode=data.get("mode", "question"), answer=data.get("answer", ""),
                  abstained=bool(data.get("abstained")), citations=citations, backend=data.get("backend", "extractive"),
                  latency_ms=float(data.get("latency_ms", 0.0)), notice=data.get("notice", ""),
                  intent=data.get("intent", "question"), resolved_question=data.get("resolved_question", ""),
                  sections=data.get("sections", []))


class ConversationStore:
    def __init__(self, data_dir: Path) -> None:
        self.dir = data_dir / "conversations"

    def _path(self, conversation_id: str) -> Path | None:
        return self.dir / f"{conversation_id}.json" if _ID.match(conversation_id or "") else None

    def load(self, conversation_id: str) -> list[dict[str, Any]]:
        path = self._path(conversation_id)
        try:
            turns = json.loads(path.read_text(encoding="utf-8")) if path else []
        except (OSError, ValueError):
            return []
        out = []
        for t in turns if isinstance(turns, list) else []:
            if t.get("role") == "assistant" and isinstance(t.get("answer"), dict):
                out.append({"role": "assistant", "answer": answer_from_json(t["answer"])})
            elif t.get("role") == "user":
                out.append({"role": "user", "content": str(t.get("content", "")), "mode": t.get("mode", "question")})
        return out

    def save(self, conversation_id: str, history: list[dict[str, Any]]) -> None:
        path = self._path(conversation_id)
        if path is None:
            return
        rows = []
        for t in history:
            if t["role"] == "assistant":
                data = t["answer"].to_json()
                data.pop("retrieved", None)
                for c, cit in zip(data["citations"], t["answer"].citations):
                    c["path"] = cit.path
                rows.append({"role": "assistant", "answer": data})
            else:
                rows.append({"role": "user", "content": t["content"], "mode": t["mode"]})
        self.dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)

    def recent(self, limit: int = 5) -> list[tuple[str, str]]:
        """(id, title) of the latest conversations, newest first; the title is the first message."""
        if not self.dir.is_dir():
            return []
        files = sorted(self.dir.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)[:limit]
        out = []
        for f in files:
            turns = self.load(f.stem)
            first = next((t["content"] for t in turns if t["role"] == "user"), "")
            if first:
                out.append((f.stem, first[:50] + ("…" if len(first) > 50 else "")))
        return out
