"""French lexical analysis (stop words + Snowball stemmer) and the BM25 index built on it.

The same `terms()` feeds BM25 retrieval and the sentence scoring of the
extractive composer, so both agree on what a "matching word" is.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np

_EXTRA_STOPWORDS = {
    "a", "à", "afin", "ainsi", "alors", "aussi", "autre", "autres", "avoir", "cela", "celle", "celles",
    "celui", "ces", "cet", "cette", "comme", "comment", "donc", "dont", "être", "fait", "faire",
    "leur", "leurs", "lors", "mais", "même", "ni", "non", "or", "ou", "où", "par", "parce", "pas", "peu",
    "plus", "pour", "quand", "que", "quel", "quelle", "quelles", "quels", "qui", "quoi", "sans", "selon",
    "si", "sont", "sous", "sur", "tout", "toute", "toutes", "tous", "très", "vers", "via", "y", "d", "l",
    "qu", "n", "s", "c", "j", "m", "t", "est", "ont", "été", "entre", "chez", "cas", "peut", "doit",
    "the", "of", "and", "what", "is", "are", "to", "in", "how", "which", "who", "does", "do",
}


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_FRENCH

    return frozenset(STOPWORDS_FRENCH) | _EXTRA_STOPWORDS


_local = threading.local()


def _stemmer():  # type: ignore[no-untyped-def]
    """One stemmer per thread: PyStemmer's objects keep internal state and must not be called concurrently."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        import Stemmer

        stemmer = _local.stemmer = Stemmer.Stemmer("french")
    return stemmer


_WORD = re.compile(r"\w+", re.U)


def without_accents(text: str) -> str:
    """« Thiollière » → « Thiolliere »: how a word is typed without its accents."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return without_accents(_stemmer().stemWord(word))


def terms(text: str) -> list[str]:
    """Lower-cased, stop-word-free, stemmed and accent-folded words."""
    stop = _stopwords()
    words = _WORD.findall(text.lower().replace("’", "'"))
    return [_stem(w) for w in words if w not in stop and (len(w) > 1 or w.isdigit())]


class QueryWeights:
    """The question's terms weighted by rarity: `share(terms)` is how much of the question a text covers.

    Retrieval (best sentence window), sentence selection and abstention all ask this
    same question, so they share one definition.
    """

    def __init__(self, query: str, bm25: "Bm25Index", floor: float = 0.0) -> None:
        self.weights = {t: max(bm25.idf(t), floor) for t in set(terms(query))}
        self.total = sum(self.weights.values()) or 1.0

    def share(self, present: "set[str] | frozenset[str]") -> float:
        return sum(w for t, w in self.weights.items() if t in present) / self.total


# Where a capital says nothing: the start of a line, a sentence, a quote, a bracket or a list item.
_OPENING = re.compile(r"(?:^|\n|[.!?:;«»\"()•–]|\s-\s)\s*(?:#+\s*)?\w[\w-]*")
_WORD_WITH_HYPHEN = re.compile(r"\w[\w-]*", re.U)


def proper_words(texts: list[str]) -> frozenset[str]:
    """The words the documents write only with a capital inside a sentence (Lyon, Bondy, FICOL), lower-cased: a
    user typing « la ville de lyon » names a place as surely as one typing « Lyon »."""
    capital: set[str] = set()
    lower: set[str] = set()
    for text in texts:
        inner = _OPENING.sub(" ", text)
        for word in _WORD_WITH_HYPHEN.findall(inner):
            (capital if word[0].isupper() else lower).add(word.lower())
    return frozenset(w for w in capital - lower if len(w) > 2 and not w[0].isdigit())


class Bm25Index:
    """bm25s over `terms()`, saved next to the Chroma store with the generation it matches."""

    def __init__(
        self, ids: list[str], retriever: object | None, generation: str, doc_freq: dict[str, int] | None = None,
        proper: frozenset[str] | set[str] = frozenset(),
    ) -> None:
        self.ids = ids
        self.retriever = retriever
        self.generation = generation
        self.doc_freq = doc_freq or {}
        self.proper = frozenset(proper)  # see `proper_words`

    @classmethod
    def build(cls, ids: list[str], texts: list[str], generation: str) -> "Bm25Index":
        import bm25s

        if not ids:
            return cls([], None, generation)
        tokenized = [terms(t) or ["_"] for t in texts]
        retriever = bm25s.BM25(k1=1.2, b=0.75)
        retriever.index(tokenized, show_progress=False)
        doc_freq = Counter(tok for toks in tokenized for tok in set(toks))
        return cls(list(ids), retriever, generation, dict(doc_freq), proper_words(texts))

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        if self.retriever is not None:
            self.retriever.save(str(directory))  # type: ignore[attr-defined]
        tmp = directory / "ids.json.tmp"
        tmp.write_text(json.dumps({"generation": self.generation, "ids": self.ids, "doc_freq": self.doc_freq,
                                   "proper": sorted(self.proper)}), encoding="utf-8")
        tmp.replace(directory / "ids.json")

    @classmethod
    def load(cls, directory: Path, generation: str) -> "Bm25Index | None":
        """The saved index, or None when it is missing or belongs to another generation."""
        import bm25s

        try:
            meta = json.loads((directory / "ids.json").read_text(encoding="utf-8"))
            if meta.get("generation") != generation:
                return None
            retriever = bm25s.BM25.load(str(directory)) if meta["ids"] else None
            # An index saved before `proper` existed is rebuilt from the manifest (KeyError below).
            return cls(meta["ids"], retriever, generation, meta.get("doc_freq"), meta["proper"])
        except (OSError, ValueError, KeyError):
            return None

    def scores(self, query: str) -> np.ndarray:
        if self.retriever is None:
            return np.zeros(len(self.ids), dtype=np.float32)
        q = terms(query)
        if not q:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self.retriever.get_scores(q), dtype=np.float32)  # type: ignore[attr-defined]

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        scores = self.scores(query)
        if not len(scores):
            return []
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]

    def idf(self, term: str) -> float:
        """Inverse document frequency of a stemmed term, for sentence scoring."""
        n = len(self.ids)
        df = self.doc_freq.get(term, 0)
        return float(np.log(1 + (n - df + 0.5) / (df + 0.5)))
