"""The sparring partner: an official's reply to an objection, scored against what the documents offer.

The score rewards what makes a reply hold in a debate: the arguments that fit this objection's kind
(as the counter-argument mode finds them in the documents) and figures the documents support.
Invented figures cost points; length alone earns nothing, because every credit needs an argument
recognised both by its words and by its meaning, or a figure found in a document.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.compose.citations import cited_by
from assistant.documents import Answer
from assistant.figures import figure_mentions, supported_by
from assistant.seance.replies import short_reply
from assistant.seance.sources import citation_json
from assistant.cleaning import sentences as split_text
from assistant.taxonomy import ARGUMENT_CUES, ARGUMENTS, OBJECTION_KINDS, OTHER_KIND

if TYPE_CHECKING:
    from assistant.pipeline import Assistant


# A cue counts when the sentence holding it is this close in meaning to the argument's claim or evidence
# (cosines of multilingual-e5-small; an unrelated sentence sits near 0.78).
MIN_MEANING = 0.80
STRONG_MEANING = 0.92  # close enough to count without a cue word

FIT_WEIGHT = 0.6  # covering the arguments that fit this objection
GROUNDING_WEIGHT = 0.3  # figures or wording that come from the documents
OTHER_WEIGHT = 0.1  # a sound argument that is not the best fit still helps a little
UNSUPPORTED_PENALTY = 0.15  # per invented figure

@dataclass
class Critique:
    objection: str
    kind: str
    score: float
    covered: list[str]
    missing: list[dict[str, Any]]
    unsupported: list[str]
    supported: list[str]
    suggestion: dict[str, Any]
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        kind = OBJECTION_KINDS.get(self.kind, OTHER_KIND)
        return {"objection": self.objection, "kind": self.kind, "kind_label": kind.label, "score": self.score,
                "covered": self.covered, "covered_claims": [ARGUMENTS[a].claim for a in self.covered],
                "missing": self.missing, "unsupported": self.unsupported, "supported": self.supported,
                "suggestion": self.suggestion, "details": self.details}


def _passages_for_figures(assistant: "Assistant", reply: str) -> list[str]:
    """Where a figure of the reply could come from: the passages closest to each sentence that holds one."""
    texts: list[str] = []
    for sentence in split_text(reply):
        if figure_mentions(sentence):
            texts += [p.chunk.text for p in assistant.search.search(sentence, 6)]
    return texts


def _coverage(assistant: "Assistant", reply: str, evidence: dict[str, list[str]]) -> tuple[list[str], dict[str, float]]:
    """The arguments the reply uses: a cue word in a sentence that also means the argument."""
    sentences = [s for s in split_text(reply) if s.strip()] or [reply]
    vectors = np.asarray([assistant.search.query_vector(s) for s in sentences], dtype=np.float32)
    covered, meaning = [], {}
    for arg_id, argument in ARGUMENTS.items():
        targets = [argument.claim] + evidence.get(arg_id, [])
        target_vectors = np.asarray([assistant.search.query_vector(t) for t in targets], dtype=np.float32)
        sims = vectors @ target_vectors.T  # sentences × targets
        per_sentence = sims.max(axis=1)
        meaning[arg_id] = round(float(per_sentence.max()), 3)
        cued = [i for i, s in enumerate(sentences) if ARGUMENT_CUES[arg_id].search(s)]
        if any(per_sentence[i] >= MIN_MEANING for i in cued) or per_sentence.max() >= STRONG_MEANING:
            covered.append(arg_id)
    return covered, meaning


def _offered(answer: Answer) -> list[dict[str, Any]]:
    """The arguments the documents offer against this objection, as the counter-argument found them."""
    if answer.abstained or not answer.sections:
        return []
    return answer.sections[0].get("arguments", [])


_answers: "OrderedDict[tuple[str, str], Answer]" = OrderedDict()
_answers_lock = threading.Lock()
CACHED_OBJECTIONS = 64


def _counter_answer(assistant: "Assistant", objection: str) -> Answer:
    """The counter-argument to an objection, kept per index generation: a training round critiques
    several replies to the same objection."""
    key = (assistant.index.generation, objection)
    with _answers_lock:
        if key in _answers:
            _answers.move_to_end(key)
            return _answers[key]
    answer = assistant.answer(objection, mode="contre-argument", generate=False)
    with _answers_lock:
        _answers[key] = answer
        while len(_answers) > CACHED_OBJECTIONS:
            _answers.popitem(last=False)
    return answer


def critique(assistant: "Assistant", objection: str, reply: str) -> Critique:
    """Score `reply` to `objection`, list what it covers and misses (with sources), and suggest a cited reply."""
    answer = _counter_answer(assistant, objection)
    offered = _offered(answer)
    kind_id = answer.sections[0]["kind"] if answer.sections else OTHER_KIND.id
    kind = OBJECTION_KINDS.get(kind_id, OTHER_KIND)
    fitting = list(dict.fromkeys(list(kind.arguments) + [a["argument"] for a in offered]))
    covered, meaning = _coverage(assistant, reply, {a["argument"]: a["evidence"] for a in offered})
    figures = figure_mentions(reply)
    texts = [c.text for c in answer.citations] + _passages_for_figures(assistant, reply)
    supported = [f[0] for f in figures if supported_by(f, texts)]
    unsupported = [f[0] for f in figures if not supported_by(f, texts)]
    score = _score(covered, fitting, supported, unsupported, meaning, offered)
    missing = [{"argument": a["argument"], "claim": a["claim"], "evidence": a["cited"],
                "citations": [citation_json(c) for c in cited_by(" ".join(a["cited"]), answer.citations)]}
               for a in offered if a["argument"] not in covered]
    short = short_reply(answer)
    suggestion = ({"text": short.text, "citations": [citation_json(c) for c in short.citations]} if short
                  else {"text": "", "citations": []})
    return Critique(objection, kind.id, score, [a for a in covered if a in fitting] + [a for a in covered if a not in fitting],
                    missing, unsupported, supported, suggestion,
                    details={"fitting": fitting, "meaning": meaning})


def _score(covered: list[str], fitting: list[str], supported: list[str], unsupported: list[str],
           meaning: dict[str, float], offered: list[dict[str, Any]]) -> float:
    """Fit (arguments of this kind), grounding (document figures or wording), a little for other sound
    arguments, minus invented figures. Between 0 and 1."""
    fit = len([a for a in covered if a in fitting]) / max(1, min(3, len(fitting)))
    others = len([a for a in covered if a not in fitting])
    closest_evidence = max((meaning.get(a["argument"], 0.0) for a in offered), default=0.0)
    grounding = max(1.0 if supported else 0.0, min(1.0, max(0.0, (closest_evidence - 0.84) / 0.06)))
    raw = (FIT_WEIGHT * min(1.0, fit) + GROUNDING_WEIGHT * grounding * (1.0 if covered else 0.3)
           + OTHER_WEIGHT * min(1.0, others / 2) - UNSUPPORTED_PENALTY * len(unsupported))
    return round(min(1.0, max(0.0, raw)), 3)
