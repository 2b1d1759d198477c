"""Markdown-like answer text written into a Word document: headings, lists, bold and italic runs.

Both the answer export and the note de séance print the same light Markdown the composers write;
one writer keeps their Word output alike.
"""

from __future__ import annotations

import re
from typing import Any


def add_runs(paragraph: Any, text: str) -> None:
    """Bold (**…**) and italic (_…_) runs inside one paragraph."""
    for part in re.split(r"(\*\*[^*]+\*\*|_[^_]+_)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith("_") and part.endswith("_") and len(part) > 2:
            paragraph.add_run(part[1:-1]).italic = True
        else:
            paragraph.add_run(part)


def add_markdown(doc: Any, text: str, base_level: int = 1) -> None:
    """Each line as a heading (#), a bullet (- ), a numbered item (1. ) or a paragraph; `#` is level `base_level`."""
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            level = min(3, len(stripped) - len(stripped.lstrip("#")) + base_level - 1)
            doc.add_heading(stripped.lstrip("# ").strip(), level=level)
        elif stripped.startswith("- "):
            add_runs(doc.add_paragraph(style="List Bullet"), stripped[2:])
        elif re.match(r"^\d+\. ", stripped):
            add_runs(doc.add_paragraph(style="List Number"), re.sub(r"^\d+\. ", "", stripped))
        elif stripped.startswith("> "):
            add_runs(doc.add_paragraph(style="Quote"), stripped[2:])
        else:
            add_runs(doc.add_paragraph(), stripped)
