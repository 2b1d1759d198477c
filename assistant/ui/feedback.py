"""👍/👎 on answers, appended to a JSONL file in the data directory."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from assistant.documents import Answer


def record_feedback(data_dir: Path, answer: Answer, vote: str, comment: str = "") -> Path:
    if vote not in ("up", "down"):
        raise ValueError("vote must be 'up' or 'down'")
    path = data_dir / "feedback.jsonl"
    row = {
        "at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "vote": vote,
        "question": answer.question,
        "mode": answer.mode,
        "backend": answer.backend,
        "answer": answer.answer,
        "citations": [{"n": c.n, "source": c.source, "page": c.page} for c in answer.citations],
        "comment": comment,
    }
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path
