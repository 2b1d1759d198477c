"""Export an answer, with its sources, as Markdown or as a Word document."""

from __future__ import annotations

import io
import re

from assistant.dates import stale_year
from assistant.documents import Answer, Citation
from assistant.pipeline import MODES


def _check_note(c: Citation) -> str:
    """The screen's « à vérifier » badge, kept in exports: an old figure must not lose its warning on paper."""
    year = stale_year(c.date)
    return f" — à vérifier : source de {year}" if year else ""


def to_markdown(answer: Answer) -> str:
    body = answer.answer.split("**Sources**")[0].strip()
    if answer.mode == "article":
        lines = []  # an exported article starts with its headline
    else:
        lines = [f"# Assistant AICT — {MODES.get(answer.mode, answer.mode)}", "", f"**Demande** : {answer.question}", ""]
    if answer.notice:
        lines += [f"> {answer.notice}", ""]
    lines += [body, "", "## Sources", ""]
    for c in answer.citations:
        lines.append(f"[{c.n}] {c.label()} ({c.source}){_check_note(c)}")
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
    if answer.mode != "article":  # an exported article starts with its headline
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
        p.add_run(f" — {c.source}{_check_note(c)}")
        doc.add_paragraph((c.quote or c.text).strip().replace("\n", " ")[:600]).italic = True
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def split_details(body: str) -> tuple[str, str]:
    """A counter-argument's essentials, and its supporting details (key figures, advice) to fold away on a phone."""
    marker = "\n**Chiffres clés**" if "\n**Chiffres clés**" in body else "\n**Conseil pratique**"
    if marker not in body:
        return body, ""
    main, _, rest = body.partition(marker)
    return main.rstrip(), (marker + rest).strip()
