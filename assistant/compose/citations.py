"""Numbering of cited passages: `[n]` follows the order in which passages are first used."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from assistant.dates import stale_year
from assistant.documents import Citation, Passage

if TYPE_CHECKING:
    from assistant.compose.sentences import Sentence


class CitationBook:
    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self.citations: list[Citation] = []

    def cite(self, passage: Passage, quote: str = "", section: str = "") -> int:
        """Number of the passage, numbering it at first use. `section` is where the first quote
        stands, which may be later in the passage than the chunk's own first heading."""
        chunk = passage.chunk
        n = self._numbers.get(chunk.id)
        if n is None:
            n = len(self.citations) + 1
            self._numbers[chunk.id] = n
            self.citations.append(
                Citation(
                    n=n,
                    source=chunk.source,
                    title=chunk.title,
                    page=chunk.page,
                    date=chunk.date,
                    text=chunk.text,
                    section=section or chunk.section,
                    chunk_id=chunk.id,
                    path=chunk.path,
                )
            )
        if quote:
            cit = self.citations[n - 1]
            cit.quote = f"{cit.quote}\n{quote}".strip() if quote not in cit.quote else cit.quote
        return n

    def cite_sentence(self, sentence: "Sentence", text: str | None = None) -> int:
        return self.cite(sentence.passage, text or sentence.text, sentence.section)

    def forget_from(self, count: int) -> None:
        """Drop the citations numbered after the first `count`: a text composed and then not shown (a fiche's answer
        to a point, judged off the point) leaves no source listed that nothing cites (review 20)."""
        for cit in self.citations[count:]:
            self._numbers.pop(cit.chunk_id, None)
        del self.citations[count:]

    def sources_block(self) -> str:
        return sources_block(self.citations)


_MARKER = re.compile(r"\[(\d+)\]")


def markers(text: str) -> set[int]:
    """The citation numbers `[n]` a text uses."""
    return {int(n) for n in _MARKER.findall(text)}


def cited_by(text: str, citations: list[Citation]) -> list[Citation]:
    """The citations a text's markers point to, in the list's order."""
    used = markers(text)
    return [c for c in citations if c.n in used]


def renumbered(text: str, citations: list[Citation]) -> tuple[str, list[Citation]]:
    """A text cut from a longer answer, its markers numbered again from [1] in order of first use: a three-sentence
    post citing only « [2] » reads as if a source were missing (review 9)."""
    order: dict[int, int] = {}
    for n in _MARKER.findall(text):
        order.setdefault(int(n), len(order) + 1)
    by_n = {c.n: c for c in citations}
    kept = [replace(by_n[old], n=new) for old, new in order.items() if old in by_n]
    return _MARKER.sub(lambda m: f"[{order.get(int(m.group(1)), int(m.group(1)))}]", text), kept


def sources_block(citations: list[Citation], today: date | None = None) -> str:
    """The French list of sources appended to every answer; a source over two years old says so
    (« 2015-10-27 (à vérifier : source de 2015) »), since officials quote these figures as current."""
    lines = ["**Sources**"]
    for c in citations:
        full = (c.quote.split("\n")[0] if c.quote else c.text).strip()
        excerpt = full if len(full) <= 160 else full[:160].rstrip() + "…"
        old = stale_year(c.date, today)
        lines.append(f"- [{c.n}] {c.label()}{f' (à vérifier : source de {old})' if old else ''} — « {excerpt} »")
    return "\n".join(lines)
