"""The text the user will use, when the request asks for a form: a comment, a post, « 5-6 lignes », a text to
read aloud, an email, a note for the mayor.

Made from the composed answer's own pieces, so that every fact keeps its citation: a counter-argument opens
in our own voice (its first « À dire » sentence) and the official's own figure, then gives one piece of
evidence per argument while the length allows (paragraphs when read aloud or sent; Objet, Éléments de réponse
and Proposition in a note); a writing request opens on the user's own facts; an answer keeps its current facts
first.
"""

from __future__ import annotations

import re
from functools import partial

from assistant.compose.brief import INSTRUCTION_CLAUSE
from assistant.compose.citations import cited_by, renumbered, sources_block
from assistant.compose.emojis import with_emojis
from assistant.compose.sentences import PRACTITIONER_ADVICE
from assistant.dates import YEAR
from assistant.compose.revise import body_of, cited_units, current_first, in_sentences, sentence_count
from assistant.documents import Answer, Citation
from assistant.figures import quantities
from assistant.formats import FIGURES_WANTED, ShortForm


FIGURES_LEAD = "Quelques chiffres :"
SPOKEN_LIST_ITEMS = 4  # a unit listing this many items, separated by semicolons, is no sentence to say


def _words(text: str) -> int:
    return len(text.split())


def fit(units: list[str], budget: int) -> list[str]:
    """The units, in order, that fit in `budget` words; at least the shortest of the first three, so that
    a short form always holds one cited fact."""
    kept: list[str] = []
    for unit in units:
        if sum(map(_words, kept)) + _words(unit) <= budget:
            kept.append(unit)
    return kept or sorted(units[:3], key=_words)[:1]


_CONNECTOR = re.compile(r"^(?:par ailleurs|de plus|en outre|enfin|ainsi|aussi|de même|autre repère|en effet)\s*,?\s*", re.I)


# « Conditions d'éligibilité des collectivités : pour candidater, … »: a fact sheet's label before a whole sentence.
# Not before a pronoun: « Projets éligibles à la FICOL : ils doivent… » would leave « Ils doivent… » standing for
# nothing (review 20, a LinkedIn post).
_LABEL = re.compile(r"^(«\s*)?([^:«»\[\]]{3,70}) : (?=(?:l['’]|la |le |les |un |une |des |pour |en |depuis |ce |cette )\S)",
                    re.I)


def _standalone(unit: str) -> str:
    """A unit read alone: without the connector that tied it to the sentence before it in the full text, nor the
    label a fact sheet puts before a whole sentence, which reads badly aloud or in a post. A label that dates the
    fact (« Taux 2025, revus à la baisse : ») stays."""
    bare = _CONNECTOR.sub("", unit, count=1)
    label = _LABEL.match(bare)
    if label and not YEAR.search(label.group(2)) and len(bare[label.end():].split()) >= 8:
        bare = (label.group(1) or "") + bare[label.end():]
    start = 2 if bare.startswith("« ") else 0
    return bare[:start] + bare[start:start + 1].upper() + bare[start + 1:]


def _one_per_quantity(units: list[str]) -> list[str]:
    """The first unit to give a quantity (« 4 818 collectivités »), not the next ones that give it again from other
    sources (« 4800 », « 4 756 »): a short text has no room to explain the difference."""
    kept: list[str] = []
    for unit in units:
        if not any(quantities(unit) & quantities(k) for k in kept):
            kept.append(unit)
    return kept


def _stems(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[\w’'-]{5,}", text.lower())}


def on_the_request(units: list[str], request: str) -> list[str]:
    """The units that share the most words with the request first (« FICOL », « réciprocité », « déchets »): an
    article's paragraphs also carry general context, which a short post has no room for."""
    asked = _stems(request)
    return sorted(units, key=lambda u: -len(_stems(u) & asked))


def _told_as_example(unit: str, body: str) -> bool:
    """A unit the full text introduced as an example (« Un exemple ailleurs (Chauvet) : … », « Exemple de projet
    FICOL : … »): an article has room for it, a five-line post about our project has not."""
    at = body.find(unit[2:40] if unit.startswith("«") else unit[1:40])
    return at >= 0 and bool(re.search(r"\b[Ee]xemple\b[^\n\]]*$", body[max(0, at - 80):at]))


_OWN_FIGURE = re.compile(r"^_Votre chiffre : .*? À dire : « (.+?) »_$", re.M)


def _own_said(body: str) -> str:
    """The sentence to say with the official's own amount per inhabitant, when the rebuttal computed it."""
    own = _OWN_FIGURE.search(body)
    return own.group(1) if own else ""


def _counter_parts(answer: Answer, body: str) -> tuple[str, list[str], str]:
    """Our opening sentence, with the official's own amount put per inhabitant when the rebuttal computed it (the
    figure an official most needs, in our voice); one piece of evidence per argument (the first of each, then the
    others); our close."""
    arguments = answer.sections[0].get("arguments", []) if answer.sections else []
    closings = [a["closing"] for a in arguments if a.get("closing")]
    evidence = [a["cited"][i] for i in range(3) for a in arguments if len(a.get("cited", [])) > i
                # read out or posted: a practitioner's tip (« Rappeler ce que représente… ») is no evidence (review 20)
                and not PRACTITIONER_ADVICE.search(a["evidence"][i] if i < len(a.get("evidence", [])) else "")]
    checked = answer.sections[0].get("checked_figure") if answer.sections else ""
    evidence = [checked] + evidence if checked else evidence  # the opponent's own figure, as the documents give it
    opening = f"{closings[0] if closings else ''} {_own_said(body)}".strip()
    return opening, evidence, (closings[1] if len(closings) > 1 else "")


def _own_facts(body: str) -> str:
    """The lede a writing request gets from the user's own facts (shown in italics under the title), without a
    sentence that tells the assistant what to write (« Il me faut un post LinkedIn… »): a post never reads out
    the request."""
    for line in body.splitlines():
        line = line.strip()
        if line.startswith("_") and line.endswith("_") and not line.startswith("_[") and len(line.split()) > 4:
            sentences = re.split(r"(?<=[.!?])\s+", line.strip("_").strip())
            return " ".join(s for s in sentences if not INSTRUCTION_CLAUSE.search(s))
    return ""


def _spoken_counter(answer: Answer, body: str, budget: int, opening: str | None = None) -> str:
    """Paragraphs to read aloud: our opening (and the official's own figure), then each argument's claim with its
    first proof while the time allows. No separate close: the second argument's « À dire » line would say its
    claim again."""
    # A claim goes out with its proof or not at all (review 9: « Nos projets attirent des financements… » said
    # alone read as unsourced).
    proven = [a for a in answer.sections[0].get("arguments", []) if a.get("cited")]
    paragraphs = [_counter_parts(answer, body)[0] if opening is None else opening]
    spent = _words(paragraphs[0])
    for argument in proven:
        said = f"{argument['claim']} {_standalone(argument['cited'][0])}"
        if spent + _words(said) > budget:
            break
        paragraphs.append(said)
        spent += _words(said)
    argued = len(paragraphs) - 1
    # The example of another town the official asked for, told as theirs (« Un exemple ailleurs (Chambéry) : « … » »).
    example = answer.sections[0].get("example", "")
    if example and spent + _words(example) <= budget:
        paragraphs.append(f"Un exemple ailleurs {example}")
        spent += _words(example)
    # « avec la base légale exacte et deux ou trois chiffres nationaux » (review 25, q2501): the key figures asked, each
    # with the year it states, before any second proof.
    if FIGURES_WANTED.search(answer.question):
        figures = [f["text"] for f in answer.sections[0].get("key_figures", [])]
        said = fit(figures, budget - spent - _words(FIGURES_LEAD)) if figures and budget > spent else []
        if said and spent + _words(FIGURES_LEAD) + sum(map(_words, said)) <= budget:
            paragraphs.append(f"{FIGURES_LEAD} {' '.join(said)}")
            spent += _words(paragraphs[-1])
    # Time left: each argument's second proof, in order, after its first (paragraph `at` is argument `at - 1`).
    for at, argument in enumerate(proven[:argued], start=1):
        second = [_standalone(c) for c in argument["cited"][1:2]]
        if second and spent + _words(second[0]) <= budget:
            paragraphs[at] += f" {second[0]}"
            spent += _words(second[0])
    return "\n\n".join(p for p in paragraphs if p)


# A reply one sends as it is (an email), or a letter to the paper, signed by its author: the spoken paragraphs
# between a greeting and a sign-off.
_FRAMES = {"email": ("Bonjour,", "Bien cordialement,"), "letter": ("Madame, Monsieur,", "[Prénom Nom, fonction]")}
# The layouts made of a rebuttal's own pieces: other answers keep theirs.
REBUTTAL_LAYOUTS = ("note", *_FRAMES)


MAX_RESTATED_WORDS = 30


def _written_opening(answer: Answer, body: str) -> str:
    """A letter or an email opens on what its reader wrote, not on the line said in council (« Votons ce 1 % en
    conseil… » answered a syndicat that had voted it, review 13); the official's own figure stays."""
    objection = answer.sections[0].get("objection", "")
    restated = (f"Vous écrivez : « {objection.rstrip(' .')} ». Voici ce qu'il en est."
                if objection and len(objection.split()) <= MAX_RESTATED_WORDS else "Voici ce qu'il en est.")
    return f"{restated} {_own_said(body)}".strip()


def _framed_counter(answer: Answer, body: str, budget: int, kind: str) -> str:
    greeting, sign_off = _FRAMES[kind]
    text = _spoken_counter(answer, body, budget, opening=_written_opening(answer, body))
    return f"{greeting}\n\n{text}\n\n{sign_off}"


_ADVICE = re.compile(r"^\*\*Conseil pratique\*\*\n- (.+)$", re.M)


def _note_counter(answer: Answer, body: str) -> str:
    """A note for the mayor: what is said, what to answer in one line, the answers with their proof, the useful
    figures, and what to do; the rebuttal's own pieces, laid out as a chargé de mission writes them."""
    section = answer.sections[0]
    opening = _counter_parts(answer, body)[0]
    lines = ["**Objet** : réponse à l'objection « " + section.get("objection", "") + " »", "",
             f"**En une phrase** : {opening}", "", "**Éléments de réponse**"]
    for n, argument in enumerate(section.get("arguments", []), start=1):
        proof = " ".join(_standalone(c) for c in argument.get("cited", [])[:1])
        lines.append(f"{n}. {argument['claim']} {proof}".rstrip())
    figures = [f["text"] + (f" _(document de {f['year']})_" if f.get("year") else "") for f in section.get("key_figures", [])]
    if figures:
        lines += ["", "**Chiffres utiles**", *[f"- {f}" for f in figures[:3]]]
    advice = _ADVICE.search(body)
    if advice:
        lines += ["", "**Proposition**", f"- {advice.group(1)}"]
    return "\n".join(lines)


_PART_HEADING = re.compile(r"^\*\*(.+?)\*\*\s*\n")


def _paragraphs_fitted(body: str, budget: int) -> str:
    """An answer sent as an email keeps its order and its parts (« FEXTE : qu'est-ce que c'est ? » then its
    sentences): whole sentences, labels included (cut, « Opérations finançables par le FEXTE : des études… » left
    « Des études… » about nothing), each part's first sentence kept before any part's second."""
    parts: list[tuple[str, list[str]]] = []
    for block in re.split(r"\n\s*\n", body.strip()):
        heading = _PART_HEADING.match(block)
        text = " ".join(block[heading.end():].split()) if heading else " ".join(block.split())
        sentences = [s for s in re.split(r"(?<=\])\s+", text) if re.search(r"\[\d+\]", s)]
        if sentences:
            parts.append((heading.group(1) if heading else "", sentences))
    kept: list[list[str]] = [[] for _ in parts]
    spent = 0
    for rank in range(max((len(sentences) for _, sentences in parts), default=0)):
        for at, (_, sentences) in enumerate(parts):
            if rank < len(sentences) and spent + _words(sentences[rank]) <= budget:
                kept[at].append(sentences[rank])
                spent += _words(sentences[rank])
    return "\n\n".join(f"{heading}\n{' '.join(said)}".strip() for (heading, _), said in zip(parts, kept) if said)


def short_text(answer: Answer, form: ShortForm) -> tuple[str, list[Citation]]:
    """The short text and the citations it uses (their numbers unchanged)."""
    body = body_of(answer)
    laid_out = {"spoken": lambda: _spoken_counter(answer, body, form.max_words),
                "note": lambda: _note_counter(answer, body),
                **{kind: partial(_framed_counter, answer, body, form.max_words, kind) for kind in _FRAMES}}
    if form.kind in laid_out and answer.mode == "contre-argument" and answer.sections:
        text = laid_out[form.kind]()
        return text, cited_by(text, answer.citations)
    if form.kind in _FRAMES and answer.mode == "question":
        greeting, sign_off = _FRAMES[form.kind]
        text = f"{greeting}\n\n{_paragraphs_fitted(body, form.max_words)}\n\n{sign_off}"
        return text, cited_by(text, answer.citations)
    if answer.mode == "contre-argument" and answer.sections:
        opening, units, close = _counter_parts(answer, body)
    elif answer.mode == "article":
        ours = [u for u in cited_units(body) if not _told_as_example(u, body)]
        opening, units, close = _own_facts(body), on_the_request(ours, answer.question), ""
    else:
        opening, units, close = "", current_first(cited_units(body), answer.citations), ""
    units = _one_per_quantity([_standalone(u) for u in units])
    if form.kind == "spoken":
        # « Franco-sénégalais du 10 au 21 mars ; franco-libanais du 7 avril au 3 juin ; … » is read, never said aloud
        # (review 23: a list of call dates in a twinning anniversary's speech).
        units = [u for u in units if u.count(";") < SPOKEN_LIST_ITEMS - 1] or units
    budget = form.max_words - _words(opening)
    kept = fit(units, max(budget - _words(close), 0) if close else budget)
    if close and len(fit(units, budget)) > len(kept):
        # A post of 800 characters (review 25, q2502): the proof of one more asked point before our closing words.
        close, kept = "", fit(units, budget)
    if form.sentences:  # « en 3 phrases »: our opening is one of them, the quotes make up the rest
        close = ""
        kept = in_sentences(kept or units, max(form.sentences - sentence_count(opening), 1) if opening else form.sentences)
    if close and sum(map(_words, kept)) + _words(close) > budget:
        close = ""
    text = " ".join(p for p in [opening, *kept, close] if p)
    return text, cited_by(text, answer.citations)


def shape(answer: Answer, form: ShortForm) -> None:
    """Give the answer the asked form: the short text alone, or after the full text it accompanies. A note, an
    email or a letter is a rebuttal's layout; a question's answer can be sent as an email or a letter too; other
    answers keep theirs."""
    sent_as_is = form.kind in _FRAMES and answer.mode == "question"  # « reformule sous forme de mail »
    if form.kind in REBUTTAL_LAYOUTS and answer.mode != "contre-argument" and not sent_as_is:
        return
    text, citations = short_text(answer, form)
    if form.alongside:
        answer.answer = f"{body_of(answer)}\n\n### {form.label}\n\n{text}\n\n{sources_block(answer.citations)}"
        return
    text, citations = renumbered(text, citations)
    if answer.mode == "article":
        text = with_emojis(text, answer.question)  # « ton léger avec 2 ou 3 emojis »: asked, so given
    header = ""
    if answer.mode == "contre-argument" and answer.sections and answer.sections[0].get("objection") and form.kind != "note":
        header = f"_Réponse à : « {answer.sections[0]['objection']} »_\n\n"
    how = ("à lire posément" if form.kind == "spoken" else "à relire avant envoi" if form.kind in REBUTTAL_LAYOUTS
           else "à coller tel quel")
    answer.answer = f"{header}**{form.label}** — _{_words(text)} mots, {how}._\n\n{text}\n\n{sources_block(citations)}"
    answer.citations = citations
    # What to do with the text is said beside it, not inside what gets pasted (review 9: « écrivez « développe » »
    # and « retirez les renvois » were read as part of the reply).
    hint = "Retirez les renvois [n] après vérification ; pour la version complète, écrivez « développe »."
    answer.notice = f"{answer.notice} {hint}".strip()
