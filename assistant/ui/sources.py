"""How a cited passage is shown: escaped text with the quoted words highlighted, and a staleness badge."""

from __future__ import annotations

import html
import re
from datetime import date

from assistant.dates import stale_year
from assistant.documents import Citation


def stale_badge(citation: Citation, today: date | None = None) -> str:
    year = stale_year(citation.date, today)
    return f"⚠️ source de {year} : à vérifier" if year else ""


def _fold_quotes(text: str) -> str:
    return text.strip().strip("«» ").strip()


def highlighted_html(citation: Citation) -> str:
    """The passage as safe HTML: everything escaped, then the quoted sentences wrapped in <mark>.

    Escaping first means a document containing <script> is shown as text and never run. Headings
    become bold lines: the passage is one HTML block, where Markdown's `##` would stay raw.
    """
    safe = html.escape(citation.text)
    for quote in filter(None, (q.strip() for q in citation.quote.split("\n"))):
        for piece in re.split(r"(?<=[.!?])\s+", _fold_quotes(quote)):
            piece = piece.strip()
            if len(piece) < 12:
                continue
            escaped = html.escape(piece)
            if escaped not in safe:  # a quote whose pointing opener was dropped starts with a capital of its own
                escaped = escaped[:1].lower() + escaped[1:]
            if escaped in safe:
                safe = safe.replace(escaped, f"<mark>{escaped}</mark>", 1)
    return "<br>".join(_heading(line) for line in safe.split("\n"))


_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")


def _heading(line: str) -> str:
    """A Markdown heading of the passage (« ## Se jeter à l'eau ») shown bold, never as raw `##`."""
    m = _HEADING.match(line)
    return f"<strong class='aict-heading'>{m.group(1)}</strong>" if m else line


def citation_title(citation: Citation) -> str:
    """"[n] title, page or section, date", with the « à vérifier » badge of an old source."""
    badge = stale_badge(citation)
    return f"[{citation.n}] {citation.label()}" + (f" — {badge}" if badge else "")


def source_details_html(citation: Citation) -> str:
    """A citation that opens on click, for places where Streamlit allows no expander (inside another one):
    the label and the highlighted passage, both escaped."""
    label = html.escape(citation_title(citation))
    return (f"<details class='aict-source'><summary>{label}</summary>"
            f"<div class='aict-passage'>{highlighted_html(citation)}</div></details>")
