"""The questions a message asks, when it asks several: each one searched and answered on its own.

« Sur quelle base légale pouvons-nous signer… ? Que signifie « déclarer notre APD » : est-ce obligatoire… ? La DAECT
existe-t-elle encore… ? Enfin, existe-t-il un appel franco-sénégalais… ? » got one answer, on the last question: the
passages of one search serve the question closest to them (review 15, R12: « cinq questions sur six restent sans
réponse »). A question that leans on the one before (« Si oui, quand… ? », « Et qui peut la demander ? »), found by the
rules that read a conversation's follow-ups, stays with that one: split off, it was searched without its subject
and said « not covered » beside its own answer (review 16, R11).
"""

from __future__ import annotations

import re

from assistant.conversation import Turn, entities, understand

MAX_PARTS = 5
# Two questions read best answered as one: split, each lost the context the other gave (« Notre partenaire est une
# commune du Togo… jusqu'à combien en % ? Et nous… ? » opened on 2024's rates), and in blind reviews 16 and 17 the
# split answers to two questions scored no better than the single one. Three or more are where one answer leaves
# most of them unanswered.
MIN_PARTS = 3
MIN_PART_WORDS = 5
MIN_TOTAL_WORDS = 20
SHORT_PART_WORDS = 6  # « A qui et avant quand ? »: too short to be searched alone

_QUESTION_END = re.compile(r"(?<=\?)\s+")
_STATEMENT_END = re.compile(r"(?<=[.!])\s+(?=[A-ZÀ-Ý«]|\d[).]\s)")
_WORD = re.compile(r"\w[\w'’-]*")
# « 2) Un jeune en service civique… ? »: a numbered question's number is not part of it.
_LEAD = re.compile(r"^\s*(?:(?:deux|trois|quatre|plusieurs|\d) questions?\s*:\s*)?(?:\d[).]\s*)?"
                   r"(?:(?:enfin|et|puis|aussi|ensuite|également|par ailleurs|autre question|(?:une )?dernière(?: question)?)"
                   r"\b\s*[,:]?\s*)*", re.I)
# « Deux questions : 1) … ? 2) … ? », « Et une dernière : … ? » (review 25, q2510 and q2511): the user says the questions
# are apart; two are then answered apart.
_ANNOUNCED = re.compile(r"\b(?:deux|trois|quatre|plusieurs) questions\b|(?:^|\s)[12][).]\s|\bune dernière\b|"
                        r"\bdernière question\b|\bautre question\b", re.I)
MIN_ANNOUNCED_PARTS = 2


def _words(text: str) -> int:
    return len(_WORD.findall(text))


# « Quelle est la différence entre FEXTE et la FICOL ? » (fresh19, tune half): searched as one, it got a heading
# (« Les outils de l'AFD : « FEXTE » et « FICOL » ») and sentences on one of them; each is said for itself.
_DIFFERENCE = re.compile(r"\bdifférences?\s+entre\s+(?P<one>[^?,]{2,50}?)\s+et\s+(?P<other>[^?,]{2,50}?)\s*\??\s*$", re.I)
_COMPARED = re.compile(r"^\s*(?:(?:le|la|les|l['’])\s*)?(?P<name>.+)$", re.I)


def compared_parts(message: str) -> list[str]:
    """« FEXTE : qu'est-ce que c'est ? », « FICOL : qu'est-ce que c'est ? » for a question on the difference
    between two named things; [] for any other question."""
    asked = _DIFFERENCE.search(message)
    if not asked:
        return []
    names = [_COMPARED.match(asked.group(side).strip()).group("name") for side in ("one", "other")]
    if not all(entities(name) for name in names):
        return []  # « la différence entre un jumelage et une coopération » : no two named things
    return [f"{name[:1].upper()}{name[1:]} : qu'est-ce que c'est ?" for name in names]


def question_parts(message: str) -> list[str]:
    """The questions of `message` in order, a question that leans on the one before joined to it, or [] when it asks
    fewer than three (two when the user announces them apart) or only short ones. Two named things compared are two
    parts.

    Sentences that say rather than ask (« Je suis adjointe depuis quelques semaines… ») are context, not parts."""
    compared = compared_parts(message)
    if compared:
        return compared
    sentences = [s.strip() for s in _QUESTION_END.split(message.strip()) if s.strip()]
    # « Je suis adjointe depuis quelques semaines… Sur quelle base légale… ? »: the question, without what precedes it.
    asked = [_LEAD.sub("", _STATEMENT_END.split(s)[-1]) for s in sentences if s.endswith("?")]
    asked = [s[:1].upper() + s[1:] for s in asked if _words(s) >= 3]
    asked = [piece for i, question in enumerate(asked) for piece in _coordinated(question, asked[i - 1] if i else "")]
    fewest = MIN_ANNOUNCED_PARTS if _ANNOUNCED.search(message) else MIN_PARTS
    if len(asked) < fewest or _words(message) < MIN_TOTAL_WORDS or sum(_words(s) >= MIN_PART_WORDS for s in asked) < 2:
        return []
    parts: list[str] = []
    for question in asked:
        if parts and _leans_on(question, parts[-1]):
            # « Si oui, quand et où le fait-on ? » after « Est-ce qu'une commune est obligée de déclarer… ? »: one
            # question with the one it leans on. Answered apart, it was said « not covered » beside its own answer
            # (review 16, R11).
            parts[-1] = f"{parts[-1]} {question}"  # a new sentence keeps its capital
        else:
            parts.append(question)
    return parts[:MAX_PARTS] if len(parts) >= fewest else []


# « s'agit-il de la même structure, depuis quand, et qui tient aujourd'hui l'Atlas… ? » (review 23, q2312): three
# questions in one sentence, the last one left unanswered when the sentence was searched as one. A comma or « et »
# opens a new question when an interrogative word follows it; « qui », « où », « quand » only after « et » or « ou »
# (« notre partenaire, qui est au Sénégal, peut-il… ? » is one question).
_INTERROGATIVE = (r"(?:depuis quand|jusqu['’]à quand|combien|comment|pourquoi|quel(?:le)?s?|lequel|laquelle|est-ce qu|"
                  r"faut-il|peut-on|doit-on|y a-t-il|existe-t-il|à qui|avec qui|pour qui|(?:sur|de|à|pour) quoi|"
                  r"c['’]?\s?est (?:quoi|qui|combien|depuis quand)|y a\b(?!-t-il))\b")
_RELATIVE_TOO = r"(?:qui|où|quand)\b"
# A piece that asks: an interrogative word, or a verb and its subject inverted (« s'agit-il », « peut-on »).
_ASKS = re.compile(rf"\b{_INTERROGATIVE}|\b(?:qui|où|quand|quoi|que)\b|\b\w+-(?:t-)?(?:il|elle|ils|elles|on|je|nous|vous)\b",
                   re.I)
_COORDINATION = re.compile(rf"\s*,\s*(?:(?:et|ou)\s+)?(?={_INTERROGATIVE})|\s*,?\s+(?:et|ou)\s+(?={_INTERROGATIVE}|{_RELATIVE_TOO})",
                           re.I)
# « on calcule sur quoi », « y a des exemples … quelque part »: a question asked without its interrogative first.
_ASKED_LAST = re.compile(r",\s*(?:et\s+)?(?=[^,]{3,60}\b(?:sur quoi|de quoi|combien|quand|où)\s*(?:,|\s+et\b))", re.I)
_CONTEXT_FIRST = re.compile(r"^(?:pour|dans|sur|concernant|côté|au sujet d|à propos d|s['’]agissant d|quant à|"
                            r"en ce qui concerne|au niveau d)\w*\b", re.I)
SHORT_PIECE_WORDS = 2  # « depuis quand », « au passage »: part of the piece beside it


def _coordinated(question: str, before: str = "") -> list[str]:
    """The questions one sentence coordinates, each given the subject its head (or the question `before` it) names
    when it names none (« depuis quand (DAECT, DCTCIV) ? »); the sentence whole when it coordinates none."""
    body = _ASKED_LAST.sub("\0", question.rstrip(" ?"))
    pieces = [p.strip(" ,") for chunk in body.split("\0") for p in _COORDINATION.split(chunk) if p.strip(" ,")]
    if len(pieces) >= 2 and (_words(pieces[0]) <= SHORT_PIECE_WORDS or _CONTEXT_FIRST.match(pieces[0])
                             or not _ASKS.search(pieces[0])):
        # « Au passage, combien… », « Pour le géoparc monté au Laos…, quel était le budget… », « le maire de Kaya
        # nous suggère de signer avec le ministère…, est-ce qu'on a le droit ? » (review 24, q2410): what the question
        # is about, not a question.
        pieces[:2] = [f"{pieces[0]}, {pieces[1]}"]
    joined: list[str] = []
    for piece in pieces:
        if joined and _words(piece) <= SHORT_PIECE_WORDS:
            joined[-1] += f", {piece}"  # « s'agit-il de la même structure, depuis quand » : one question
        else:
            joined.append(piece)
    pieces = joined
    if len(pieces) < 2:
        return [question]
    named = entities(pieces[0]) or entities(before)
    if not named:
        return [question]
    pieces = [pieces[0] + " ?"] + [p + (" ?" if entities(p) else f" ({', '.join(named)}) ?") for p in pieces[1:]]
    return [re.sub(r"\?{2,}", "?", p[:1].upper() + p[1:]) for p in pieces]


_DEPENDENT_START = re.compile(r"^\s*(?:si (?:oui|non|c['’]est le cas)|sinon|dans ce cas|et si|auquel cas|le cas échéant)\b",
                              re.I)


# « Est-ce que beaucoup de collectivités le font vraiment ? » (review 17, R11): « le » stands for what the question
# before asked; answered apart, it got generic sentences that suggested the contrary.
_OBJECT_PRONOUN = re.compile(r"\b(?:le|la|les|l['’]|en|y)\s*(?:fai\w*|font|utilis\w*|demand\w*|appliqu\w*|pratiqu\w*|"
                             r"financ\w*|obten\w*|touch\w*|dépos\w*|sollicit\w*|mobilis\w*|déclar\w*|sign\w*|"
                             r"verse\w*|reçoi\w*|reçu\w*|compt\w*|prévoi\w*|permet\w*)\b", re.I)


def _leans_on(question: str, previous: str) -> bool:
    """The question needs the one before it to be understood: it opens on « si oui », points back with an object
    pronoun (« le font-elles ? »), or reads as a follow-up of it (« Qui peut la demander ? » after « C'est quoi la
    FICOL ? »)."""
    if _DEPENDENT_START.match(question) or _OBJECT_PRONOUN.search(question):
        return True
    if _words(question) <= SHORT_PART_WORDS and not entities(question):
        return True  # « A qui et avant quand ? »
    history = [Turn("user", previous, "question"), Turn("assistant", "", "question")]
    return understand(question, "question", "elu", history).intent == "followup"
