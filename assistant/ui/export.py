"""Export an answer, with its sources, as Markdown or as a Word document."""

from __future__ import annotations

import io

from assistant.dates import stale_year
from assistant.docx_text import add_markdown, add_runs
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


def to_docx(answer: Answer) -> bytes:
    from docx import Document

    doc = Document()
    if answer.mode != "article":  # an exported article starts with its headline
        doc.add_heading(f"Assistant AICT — {MODES.get(answer.mode, answer.mode)}", level=1)
        add_runs(doc.add_paragraph(), f"**Demande** : {answer.question}")
    if answer.notice:
        doc.add_paragraph(answer.notice).italic = True
    add_markdown(doc, answer.answer.split("**Sources**")[0].strip(), base_level=2)
    doc.add_heading("Sources", level=2)
    for c in answer.citations:
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(f"[{c.n}] {c.label()}").bold = True
        p.add_run(f" — {c.source}{_check_note(c)}")
        doc.add_paragraph((c.quote or c.text).strip().replace("\n", " ")[:600]).italic = True
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def split_details(body: str, mode: str = "contre-argument") -> tuple[str, str]:
    """A counter-argument's essentials, and its supporting details (key figures, advice) to fold away on a phone.
    An article's « Chiffres clés » box is part of the text, with the quotes and the contact after it: never folded."""
    if mode != "contre-argument":
        return body, ""
    marker = "\n**Chiffres clés**" if "\n**Chiffres clés**" in body else "\n**Conseil pratique**"
    if marker not in body:
        return body, ""
    main, _, rest = body.partition(marker)
    return main.rstrip(), (marker + rest).strip()
