"""Mode « article »: a title, a standfirst and three short paragraphs for a municipal bulletin.

Each paragraph answers one plain question a reader has (why, what it brings,
how it is framed and funded) with sentences quoted from the documents.
"""

from __future__ import annotations

import re

from assistant.compose.context import ComposeContext
from assistant.compose.sentences import Sentence, candidates, pick, score_sentences

_INSTRUCTION = re.compile(
    r"^\s*(?:(?:rédige[rz]?|écri(?:s|vez|re)|propose[rz]?|prépare[rz]?|fais|faites)\s+)?"
    r"(?:(?:un|une|l')\s*)?(?:article|texte|brève|communiqué(?: de presse)?|billet)?\s*"
    r"(?:pour le (?:bulletin|journal|magazine)(?: municipal)?\s*)?(?:sur|à propos de|au sujet de|concernant)?\s*",
    re.I,
)

PARAGRAPHS = (
    ("Pourquoi agir au-delà de nos frontières ?",
     "pourquoi les collectivités agissent à l'international solidarité responsabilité globale enjeux"),
    ("Ce que notre territoire y gagne",
     "retombées pour le territoire jeunes associations acteurs économiques ouverture cohésion sociale"),
    ("Un cadre clair et des financements partagés",
     "cadre juridique loi cofinancement État AFD DAECT appels à projets financement"),
)
_LOWER_STARTERS = {"Le", "La", "Les", "Un", "Une", "Des", "Ce", "Cette", "Ces", "Il", "Elle", "Ils", "Elles", "Nombre", "Plusieurs"}
_TRAILING = re.compile(r"\s*(?:pour|dans) (?:le|la|notre) (?:bulletin|journal|magazine|lettre|site)(?: municipal| municipale| de la ville)?\s*$", re.I)
_CONNECTIVES = ("", "Concrètement, ", "Par ailleurs, ")


_ANSWERING = re.compile(r"^en réponse à la critique\s*«\s*(.+?)\s*»$", re.I)


def topic(question: str) -> str:
    rest = _TRAILING.sub("", _INSTRUCTION.sub("", question)).strip(" .?!:")
    answering = _ANSWERING.match(rest)  # an article made from a counter-argument: about the criticism it answers
    if answering:
        rest = f"Réponse à la critique : « {answering.group(1)} »"
    return rest[:1].upper() + rest[1:] if rest else ""


_ELSEWHERE = re.compile(
    r"\b(?:ville|commune|territoire|métropole|département|région|agglomération|conseil (?:départemental|régional)|"
    r"communauté (?:urbaine|d'agglomération))\s+(?:de |du |d[’'])?([A-ZÉÈ][\w’'-]+(?:[ -][A-ZÉÈ][\w’'-]+)*)")
_PRESS = re.compile(r"\bcommuniqué\b", re.I)


def elsewhere(sentence: str, request: str) -> str:
    """The place a sentence tells about, when it is not the user's own subject ("Commercy", "Châtellerault")."""
    for m in _ELSEWHERE.finditer(sentence):
        if m.group(1).lower() not in request.lower():
            return m.group(1)
    return ""


def _with_connective(sentence: str, connective: str, request: str = "") -> str:
    """A connective in front of a quoted sentence, only when its first word can take a lower case; another
    town's story is introduced as an example, never told as ours."""
    place = elsewhere(sentence, request)
    if place:
        return f"Un exemple ailleurs ({place}) : « {sentence} »"
    first = sentence.split(" ", 1)[0]
    if not connective or first not in _LOWER_STARTERS:
        return sentence
    return connective + sentence[0].lower() + sentence[1:]


def compose_article(ctx: ComposeContext) -> str:
    subject = topic(ctx.question)
    title = subject if subject and len(subject.split()) <= 12 else "L'action internationale, une politique utile à notre territoire"
    used: set[str] = set()

    def cite_all(sentences: list[Sentence], connectives: bool) -> str:
        parts = []
        for i, s in enumerate(sentences):
            used.add(s.text)
            text = _with_connective(s.text, _CONNECTIVES[i % 3] if connectives else "", ctx.question)
            parts.append(f"{text} [{ctx.book.cite_sentence(s)}]")
        return " ".join(parts)

    lead_pool = [s for s in candidates(ctx.passages, limit=4)
                 if s.text.endswith((".", "»")) and len(s.text.split()) >= 12 and not elsewhere(s.text, ctx.question)]
    lead_ranked = score_sentences(ctx.question, lead_pool, ctx.bm25)
    lead = pick(lead_ranked, 1)
    press = bool(_PRESS.search(ctx.question))
    lines = ["**COMMUNIQUÉ DE PRESSE**", "", "_[Commune], le [date]_", ""] if press else []
    lines += [f"## {title}", ""]
    if subject and subject != title or press:
        lines += [f"_{subject} : précisez ici le partenaire, la date, le montant et les objectifs de votre projet._", ""]
    if lead:
        lines += [f"**{cite_all(lead, connectives=False)}**", ""]
    written = 0
    for heading, theme in PARAGRAPHS:
        query = f"{subject} {theme}"
        passages = ctx.retrieve_about(theme, subject, k=5)
        ranked = ctx.suit_audience([s for s in score_sentences(query, candidates(passages, limit=5), ctx.bm25, prefer_figures=True)
                                    if not any(s.text in u or u in s.text for u in used)])  # no quote twice, whole or in part
        chosen = pick(ranked, 2, min_score=0.15)
        if not chosen:
            continue
        written += 1
        lines += [f"### {heading}", cite_all(chosen, connectives=True), ""]
    if press and written:
        lines += ["> « [Citation du maire ou de l'élu(e) en charge de l'action internationale, à compléter] »", "",
                  "**Contact presse** : [nom, fonction, téléphone, courriel]"]
    ctx.sections = [{"title": title, "paragraphs": written, "press_release": press}]
    return "\n".join(lines).strip() if written else ""
