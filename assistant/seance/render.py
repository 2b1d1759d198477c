"""The note de séance and the sparring critique on paper: Markdown for the screen and the .md download, Word for the clerk's printer.

Both are written from the same Markdown, so what is printed is what was read on screen; the
Word version adds a numbered source list with title, page or section, and date.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from assistant.dates import stale_year
from assistant.documents import Citation
from assistant.taxonomy import OBJECTION_KINDS

if TYPE_CHECKING:
    from assistant.seance.note import SeanceNote
    from assistant.seance.sparring import Critique


def french_date(iso: str) -> str:
    months = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre")
    year, month, day = (int(x) for x in iso.split("-"))
    return f"{'1er' if day == 1 else day} {months[month - 1]} {year}"


def source_line(c: Citation) -> str:
    """« [3] Title, p. 12, 2015-10-27 (file.pdf) — à vérifier : source de 2015 »."""
    old = stale_year(c.date)
    return f"[{c.n}] {c.label()} ({c.source})" + (f" — à vérifier : source de {old}" if old else "")


def _cost_lines(note: "SeanceNote") -> list[str]:
    subject = note.subject
    if note.cost is None:
        return ["_Indiquez le montant voté et la population pour obtenir le coût par habitant._"]
    lines = [f"**{note.cost.sentence}**", "",
             f"- Montant : {subject.amount_text()} par an ; population : {subject.population:,} habitants".replace(",", "\u202f"),
             f"- Par habitant et par an : {note.cost.per_inhabitant_text}"]
    if note.cost.share_text:
        lines.append(f"- Part du budget de la collectivité : {note.cost.share_text}")
    lines.append("- Règle : le montant divisé par la population, arrondi au-dessus pour rester vrai une fois dit "
                 "(« moins de … »), exact quand il tombe juste.")
    return lines


def _body(note: "SeanceNote") -> list[str]:
    """Every section but the title and the sources."""
    subject = note.subject
    lines = ["## La délibération", "", f"{subject.text.rstrip('.')}."]
    if subject.partner:
        lines.append(f"Partenaire : {subject.partner}.")
    if note.themes:
        lines.append(f"Thèmes repérés : {', '.join(note.themes)}.")
    lines += ["", "## Le coût, en une phrase", ""] + _cost_lines(note)
    lines += ["", "## Intervention liminaire (environ une minute)", "", note.opening.text]
    lines += ["", "## Les objections probables et les réponses", ""]
    for i, o in enumerate(note.objections, start=1):
        label = OBJECTION_KINDS[o.kind].label if o.kind in OBJECTION_KINDS else o.kind
        lines += [f"### {i}. « {o.objection} »", f"_Type : {label}_", "", o.reply.text, ""]
    if note.key_figures:
        lines += ["## Chiffres clés", ""] + [f"- {f.text}" for f in note.key_figures] + [""]
    if note.traps:
        lines += ["## Questions pièges", ""]
        for item in note.traps:
            lines += [f"**{item.question}**", "", item.answer.text, ""]
    if note.funding:
        lines += ["## Pistes de financement", ""] + [f"- **{i.question}** {i.answer.text}" for i in note.funding] + [""]
    if subject.partner:
        lines += [f"## Ce que disent les documents sur {subject.partner}", ""]
        lines += [p.text for p in note.partner] or [
            f"_Les documents indexés ne parlent pas de {subject.partner} : ajoutez la convention ou le dernier bilan "
            "du partenariat dans la page Corpus._"]
        lines.append("")
    return lines


def title(note: "SeanceNote") -> str:
    return f"Note de séance — {note.subject.text.rstrip('.')}"


def preamble(note: "SeanceNote") -> str:
    return (f"_Préparée le {french_date(note.prepared_on)} par l'Assistant AICT à partir des documents indexés. "
            "Chaque citation renvoie à une source numérotée en fin de note ; vérifiez les chiffres anciens._")


def to_markdown(note: "SeanceNote") -> str:
    lines = [f"# {title(note)}", "", preamble(note), ""] + _body(note)
    lines += ["## Sources", ""] + [f"- {source_line(c)}" for c in note.sources]
    return "\n".join(lines).strip() + "\n"


def to_docx(note: "SeanceNote") -> bytes:
    from docx import Document
    from docx.shared import Cm, Pt

    from assistant.docx_text import add_markdown, add_runs

    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)
    for section in doc.sections:  # a clerk's note: two to three printed pages
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(1.8)
    doc.add_heading(title(note), level=0)
    add_runs(doc.add_paragraph(), preamble(note))
    add_markdown(doc, "\n".join(_body(note)), base_level=0)
    doc.add_heading("Sources", level=1)
    for c in note.sources:
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"[{c.n}] ").bold = True
        paragraph.add_run(source_line(c).split("] ", 1)[1])
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def critique_markdown(critique: "Critique") -> str:
    """The sparring round as the official reads it: score, what held, what was missing (with sources), a better reply."""
    data = critique.to_json()
    lines = [f"**Note : {round(100 * data['score'])} / 100** — objection de type « {data['kind_label']} »", ""]
    if data["covered_claims"]:
        lines += ["**Ce qui porte dans votre réponse**"] + [f"- {claim}" for claim in data["covered_claims"]] + [""]
    else:
        lines += ["_Votre réponse n'utilise aucun des arguments que les documents offrent contre cette objection._", ""]
    if data["unsupported"]:
        lines += ["**Chiffres introuvables dans les documents** (à vérifier ou à retirer) : "
                  + ", ".join(f"« {f} »" for f in data["unsupported"]), ""]
    if data["missing"]:
        lines.append("**Ce qui manque, sources à l'appui**")
        for item in data["missing"]:
            refs = "; ".join(Citation(**{k: c[k] for k in ("n", "source", "title", "page", "date", "text", "section")}).label()
                             for c in item["citations"])
            lines.append(f"- **{item['claim']}** {' '.join(item['evidence'])}" + (f" _({refs})_" if refs else ""))
        lines.append("")
    if data["suggestion"]["text"]:
        lines += ["**Une réponse plus solide**", "", data["suggestion"]["text"]]
    return "\n".join(lines).strip() + "\n"
