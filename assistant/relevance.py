"""Is the answer in the documents? The abstention decision, from three signals.

- the best dense cosine between the question and a passage (topic closeness);
- the IDF-weighted share of the question's words found in the top passages;
- proper nouns of the question that the corpus never mentions ("Lyon", "Mbappé").
A question about something the corpus does not hold fails at least one of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.documents import Passage
from assistant.lexical import Bm25Index, QueryWeights, terms

# Calibrated on hand-written in- and out-of-scope questions (eval/abstention.jsonl), not on dev.jsonl.
MIN_DENSE = 0.80
MIN_COVERAGE = 0.45
STRONG_DENSE = 0.845

_QUESTION_WORDS = {"Quel", "Quelle", "Quels", "Quelles", "Qui", "Que", "Quoi", "Comment", "Pourquoi", "Combien",
                   "Où", "Quand", "Est", "Les", "Le", "La", "Des", "Un", "Une", "What", "Who", "How", "Which", "Why",
                   "When", "Where", "Is", "Are", "Does", "Do", "Can", "Avec", "Dans", "Pour", "En", "Au", "Aux",
                   "Selon", "Depuis", "Mon", "Ma", "Mes", "Notre", "Nos", "Je", "On", "Il", "Elle", "Y", "C"}


@dataclass
class Relevance:
    answerable: bool
    top_dense: float
    coverage: float
    unknown_names: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "answerable": self.answerable,
            "top_dense": round(self.top_dense, 4),
            "coverage": round(self.coverage, 3),
            "unknown_names": self.unknown_names,
        }


def proper_nouns(question: str) -> list[str]:
    """Capitalised words that are not the first word nor a question word."""
    first = question.strip().lstrip("«»\"'¿¡ ").split(" ", 1)[0]
    names = []
    for word in re.findall(r"\b[A-ZÀ-Ý][\w-]+", question):
        if word in _QUESTION_WORDS or first.startswith(word):
            continue
        names.append(word)
    return names


def assess(
    question: str, passages: list[Passage], bm25: Bm25Index, strict: bool = True, dense_calibrated: bool = True
) -> Relevance:
    """`strict` adds the unknown-proper-noun rule, which suits questions but not quoted objections."""
    if not passages:
        return Relevance(False, 0.0, 0.0)
    top_dense = max(p.dense for p in passages[:5])
    top_terms: set[str] = set()
    for p in passages[:3]:
        top_terms.update(terms(p.chunk.text))
    coverage = QueryWeights(question, bm25, floor=0.1).share(top_terms)
    unknown = [w for w in proper_nouns(question) if all(bm25.doc_freq.get(t, 0) == 0 for t in terms(w))] if strict else []
    if dense_calibrated:
        answerable = not unknown and top_dense >= MIN_DENSE and (coverage >= MIN_COVERAGE or top_dense >= STRONG_DENSE)
    else:
        # Cosines of another embedding model are on another scale: judge on words only.
        answerable = not unknown and coverage >= 0.5
    return Relevance(answerable, top_dense, coverage, unknown)


# Words that tie an objection to international action; an objection with none of
# them must at least share its words with the documents to be answered.
DOMAIN_WORDS = (
    "étranger international internationale internationales coopération coopérations jumelage jumelages "
    "partenaire partenaires pays monde mondial afrique humanitaire développement solidarité missions mission "
    "aict diplomatie diplomatique migrants migrations frontières ambassade europe européen décentralisée "
    "outre-mer délégation délégations voyages expatriés ong aide"
)
# Calibrated on the argumentaire's objections and hand-written off-topic complaints (stadium, taxes, weather).
MIN_OBJECTION_SIMILARITY_IN_DOMAIN = 0.82
MIN_OBJECTION_SIMILARITY = 0.86
MIN_OBJECTION_COVERAGE = 0.18


def assess_objection(
    objection: str, passages: list[Passage], bm25: Bm25Index, kind_similarity: float, dense_calibrated: bool = True
) -> Relevance:
    """An objection is answerable when it resembles a known kind of objection and either names
    international action or shares enough of its words with the documents."""
    base = assess(objection, passages, bm25, strict=False, dense_calibrated=dense_calibrated)
    in_domain = bool(set(terms(objection)) & set(terms(DOMAIN_WORDS)))
    if not dense_calibrated:
        base.answerable = in_domain or base.coverage >= 0.3
        return base
    base.answerable = (in_domain and kind_similarity >= MIN_OBJECTION_SIMILARITY_IN_DOMAIN) or (
        kind_similarity >= MIN_OBJECTION_SIMILARITY and base.coverage >= MIN_OBJECTION_COVERAGE
    )
    return base
