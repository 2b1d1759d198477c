"""👍/👎 on answers, appended to `feedback.jsonl` in the data directory, without personal data.

A question or a comment can name a person, so neither is kept, nor the answer built from the
question, nor any session, conversation or account identifier. What remains says which kind of
answer, built from which sources, was judged useful: enough to improve the corpus and the modes.
The day is kept, not the time, so a vote cannot be matched with a server log.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from assistant.documents import Answer


def feedback_row(answer: Answer, vote: str) -> dict[str, object]:
    if vote not in ("up", "down"):
        raise ValueError("vote must be 'up' or 'down'")
    return {
        "day": date.today().isoformat(),
        "vote": vote,
        "mode": answer.mode,
        "intent": answer.intent,
        "backend": answer.backend,
        "abstained": answer.abstained,
        "citations": [{"source": c.source, "page": c.page, "section": c.section} for c in answer.citations],
    }


def record_feedback(data_dir: Path, answer: Answer, vote: str) -> Path:
    path = data_dir / "feedback.jsonl"
    row = feedback_row(answer, vote)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path
