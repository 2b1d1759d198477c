"""Which kind of objection is this? Nearest neighbours over everyday phrasings of each kind.

Each kind carries ten or more phrasings (council, social media, press). An objection
takes the kind whose phrasings are closest among its nearest neighbours; when none
is close enough it is "autre", answered with the general rebuttal rather than a wrong label.
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass, replace

import numpy as np

from assistant.objection import objection_parts
from assistant.taxonomy import OBJECTION_KINDS, OTHER_KIND, ObjectionKind

NEIGHBOURS = 3
# Below this cosine with every phrasing, no kind fits (calibrated on the tune half of eval/paraphrase.jsonl).
MIN_KIND_SIMILARITY = 0.83

_lock = threading.Lock()
# Per embeddings object, forgotten with it (an id() key could be reused by a later object).
_vectors: "weakref.WeakKeyDictionary[object, tuple[list[str], np.ndarray]]" = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class KindMatch:
    kind: ObjectionKind
    similarity: float  # cosine with the closest phrasing of any kind: how much this looks like an objection at all
    votes: dict[str, float]
    agreeing: int = 0  # how many of the nearest phrasings are of the kind found

    @property
    def confident(self) -> bool:
        """Most nearest phrasings agree: a short complaint that sits between kinds is not confidently one."""
        return self.agreeing * 2 > NEIGHBOURS


def kind_vectors(embeddings) -> tuple[list[str], np.ndarray]:  # type: ignore[no-untyped-def]
    """The phrasings' vectors, once per embeddings object. Ingestion calls this too, so that the embedding
    cache already holds them when a fresh server meets its first objection."""
    with _lock:  # the first caller embeds, the others wait for its result
        if embeddings not in _vectors:
            ids, texts = [], []
            for kind in OBJECTION_KINDS.values():
                ids += [kind.id] * len(kind.examples)
                texts += list(kind.examples)
            _vectors[embeddings] = (ids, np.asarray(embeddings.embed_documents(texts), dtype=np.float32))
        return _vectors[embeddings]


def match_kind(query_vector: np.ndarray, embeddings, text: str = "") -> KindMatch:  # type: ignore[no-untyped-def]
    """The kind of the objection whose vector is given; `text`, when given, must name a cued kind's subject."""
    ids, vectors = kind_vectors(embeddings)
    sims = vectors @ np.asarray(query_vector, dtype=np.float32)
    named = {k.id for k in OBJECTION_KINDS.values() if k.cue and text and re.search(k.cue, text, re.I)}
    if text:
        unnamed = {k.id for k in OBJECTION_KINDS.values() if k.cue} - named
        sims = np.where(np.isin(np.asarray(ids), list(unnamed)), -1.0, sims) if unnamed else sims
    order = np.argsort(-sims)[:NEIGHBOURS]
    votes: dict[str, float] = {}
    for i in order:
        votes[ids[i]] = votes.get(ids[i], 0.0) + float(sims[i])
    best = float(sims[order[0]])
    if best < MIN_KIND_SIMILARITY:
        return KindMatch(OTHER_KIND, best, votes)
    signalled = [k.id for k in OBJECTION_KINDS.values() if k.signal and text and re.search(k.signal, text, re.I)]
    if len(signalled) == 1:
        # « c'est même pas légal…, le préfet va retoquer la délibération »: the law is what is contested.
        return KindMatch(OBJECTION_KINDS[signalled[0]], best, votes, NEIGHBOURS)
    if len(signalled) > 1:
        # Several signals (« la crise des migrants… garder l'argent pour nos habitants »): the signalled kind whose
        # closest phrasing is closest, even outside the nearest neighbours.
        kinds = np.asarray(ids)
        winner = max(signalled, key=lambda k: float(sims[kinds == k].max()))
        return KindMatch(OBJECTION_KINDS[winner], best, votes, sum(ids[i] == winner for i in order))
    # A kind whose subject the text names (« la junte », « une commune de 2 000 habitants ») and that is among the
    # nearest phrasings wins: the named subject says more than a vote among phrasings of similar shape.
    winner = max(named & votes.keys() or votes, key=votes.__getitem__)
    return KindMatch(OBJECTION_KINDS[winner], best, votes, sum(ids[i] == winner for i in order))


def classify_objection(text: str, vector_of, embeddings) -> KindMatch:  # type: ignore[no-untyped-def]
    """The kind of a whole objection, read from its complaints when it chains several.

    The vector of a chained objection blends its complaints: « la coopération c'est la danseuse du maire, ça
    rapporte rien à notre territoire » lands nearer « une région n'a pas de compétence internationale » than
    either complaint does (dialogues fresh13, tune half). When the whole's kind is no complaint's own, the first
    complaint whose nearest phrasings agree gives the kind. `vector_of` embeds a text (the search's cached query vector).
    """
    whole = match_kind(vector_of(text), embeddings, text)
    parts = objection_parts(text)
    if len(parts) < 2:
        return whole
    found = [match_kind(vector_of(part), embeddings, part) for part in parts]
    if any(f.kind is whole.kind for f in found):
        return whole
    confident = [f for f in found if f.confident and f.kind is not OTHER_KIND]
    return replace(confident[0], similarity=whole.similarity) if confident else whole
