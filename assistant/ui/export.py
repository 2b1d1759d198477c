"""Export an answer, with its sources, as Markdown or as a Word document."""

from __future__ import annotations

import io
import re

from assistant.documents import Answer
from assistant.pipeline import MODES


def to_markdown(answer: Answer) -> str:
    lines = [f"# Assistant AICT — {MODES.get(answer.mode, answer.mode)}", "", f"**Demande** : {answer.question}", ""]
    if answer.notice:
        lines += [f"> {answer.notice}", ""]
    body = answer.answer.split("**Sources**")[0].strip()
    lines += [body, "", "## Sources", ""]
    for c in answer.citations:
        lines.append(f"[{c.n}] {c.label()} ({c.source})")
        excerpt = (c.quote or c.text).strip().replace("\n", " ")
        lines.append(f"> {excerpt[:600]}")
        lines.append("")
    return "\n".join(lines).strip() + "\n"


def _add_runs(paragraph, text: str) -> None:  # type: ignore[no-untyped-def]
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


def to_docx(answer: Answer) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading(f"Assistant AICT — {MODES.get(answer.mode, answer.mode)}", level=1)
    _add_runs(doc.add_paragraph(), f"**Demande** : {answer.question}")
    if answer.notice:
        doc.add_paragraph(answer.notice).italic = True
    for line in answer.answer.split("**Sources**")[0].strip().split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            level = min(3, len(stripped) - len(stripped.lstrip("#")) + 1)
            doc.add_heading(stripped.lstrip("# ").strip(), level=level)
        elif stripped.startswith("- "):
            _add_runs(doc.add_paragraph(style="List Bullet"), stripped[2:])
        elif re.match(r"^\d+\. ", stripped):
            _add_runs(doc.add_paragraph(style="List Number"), re.sub(r"^\d+\. ", "", stripped))
        else:
            _add_runs(doc.add_paragraph(), stripped)
    doc.add_heading("Sources", level=2)
    for c in answer.citations:
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(f"[{c.n}] {c.label()}").bold = True
        p.add_run(f" — {c.source}")
        doc.add_paragraph((c.quote or c.text).strip().replace("\n", " ")[:600]).italic = True
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
