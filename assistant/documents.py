"""The shared vocabulary: what flows from loaders to the UI. No I/O here."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Page:
    number: int | None  # 1-based page number for PDFs, None for text files
    text: str


@dataclass
class SourceDocument:
    path: str
    source: str  # file name shown to users
    title: str
    date: str = ""  # ISO date (YYYY or YYYY-MM-DD) of the document's content
    publisher: str = ""
    url: str = ""
    kind: str = "txt"  # pdf | txt | md
    pages: list[Page] = field(default_factory=list)


@dataclass
class Chunk:
    id: str
    text: str
    source: str
    title: str
    date: str = ""
    page: int | None = None
    section: str = ""
    publisher: str = ""
    url: str = ""
    path: str = ""

    def metadata(self) -> dict[str, Any]:
        """Chroma metadata: scalars only, no None."""
        meta = {k: v for k, v in asdict(self).items() if k not in ("id", "text")}
        meta["page"] = self.page if self.page is not None else -1
        return meta

    @classmethod
    def from_record(cls, chunk_id: str, text: str, meta: dict[str, Any]) -> "Chunk":
        page = meta.get("page")
        return cls(
            id=chunk_id,
            text=text,
            source=meta.get("source", ""),
            title=meta.get("title", ""),
            date=meta.get("date", ""),
            page=None if page in (None, -1) else int(page),
            section=meta.get("section", ""),
            publisher=meta.get("publisher", ""),
            url=meta.get("url", ""),
            path=meta.get("path", ""),
        )


@dataclass
class Passage:
    """A retrieved chunk with its scores."""

    chunk: Chunk
    score: float  # fused RRF score
    dense: float = 0.0  # cosine similarity with the question
    bm25: float = 0.0
    rank: int = 0
    sentence_dense: float = 0.0  # cosine of the question with the passage's closest sentence


def unique_passages(passages: list[Passage]) -> list[Passage]:
    """The same passage found by two searches is kept once, at its first place."""
    seen: set[str] = set()
    out = []
    for p in passages:
        if p.chunk.id not in seen:
            seen.add(p.chunk.id)
            out.append(p)
    return out


@dataclass
class Citation:
    n: int
    source: str
    title: str
    page: int | None
    date: str
    text: str  # the passage
    section: str = ""
    quote: str = ""  # the exact words used in the answer, for highlighting
    chunk_id: str = ""
    path: str = ""

    def label(self) -> str:
        """French reference line: title, page or section, date."""
        parts = [self.title or self.source]
        if self.page is not None:
            parts.append(f"p. {self.page}")
        elif self.section:
            parts.append(f"section « {self.section} »")
        if self.date:
            parts.append(self.date)
        return ", ".join(parts)


@dataclass
class Answer:
    question: str
    mode: str
    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    retrieved: list[Passage] = field(default_factory=list)
    backend: str = "extractive"
    latency_ms: float = 0.0
    notice: str = ""  # French note shown above the answer (fallback, language, ...)
    checks: dict[str, Any] = field(default_factory=dict)
    id: str = ""
    # Structured parts for the front ends (e.g. the sections of a counter-argument)
    sections: list[dict[str, Any]] = field(default_factory=list)
    # What the conversation made of the message: its intent, and the standalone question searched
    # (or the instruction applied) when it differs from what was typed.
    intent: str = "question"
    resolved_question: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "question": self.question,
            "resolved_question": self.resolved_question or self.question,
            "intent": self.intent,
            "mode": self.mode,
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [
                {
                    "n": c.n,
                    "source": c.source,
                    "title": c.title,
                    "page": c.page,
                    "date": c.date,
                    "section": c.section,
                    "text": c.text,
                    "quote": c.quote,
                }
                for c in self.citations
            ],
            "retrieved": [
                {
                    "source": p.chunk.source,
                    "page": p.chunk.page,
                    "section": p.chunk.section,
                    "score": round(p.score, 6),
                    "dense": round(p.dense, 4),
                    "text": p.chunk.text,
                }
                for p in self.retrieved[:10]
            ],
            "backend": self.backend,
            "latency_ms": round(self.latency_ms, 1),
            "notice": self.notice,
            "checks": self.checks,
        }
