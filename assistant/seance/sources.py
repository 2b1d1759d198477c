"""One numbered list of sources for a document assembled from several answers.

Each answer numbers its own citations from [1]; a note de séance puts a dozen answers on
the same pages, so their markers are renumbered into one list, the same passage keeping one
number wherever it is quoted.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from assistant.documents import Citation
from assistant.figures import meaningful_numbers, numbers

_MARKER = re.compile(r"\[(\d+)\]")


class NoteSources:
    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self.citations: list[Citation] = []

    def add(self, citation: Citation) -> int:
        key = citation.chunk_id or f"{citation.source}:{citation.page}:{citation.text[:80]}"
        n = self._numbers.get(key)
        if n is None:
            n = len(self.citations) + 1
            self._numbers[key] = n
            self.citations.append(replace(citation, n=n))
        return n

    def renumber(self, text: str, citations: list[Citation]) -> tuple[str, list[Citation]]:
        """`text` with its markers in this list's numbering, and the citations it uses (in their new numbers).
        A marker with no citation behind it is dropped rather than left pointing at another source."""
        by_n = {c.n: c for c in citations}
        used: dict[int, Citation] = {}

        def swap(match: re.Match[str]) -> str:
            local = by_n.get(int(match.group(1)))
            if local is None:
                return ""
            n = self.add(local)
            used[n] = self.citations[n - 1]
            return f"[{n}]"

        return _MARKER.sub(swap, text), [used[n] for n in sorted(used)]


def citation_json(c: Citation) -> dict[str, Any]:
    return {"n": c.n, "source": c.source, "title": c.title, "page": c.page, "section": c.section,
            "date": c.date, "text": c.text}


def unsupported_figures(text: str, citations: list[Citation]) -> set[str]:
    """Figures of `text` that none of its cited passages contains (article numbers and markers aside)."""
    available: set[str] = set().union(*(numbers(c.text) for c in citations)) if citations else set()
    return meaningful_numbers(_MARKER.sub(" ", text)) - available
