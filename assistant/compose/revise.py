"""Instructions on the last answer that need no new search: « plus court », « en 3 phrases ».

The shortened answer is made of the previous answer's own cited sentences, so its
citations stay the same passages (their numbers are kept). A counter-argument keeps
its strongest evidence and its closing line.
"""

from __future__ import annotations

import re

from assistant.compose.citations import cited_by
from assistant.compose.sentences import outdated
from assistant.dates import YEAR
from assistant.documents import Answer, Citation

_CITED_UNIT = re.compile(r"[^\n]*?\[\d+\]")
_LEAD = re.compile(r"^\s*(?:[-*]|\d+\.)?\s*(?:\*\*[^*]+\*\*\s*(?::\s*)?)?(?:[A-ZÉÀ][^«\[]{0,40}:\s*)?")


def body_of(answer: Answer) -> str:
    return answer.answer.split("**Sources**")[0].strip()


def cited_units(body: str) -> list[str]:
    """Each quoted or cited sentence with its `[n]`, stripped of list markers, headlines and lead-ins."""
    units = []
    for line in body.splitlines():
        if line.lstrip().startswith(("_", "##", "**L'objection", "**Sources")):
            continue
        for raw in re.split(r"(?<=\])\s+", line):
            if not re.search(r"\[\d+\]", raw):
                continue
            lead = _LEAD.match(raw.strip())
            # A label with a year (« Taux 2025, revus à la baisse : ») says when the fact holds: kept.
            dated = bool(lead and YEAR.search(lead.group(0)) and "**" not in lead.group(0))
            unit = (re.sub(r"^\s*(?:[-*]|\d+\.)\s*", "", raw.strip()) if dated
                    else _LEAD.sub("", raw.strip(), count=1)).strip().strip("*").strip()
            if len(unit.split()) >= 4:
                units.append(unit[:1].upper() + unit[1:])  # « Taux 2024 : pour les appels… » → « Pour les appels… »
    return units


def closing_line(body: str) -> str:
    m = re.search(r"^_(?:À dire en séance|À retenir|En une phrase, pour la note) : .*_$", body, re.M)
    return m.group(0) if m else ""


def first_claim(body: str) -> str:
    m = re.search(r"^1\. \*\*(.+?)\*\*", body, re.M)
    return m.group(1) if m else ""


def shorten(previous: Answer, sentences: int | None = None, max_words: int | None = None) -> tuple[str, list[Citation]]:
    """The previous answer in a few of its own cited sentences, with the citations they use. `max_words` is the
    length asked (« 5 lignes max »: about 70 words), which an article's sentences kept must also fit (one always
    stays); an answer keeps its current facts first and its sentence count."""
    body = body_of(previous)
    units = cited_units(body)
    if previous.mode == "contre-argument":
        # « résume en 3 lignes »: three sentences at most, a quote counting its own, and still shorter (fresh14).
        keep = at_most(in_sentences(units, min(sentences, 3)), SHORTER * len(body.split())) if sentences else units[:1]
        claim = first_claim(body)
        parts = [f"**{claim}** " if claim else ""] + [" ".join(keep)]
        text = "".join(parts).strip()
        closing = closing_line(body)
        if closing and not sentences:
            text = f"{text}\n\n{closing}"
    elif previous.mode == "article":
        title = next((line for line in body.splitlines() if line.startswith("## ")), "")
        kept = in_sentences(units, sentences) if sentences else within(units, SHORTER * len(body.split()) - len(title.split()))
        # « plus court, 5 lignes max » after an article of long quotes (fresh7): five sentences ran to 170 words.
        kept = at_most(kept, max_words) if max_words else kept
        text = "\n\n".join(p for p in (title, " ".join(kept)) if p)
    else:
        units = current_first(units, previous.citations, asked=previous.resolved_question or previous.question)
        budget = SHORTER * len(body.split())
        text = " ".join(at_most(in_sentences(units, sentences), budget) if sentences else within(units, budget))
    return text, cited_by(text, previous.citations)


def current_first(units: list[str], citations: list[Citation], asked: str = "") -> list[str]:
    """What a short answer keeps first: facts still current. A fact of a year long past (its document's, or the
    latest it names), or one a later sentence of the answer updates (the 2024 rate beside the 2025 one), goes
    last, unless the question `asked` for that year; the order is kept otherwise."""
    dates = {c.n: c.date for c in citations}
    cited = [re.search(r"\[(\d+)\]", unit) for unit in units]
    behind = outdated([(unit, dates.get(int(n.group(1))) if n else None) for unit, n in zip(units, cited)])
    years_asked = set(YEAR.findall(asked))
    behind = [late and not years_asked & set(YEAR.findall(unit)) for unit, late in zip(units, behind)]
    return [u for u, late in zip(units, behind) if not late] + [u for u, late in zip(units, behind) if late]


_SENTENCE_END = re.compile(r"[.!?…](?:\s*[»”])?\s+(?=[«“]?\s*[A-ZÀ-Ý])")


def sentence_count(unit: str) -> int:
    """Sentences in a cited unit: a quote may carry the sentence it leans on (« … 146 pays. Cette présence… »)."""
    return len(_SENTENCE_END.findall(re.sub(r"\s*\[\d+\]\s*$", "", unit))) + 1


# A key figure is read at a glance: not three sentences joined because the last leans on the first two (« Les appels
# à projets conjoints… Il s'agit de… En l'occurrence, le Sénégal… 150 000 € », holdout14 tune and review 22). Two stay
# one figure (« …la jeunesse du territoire… Pour cela, le Pas-de-Calais soutient des échanges de 6 mois »).
KEY_FIGURE_SENTENCES = 2


def fits_a_box(text: str) -> bool:
    """Short enough to stand as one line of a « Chiffres clés » box."""
    return sentence_count(text) <= KEY_FIGURE_SENTENCES


def in_sentences(units: list[str], n: int) -> list[str]:
    """The first units, in order, that make at most `n` sentences in all (« en 3 phrases » counts sentences, not
    quotes); at least the first, so that the answer keeps one cited fact."""
    kept: list[str] = []
    for unit in units:
        if sum(map(sentence_count, kept)) + sentence_count(unit) <= n:
            kept.append(unit)
    return kept or units[:1]


def at_most(units: list[str], budget: float) -> list[str]:
    """« en 2 phrases » still shortens: the last units go while the answer is over `budget` words (one stays)."""
    kept = list(units)
    while len(kept) > 1 and sum(len(u.split()) for u in kept) > budget:
        kept.pop()
    return kept


SHORTER = 0.55  # « plus court » keeps at most this share of the words: shorter in fact, not in sentence count


def within(units: list[str], budget: float) -> list[str]:
    """The first sentences (the most relevant) that fit in `budget` words, at most two; when even the first
    does not fit, the shortest of the first three, so that the answer still shrinks and stays cited."""
    kept: list[str] = []
    for unit in units[:2]:
        if sum(len(u.split()) for u in kept + [unit]) > budget:
            break
        kept.append(unit)
    return kept or sorted(units[:3], key=lambda u: len(u.split()))[:1]
