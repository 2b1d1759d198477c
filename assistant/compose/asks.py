"""The points a writing request lists (« les taux actuels, les conditions à remplir, et le dispositif prévu pour les
petites collectivités »): a fiche's fixed sections answer the usual ones, and a point they leave out is answered on
its own, so that a newcomer's explicit question is never dropped (review 9: « le dispositif prévu pour les petites
collectivités qui ne peuvent pas porter un projet seules » was asked and missing)."""

from __future__ import annotations

import re

from assistant.lexical import Bm25Index, QueryWeights, terms

# A listed point opens on a determiner or a question word and names something.
# « pourquoi si peu de collectivités s'en servent », « sur quelle base de calcul » (review 20) are points too.
_POINT_START = re.compile(r"^(?:les?|la|l['’]|des|du|ses|leurs?|quels?|quelles?|qui|comment|combien|si|où|pourquoi|"
                          r"(?:sur|dans|à|pour|de) (?:quel|quelle|quels|quelles)\b)\b", re.I)
_SEPARATORS = re.compile(r"\s*(?:[,;]|\bet\b|\bainsi que\b|\bmais aussi\b)\s*", re.I)
_CLOSING = re.compile(r"\s*(?:merci(?: d'avance| beaucoup| par avance)?|svp|stp|s'il (?:te|vous) pla[iî]t)\W*$", re.I)
MIN_POINT_WORDS, MAX_POINT_WORDS = 3, 22
MAX_POINTS = 3
COVERED_SHARE = 0.6


_REQUEST_VERB = re.compile(r"\b(?:fiche|fais|faire|fait|rédige\w*|écri\w*|prépare\w*|peux-tu|pourriez-vous|pouvez-vous)\b",
                           re.I)


def _listed(tail: str, need_start: bool) -> list[str]:
    parts = [p.strip(" ()") for p in _SEPARATORS.split(tail)]
    return [p for p in parts if p and (not need_start or _POINT_START.match(p))
            and (1 if not need_start else MIN_POINT_WORDS) <= len(p.split()) <= MAX_POINT_WORDS]


def requested_points(request: str) -> list[str]:
    """The points a request lists, in order: after its last colon (« une fiche sur X : a, b, et c »), in brackets
    (« une fiche (qui peut candidater, pour quels pays, montants) »), or as questions of their own (« Le programme
    Europe pour les citoyens, ça existe encore ? »)."""
    text = _CLOSING.sub("", request.strip())
    points: list[str] = []
    if ":" in text:
        tail = re.split(r"(?<=[.!?])\s+", text.rsplit(":", 1)[1].strip())[0].rstrip(" .!?")
        points += _listed(tail, need_start=True)
    for bracket in re.findall(r"\(([^()]{10,300})\)", text):
        if bracket.count(",") >= 2:
            points += _listed(bracket, need_start=False)
    for sentence in re.findall(r"[^.!?]+\?", text):
        sentence = re.sub(r"^\s*(?:et|mais|ou|alors)\b\s*", "", sentence.strip(), flags=re.I)
        if not _REQUEST_VERB.search(sentence) and MIN_POINT_WORDS <= len(sentence.split()) <= MAX_POINT_WORDS:
            points.append(sentence)
    return list(dict.fromkeys(points))


def left_out(points: list[str], shown: list[str], bm25: Bm25Index) -> list[str]:
    """The points whose weighted words the shown sentences mostly miss, at most three."""
    present = set(terms(" ".join(shown)))
    return [p for p in points if QueryWeights(p, bm25).share(present) < COVERED_SHARE][:MAX_POINTS]


# « d'où vient l'argent, est-ce que ça pèse sur la facture, et le rôle de l'agence de l'eau ? », « qu'est-ce qu'elle
# a changé concrètement ? »: what the readers will ask, which an article answers before its general paragraphs
# (review 12: an article asked to say where the money comes from never said it).
_ASKED = re.compile(r"^(?:qu['’]est-ce qu|est-ce qu|d['’]où|comment|combien|pourquoi|quel(?:le)?s?\b|qui\b|quand\b|"
                    r"à quoi|en quoi|sur quoi|ce que|ce qu['’]|le rôle|la place|les conditions)", re.I)
# « rappeler en 2-3 phrases ce qu'est la FICOL » (review 13): the length given to a part does not hide what it asks.
_EXPLAINED = re.compile(r"\b(?:expliqu\w*|montr\w*|rappel\w*|dire|dis|dites|détaill\w*)\s+(?:simplement\s+|clairement\s+)?(?:(?:aux?|à la)\s+[\w'’ -]{2,20}?\s+)?"
                        r"(?:en (?:\d+|une|deux|trois|quelques)(?:\s*-\s*\d+)?\s+(?:phrases?|mots|lignes)\s+)?"
                        r"((?:d['’]où|comment|combien|pourquoi|ce que|ce qu['’]|à quoi|en quoi|sur quoi|qui (?:peut|paie|finance))\b[^.?!;:,]{6,})",
                        re.I)
# « donner un ordre de grandeur du nombre de projets financés »: how many, asked as an order of magnitude.
_MAGNITUDE = re.compile(r"\bordre de grandeur (?:du nombre |de la somme |des montants? )?(?:de |d['’]|du |des )([^.?!;:,]{6,60})", re.I)
_CLAUSE_BREAK = re.compile(r"(?<=[.?!;:])\s+|,\s*(?:et\s+|ou\s+)?(?=(?:qu['’]est-ce|est-ce|d['’]où|comment|combien|pourquoi|"
                           r"le rôle|la place|les conditions)\b)|"
                           # « un article sur la loi du 4 août 2021 et ce qu'elle change pour les communes »
                           r"\s+et\s+(?=ce qu['’](?:elle|il|ils|elles|on)\b)", re.I)
MAX_ASKED = 3
# « Comment c'est financé (qui paie quoi ?) », « ce qu'est la réciprocité et replace ça dans… »: the question ends
# where an aside or another instruction starts.
_ASIDE = re.compile(r"\s*\(.*$|,\s*et\s+(?=[a-zé]+er\b).*$|"  # « …, et citer un ou deux chiffres » (review 15)
                    r",?\s+et\s+(?=(?:que|replace|mets|ajoute|parle|insiste|précise|cite[rz]?|donne[rz]?|rappel\w*|présente[rz]?|indique[rz]?|situe[rz]?|soulign\w*|montre[rz]?|invite[rz]?|termine[rz]?|conclu[sre]?)\b).*$", re.I)


def is_reader_question(clause: str) -> bool:
    """A clause of a request that asks what the text must explain, not a fact of the project."""
    return bool(_ASKED.match(clause.strip())) and not _REQUEST_VERB.search(clause)


# « …d'adhérer à Cités Unies France, explique ce que c'est » (fresh17, tune half): « c' » is the name said before it.
_WHAT_IT_IS = re.compile(r"^(?:ce que c['’]est|ce qu['’]il est|ce qu['’]elle est|à quoi (?:ça|ca|cela) sert)$", re.I)
_NAME_BEFORE = re.compile(r"(?:[A-ZÉ][\w'’-]+|[A-Z]{2,}\b)(?:\s+(?:de |du |des |d['’])?[A-ZÉ][\w'’-]+)*")


def _named_in(point: str, before: str) -> str:
    """« ce que c'est » → « ce qu'est Cités Unies France », the last name the request gave before asking it."""
    names = [n for n in _NAME_BEFORE.findall(before) if n.split()[0].lower() not in ("la", "le", "les", "un", "une")]
    if not _WHAT_IT_IS.match(point) or not names:
        return point
    name = names[-1]
    return f"à quoi sert {name}" if point.lower().startswith("à quoi") else f"ce qu'est {name}"


# « une phrase qui présente la FICOL (création, fourchette…) », « un paragraphe qui décrit le VSI »: what to present.
_PRESENTED = re.compile(r"\b(?:une|deux|trois|quelques) (?:phrases?|lignes?)|\bun (?:paragraphe|encadré|passage)", re.I)
_PRESENTS = re.compile(r"\s+qui\s+(?:présente|décrit|résume)\s+(?:simplement\s+|rapidement\s+|brièvement\s+)?"
                       r"((?:l['’]|la |le |les )[^.;:,()]{2,50}?)(?=\s*(?:\(|,|;|\.|$|\bet\b))", re.I)
# « un rappel d'un projet FICOL déjà mené par une petite structure », « citant un ou deux programmes européens qui
# peuvent financer ce genre d'échange » (review 24): an example, or a list, the text must give.
_RECALLED = re.compile(r"\bun rappel d['’](?:un|une)\s+([^.;:,()]{6,80}?)(?=\s*(?:\(|,|;|\.|$|\bet\b))", re.I)
_CITING = re.compile(r"\bcit(?:ant|er|ez|e)\s+(?:un ou deux|deux ou trois|quelques|des|un|une)\s+([^.;:,()]{4,60}?)\s+qui\s+"
                     r"([^.;:,()]{6,80}?)(?=\s*(?:\(|,|;|\.|$|\bet\b))", re.I)


def _presented(text: str) -> list[str]:
    """« une phrase qui présente la FICOL » → « ce qu'est la FICOL »; « un rappel d'un projet FICOL déjà mené… » →
    « un projet FICOL déjà mené… »; « citant un ou deux programmes … qui peuvent financer… » → « des programmes … qui
    peuvent financer… »."""
    found = [(m.start(), f"ce qu'est {m.group(1).strip()}") for m in _PRESENTS.finditer(text)
             if _PRESENTED.search(text[max(0, m.start() - 25):m.start()])]
    found += [(m.start(), f"un {m.group(1).strip()}") for m in _RECALLED.finditer(text)]
    found += [(m.start(), f"des {m.group(1).strip()} qui {m.group(2).strip()}") for m in _CITING.finditer(text)]
    return [point for _, point in sorted(found)]


_POINTED_BACK = re.compile(r"\b(?:ça|cela)\b", re.I)
_WANTED = re.compile(r"^.*?\b(?:annonce[rz]?|dis|dire|précise[rz]?|indique[rz]?)\s+(?:que\s+|qu['’])?(?:on|nous|la commune|la ville)\s+"
                     r"(?:aimerai[st]|voudrai[st]|souhait\w+|compte|prévoit de|projette de|va)\s+", re.I)


def _with_what_it_points_to(point: str, before: str) -> str:
    """« dis ce que ça suppose pour la commune » after « annonce qu'on aimerait accueillir un jeune volontaire en
    service civique » (review 24): « ça » is what the clause before wants to do; the question says it."""
    if not _POINTED_BACK.search(point):
        return point
    clause = re.split(r"[.;:!?]\s+|,\s+", before.rstrip(" :,;"))[-1]
    wanted = _WANTED.match(clause)
    if not wanted:
        return point
    what = clause[wanted.end():].strip()
    return f"{what[:1].upper()}{what[1:]} : {point}" if 2 <= len(what.split()) <= 16 else point


def point_details(request: str, point: str) -> list[str]:
    """« comment marche ce cofinancement (taux 2025, part minimale de la commune, dates de dépôt) »: what the reader
    must learn of the point, listed in brackets after it (review 24: all three were dropped with the brackets)."""
    said = re.sub(r"^ce qu['’]est ", "", point.split(" : ")[-1])  # « ce qu'est la FICOL » was asked as « la FICOL »
    at = request.lower().find(said.lower())
    if at < 0:
        return []
    listed = re.match(r"\s*\(([^()]{3,200})\)", request[at + len(said):])
    if not listed:
        return []
    items = [i.strip() for i in re.split(r"\s*(?:,|;|\bet\b)\s*", listed.group(1)) if len(i.strip()) >= 3]
    return items if len(items) >= 2 else []


# « Je voudrais rappeler la loi qui permet ça, que Paris a été pionnière, et que le dispositif reste peu utilisé en
# France (chiffres à l'appui) pour montrer que… » (review 25, q2506): what the text must recall, each point said.
_RECALL = re.compile(r"\b(?:rappeler|rappelle[rz]?|souligner|souligne[rz]?)\s+(?!en\b)((?:la |le |les |l['’]|que |qu['’])[^.;:!?]{6,240})",
                     re.I)
_RECALL_SPLIT = re.compile(r"\s*,\s*(?:et\s+)?(?=que\b|qu['’]|la\b|le\b|les\b|l['’])|\s+et\s+(?=que\b|qu['’])", re.I)
_PURPOSE = re.compile(r"\s*\(.*?\)|\s+(?:pour|afin de)\s+(?:montrer|prouver|dire|souligner)\b.*$", re.I)


def recalled_points(request: str) -> list[str]:
    """« rappeler la loi qui permet ça, que Paris a été pionnière » → « la loi qui permet ça », « Paris a été
    pionnière »: the points to recall, without why (« pour montrer que nous sommes parmi les premiers »)."""
    points = []
    for m in _RECALL.finditer(request):
        for item in _RECALL_SPLIT.split(m.group(1)):
            item = _PURPOSE.sub("", re.sub(r"^(?:que|qu['’])\s*", "", item.strip(" ,"), flags=re.I)).strip(" ,")
            if MIN_POINT_WORDS <= len(item.split()) <= MAX_POINT_WORDS and not _REQUEST_VERB.search(item):
                points.append(item)
    return points


def reader_questions(request: str) -> list[str]:
    """The questions a writing request wants the text to answer, in the user's words, at most three."""
    text = _CLOSING.sub("", request.strip())
    asked = [_with_what_it_points_to(_named_in(_ASIDE.sub("", m.group(1)).strip(), text[:m.start()]), text[:m.start()])
             for m in _EXPLAINED.finditer(text)]
    asked += _presented(text)
    # « replacer ça dans le contexte national (combien de collectivités engagées aujourd'hui) » (review 25, q2505): a
    # question in brackets is asked too.
    asked += [m.group(1).strip() for m in re.finditer(r"\(([^()]{6,80})\)", text) if is_reader_question(m.group(1))
              and MIN_POINT_WORDS <= len(m.group(1).split()) <= MAX_POINT_WORDS]
    asked += [f"combien de {m.group(1).strip()}" for m in _MAGNITUDE.finditer(text)]
    asked += recalled_points(text)
    for clause in _CLAUSE_BREAK.split(text):
        clause = re.sub(r"^\s*(?:et|mais|ou|alors|sinon)\b\s*", "", clause.strip(" ,"))
        clause = _ASIDE.sub("", clause).rstrip(" .!")
        if is_reader_question(clause) and MIN_POINT_WORDS <= len(clause.split()) <= MAX_POINT_WORDS:
            asked.append(clause)
    seen: list[str] = []
    for a in asked:
        a = a.rstrip(" ?")
        if not any(a.lower() in s.lower() or s.lower() in a.lower() for s in seen):
            seen.append(a)
    return seen[:MAX_ASKED]


_ABOUT_IT = re.compile(r"^qu['’]est-ce qu['’](?:elle|il)s? ", re.I)
SUBJECT_WORDS = 8  # a subject longer than this is a sentence, not a name to put in a heading


def as_heading(point: str, subject: str = "") -> str:
    """« d'où vient l'argent » → « D'où vient l'argent ? », « le rôle de l'agence de l'eau » → « Le rôle de l'agence
    de l'eau »; « qu'est-ce qu'elle a changé » about « la loi de 2021 » → « Ce que la loi de 2021 a changé »."""
    if subject and len(subject.split()) <= SUBJECT_WORDS and _ABOUT_IT.match(point):
        return f"Ce que {subject} {point[_ABOUT_IT.match(point).end():]}"
    heading = point[:1].upper() + point[1:]
    return heading + " ?" if re.match(r"(?:qu['’]est-ce|est-ce|d['’]où|comment|combien|pourquoi|quel|qui|quand|à quoi|en quoi)",
                                      point, re.I) else heading


# « un intertitre « Combien ça coûte aux Vauréens ? » » (review 25, q2505): a heading the text must carry, in the
# writer's words.
_HEADING_ASKED = re.compile(r"\bintertitres?\b[^«.]{0,30}«\s*([^»]{3,80}?)\s*»", re.I)


def asked_headings(request: str) -> list[str]:
    """The headings the request gives, as written."""
    return [m.group(1).strip() for m in _HEADING_ASKED.finditer(request)]
