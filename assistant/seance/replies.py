"""A counter-argument cut to what can be said in thirty seconds: claims with their cited quotes, ≤ 80 words.

The full counter-argument (three arguments, key figures, advice) is composed first; the short
reply keeps its arguments in order, each with its best quote, as long as the whole stays under
the word budget. Claims come from the taxonomy and carry no figures, so every figure of a reply
is in a quote and therefore in its cited passage (checked all the same).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.compose.citations import cited_by
from assistant.documents import Answer, Citation
from assistant.seance.sources import unsupported_figures

MAX_REPLY_WORDS = 80
_MARKER = re.compile(r"\[\d+\]")


def word_count(text: str) -> int:
    """Words as a listener hears them: citation markers and quotation marks are not words."""
    return len(re.findall(r"[\w’'-]+", _MARKER.sub(" ", text)))


@dataclass
class ShortReply:
    text: str  # markers in the numbering of `citations`
    citations: list[Citation]
    arguments: list[str] = field(default_factory=list)  # argument ids, in order
    claims: list[str] = field(default_factory=list)
    closing: str = ""


def short_reply(answer: Answer, max_words: int = MAX_REPLY_WORDS) -> ShortReply | None:
    """The counter-argument's arguments, each with one quote, within `max_words`; None when nothing fits."""
    if answer.abstained or not answer.sections or not answer.sections[0].get("arguments"):
        return None
    parts: list[str] = []
    reply = ShortReply("", [])
    for argument in answer.sections[0]["arguments"]:
        for quote in argument.get("cited", []):  # the composer put the best quote first
            piece = f"{argument['claim']} {quote}"
            if unsupported_figures(piece, cited_by(piece, answer.citations)):
                continue
            if word_count(" ".join(parts + [piece])) <= max_words:
                parts.append(piece)
                reply.arguments.append(argument["argument"])
                reply.claims.append(argument["claim"])
                reply.closing = reply.closing or argument.get("closing", "")
                break
    if not parts:
        return None
    reply.text = " ".join(parts)
    reply.citations = cited_by(reply.text, answer.citations)
    return reply
