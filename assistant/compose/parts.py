"""Mode « question », several questions in one message: each answered under its own words, one list of sources.

An official's message often asks four things at once (the legal basis, what the convention must hold, whether a
declaration is compulsory, which call fits a small commune). Each part gets the two or three sentences that answer
it, and says so when the documents do not: a reader sees what is answered and what is not.
"""

from __future__ import annotations

from assistant.compose.context import ComposeContext
from assistant.compose.question import compose_question_ctx

PART_SENTENCES = 3
NOT_COVERED = "_Les documents indexés ne répondent pas à cette question._"


def compose_parts(answered: list[tuple[str, ComposeContext | None]]) -> str:
    """Each question in bold, then its answer (its context shares the citation book of the others), or the line
    saying the documents do not answer it."""
    blocks = []
    said: set[str] = set()
    for question, ctx in answered:
        body = compose_question_ctx(ctx, max_sentences=PART_SENTENCES, said=said) if ctx is not None else ""
        blocks.append(f"**{question}**\n{body.strip() or NOT_COVERED}")
    return "\n\n".join(blocks)
