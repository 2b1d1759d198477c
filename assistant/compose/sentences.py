"""Sentence candidates from retrieved passages, scored for a query.

Extractive answers are only as good as this step: a sentence is kept when it
shares the question's rarer words (IDF-weighted, stemmed) and comes from a
well-ranked passage. Sentences are quoted as they stand in the cleaned text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.cleaning import sentences
from assistant.documents import Passage
from assistant.figures import has_figure
from assistant.lexical import Bm25Index, QueryWeights, terms

if TYPE_CHECKING:
    import numpy as np
    from langchain_core.embeddings import Embeddings

_BULLET = re.compile(r"^\s*(?:[•▪●◦■➢➤►*-]|o(?=\s))\s*")
MIN_WORDS = 5
MAX_WORDS = 75


@dataclass
class Sentence:
    text: str
    passage: Passage
    position: int  # index within the passage
    terms: frozenset[str]
    score: float = 0.0
    heading: str = ""  # the section title this sentence opens, if it is the first one
    section: str = ""  # the section the sentence stands in
    follow_up: "Sentence | None" = None  # next sentence when it continues with a pronoun ("Elle élargit…")

    @property
    def has_figure(self) -> bool:
        return has_figure(self.text)


_URL = re.compile(r"\s*-?\s*(?:https?://|www\.)\S+")
# "Bertrand Gallet, directeur général, …": a list of speakers, not a statement.
_SPEAKER_LINE = re.compile(r"^[A-ZÉÈ][\w’'-]+(?: (?:[A-ZÉÈ][\w’'-]+|de|du|des|d’|la|le)){1,4}, [a-zé]")


def _tidy(text: str) -> str:
    """Drop URLs, and balance the French quotation marks a sentence split left open."""
    text = _URL.sub("", text).strip()
    opened, closed = text.count("«"), text.count("»")
    if closed > opened:
        text = "« " + text
    elif opened > closed:
        text = text + " »"
    return text


def _usable(text: str, whole_paragraph: bool, bullet: bool = False) -> bool:
    words = text.split()
    if not (MIN_WORDS <= len(words) <= MAX_WORDS):
        return False
    lowered = text.lower()
    ends_like_sentence = bool(re.search(r"[.!?»)]\s*$", text))
    if lowered.startswith(("source :", "sources :", "intervenant", "*")):
        return False
    if _SPEAKER_LINE.match(text) and not re.search(r"[.!?»]\s*$", text):
        return False
    if text.startswith("#") or text.endswith(":"):
        return False
    # A sentence must end like one; fragments cut by the chunker are skipped,
    # but a one-line paragraph (a caption, a byline) is whole as it stands.
    # A bullet without final punctuation is a list item (names, titles), not a statement.
    return ends_like_sentence or (whole_paragraph and not bullet and len(words) <= 15)


_ANAPHORA = re.compile(r"^(?:Elle|Il|Ils|Elles|Celle-ci|Celui-ci|Ce dispositif|Cette loi|Cette stratégie|Ce fonds)\b")


def split_passage(passage: Passage) -> list[Sentence]:
    """Usable sentences, each knowing the heading it opens (if any) and the pronoun sentence that follows it."""
    out: list[Sentence] = []
    position = 0
    heading = ""
    section = passage.chunk.section
    for para in passage.chunk.text.split("\n\n"):
        if para.startswith("#"):
            section = para.lstrip("#").strip()
            heading = re.sub(r"^\d+[.)]\s*", "", section)  # "6. La facilité FICOL" → "La facilité FICOL"
            continue
        parts = sentences(para)
        previous: Sentence | None = None
        for sent in parts:
            bullet = bool(_BULLET.match(sent))
            sent = _tidy(_BULLET.sub("", sent))
            if _usable(sent, whole_paragraph=len(parts) == 1, bullet=bullet):
                item = Sentence(sent, passage, position, frozenset(terms(sent)), heading=heading, section=section)
                if previous is not None and previous.position == position - 1 and _ANAPHORA.match(sent):
                    previous.follow_up = item
                out.append(item)
                previous = item
            position += 1
            heading = ""
    return out


def candidates(passages: list[Passage], limit: int = 6) -> list[Sentence]:
    seen: set[str] = set()
    out = []
    for p in passages[:limit]:
        for s in split_passage(p):
            key = re.sub(r"\W+", "", s.text.lower())
            if key not in seen:
                seen.add(key)
                out.append(s)
    return out


def score_sentences(
    query: str, sents: list[Sentence], bm25: Bm25Index, prefer_figures: bool = False, use_headings: bool = True
) -> list[Sentence]:
    """IDF-weighted share of the query's terms found in the sentence, nudged by passage rank.

    With `use_headings`, a sentence that opens a section may borrow the section title
    when the title holds the answer ("Le fondement : l'article L1115-1 du CGCT").
    """
    weights = QueryWeights(query, bm25)
    for s in sents:
        heading_terms = set(terms(s.heading)) if s.heading else set()
        overlap = weights.share(s.terms)
        with_heading = weights.share(s.terms | heading_terms)
        if use_headings and with_heading > overlap + 0.15:
            # The answer sits in the title ("Le fondement : l'article L1115-1 du CGCT"): quote both.
            s.text = f"{s.heading} : {s.text}"
            s.terms = frozenset(s.terms | heading_terms)
            s.heading = ""
            overlap = with_heading
        rank_prior = 1.0 / (1.0 + 0.35 * (s.passage.rank - 1))
        s.score = overlap + 0.25 * rank_prior + 0.5 * max(0.0, s.passage.dense - 0.8)
        if prefer_figures and s.has_figure:
            s.score += 0.15
    return sorted(sents, key=lambda s: -s.score)


def pick(ranked: list[Sentence], n: int, min_score: float = 0.0, diversity: float = 0.6) -> list[Sentence]:
    """Greedy selection that skips near-duplicates (shared terms above `diversity`)."""
    chosen: list[Sentence] = []
    for s in ranked:
        if len(chosen) >= n or s.score < min_score:
            break
        if any(len(s.terms & c.terms) / max(1, min(len(s.terms), len(c.terms))) > diversity for c in chosen):
            continue
        chosen.append(s)
    return chosen


def rerank_dense(
    query_vector: "np.ndarray", ranked: list[Sentence], embeddings: "Embeddings", top: int = 8, weight: float = 4.0
) -> list[Sentence]:
    """Re-score the best lexical candidates by their cosine with the question.

    Lexical overlap misses paraphrases ("associer les habitants" vs "les jeunes
    devraient être associés"); the dense score catches them. Only `top`
    sentences are embedded, and the embedding cache makes repeats free.
    """
    import numpy as np

    head, tail = ranked[:top], ranked[top:]
    if not head:
        return ranked
    vectors = np.asarray(embeddings.embed_documents([s.text for s in head]), dtype=np.float32)
    for s, cos in zip(head, vectors @ query_vector):
        s.score += weight * (float(cos) - 0.8)
    return sorted(head, key=lambda s: -s.score) + tail
