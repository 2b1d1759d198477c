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
_LEAD = re.compile(r"^\s*(?:\d[).]\s*)?(?:enfin|et|puis|aussi|ensuite|également|par ailleurs|autre question)?\s*[,:]?\s*",
                   re.I)


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def question_parts(message: str) -> list[str]:
    """The questions of `message` in order, a question that leans on the one before joined to it, or [] when it asks
    fewer than three (or only short ones).

    Sentences that say rather than ask (« Je suis adjointe depuis quelques semaines… ») are context, not parts."""
    sentences = [s.strip() for s in _QUESTION_END.split(message.strip()) if s.strip()]
    # « Je suis adjointe depuis quelques semaines… Sur quelle base légale… ? »: the question, without what precedes it.
    asked = [_LEAD.sub("", _STATEMENT_END.split(s)[-1]) for s in sentences if s.endswith("?")]
    asked = [s[:1].upper() + s[1:] for s in asked if _words(s) >= 3]
    if len(asked) < MIN_PARTS or _words(message) < MIN_TOTAL_WORDS or sum(_words(s) >= MIN_PART_WORDS for s in asked) < 2:
        return []
    parts: list[str] = []
    for question in asked:
        if parts and _leans_on(question, parts[-1]):
            # « Si oui, quand et où le fait-on ? » after « Est-ce qu'une commune est obligée de déclarer… ? »: one
            # question with the one it leans on. Answered apart, it was said « not covered » beside its own answer
            # (review 16, R11).
            parts[-1] = f"{parts[-1]} {question[:1].lower()}{question[1:]}"
        else:
            parts.append(question)
    return parts[:MAX_PARTS] if len(parts) >= MIN_PARTS else []


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
