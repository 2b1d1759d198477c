"""What the objection is, in what the user typed: without who reported it, the request around it, or its quotes.

Officials paste objections the way they heard them: « Un conseiller m'a sorti : « … » Je lui réponds quoi ? »,
« qqn écrit sur facebook que … comment répondre sans se mettre tout le monde à dos », « « … » -> argumentaire
svp ». The objection is what the rebuttal restates and what its arguments are sought for; the frame and the
request would only add noise to both.
"""

from __future__ import annotations

import re
from itertools import takewhile

# A request addressed to the assistant at the end of the text (« Je lui réponds quoi ? », « Quels angles de réponse ? »).
# Typed with or without accents (« je leur reponds quoi », fresh17).
_ASK_SUFFIX = re.compile(
    r"\s*(?:que (?:lui |leur )?r[ée]pondre|comment (?:lui |leur )?r[ée]pondre|quels arguments(?: lui| leur)? donner|"
    r"que dire|quoi r[ée]pondre|(?:comment|que) (?:je |on )?(?:lui |leur )?(?:r[ée]ponds|r[ée]pond|r[ée]pondre)|"
    r"(?:je |on )(?:lui |leur )?(?:r[ée]ponds|r[ée]pond) quoi|aide-moi [àa] (?:lui |leur )?r[ée]pondre|une r[ée]ponse)"
    r"\s*\?*\s*$",
    re.I,
)
# A trailing question that asks for more than the rebuttal (« Comment les associer ? »).
_ASKS_MORE = re.compile(r"\b(?:comment|pourquoi|quels?|quelles?|où|quand|combien|faut-il|peut-on|doit-on)\b", re.I)
# A trailing segment that asks the assistant for help rather than states the objection.
_REQUEST_SEGMENT = re.compile(
    r"^\s*(?:->|=>|—|-)?\s*(?:.{0,40}\b(?:répondre|réponds|répond|réponse|réagir|argumentaire|arguments?|angles?|"
    r"éléments de langage|aide-moi|aidez-moi|svp|stp|s'il (?:te|vous) plaît|merci|help)\b.{0,60})$", re.I)
_SEGMENTS = re.compile(r"(?<=[.?!»])\s+|\s+(?=->|=>)")

_QUOTED = re.compile(r"«\s*([^«»]{15,}?)\s*»")
_REPORTED = re.compile(
    r"^.{0,300}?\b(?:dit|disent|affirme|affirment|prétend|prétendent|estime|estiment|pense|pensent|trouve|trouvent|"
    r"écrit|écrivent|assure|assurent|soutient|soutiennent|répète|répètent|explique|expliquent|m'a dit|me dit|"
    r"exige|exigent|réclame|réclament|dénonce|dénoncent|accuse|accusent|critique|critiquent|"
    r"m['’]assure|lance|lancent|(?:m['’]a |nous a |a )?(?:sorti|balancé|lancé|déclaré|asséné|répondu|écrit)|"
    # « il va aussi me sortir que… », « on me dira que… » (fresh16, tune half): what someone will say.
    r"(?:sortir|dire|répondre|objecter|rétorquer|balancer|ressortir|dira|diront|sortira|sortiront))"
    r"(?:\s+(?:aussi|encore|également|souvent|toujours))?"
    r"(?:\s+(?:sur|dans|en|à|au)\s[^.?!,]{0,30}?)?(?:\s+(?:que|qu['’])|\s*:)\s*", re.I)
# Words that hand over to a quotation (« … a posté ça sous notre publication : « … » », « Leur formule c'est « … » »,
# « je cite : « … » »): whatever the frame says before them, the quoted words are the objection.
_INTRODUCED = re.compile(r"(?::|\bje cite\b\s*:?|\b(?:formule|phrase|slogan|refrain|titre(?: de l['’]article)?)"
                         r"\s*(?:c['’]est|est|:)?)\s*$", re.I)
# « …et le vice-président répète partout « l'État se désengage… » » (review 20): a verb of saying just before the
# quote, after however long a description of the project, hands over to the quoted words.
_SAID_JUST_BEFORE = re.compile(
    r"\b(?:dit|disent|répète\w*|affirme\w*|lance\w*|martèle\w*|clame\w*|déclare\w*|écrit|écrivent|assène\w*|"
    r"ressort\w*|objecte\w*|rétorque\w*|proclame\w*|scande\w*)\b[^.?!«»]{0,30}$", re.I)
# Where the user starts speaking of their own side after the reported words.
_OWN_SIDE = re.compile(r"^(?:je|j['’]|on|nous|notre|nos|moi|perso|personnellement|mon|ma|mes|le maire|la maire|"
                       r"notre (?:ville|commune))\b", re.I)
# « …la poche de potentats locaux. La commune fait 9 000 habitants. »: the user's own figures, told after the words.
_OWN_FIGURES = re.compile(r"^(?:la (?:commune|ville|collectivité|mairie|communauté de communes|métropole)|le budget|"
                          r"l['’]enveloppe|ça représente|cela représente|ça fait|on parle de)\b[^.!?]*\d", re.I)
# « Un journaliste me demande s'il est bien raisonnable de … »: the question he asks, put back as a question.
_ASKED = re.compile(r"^.{0,80}?\b(?:me|nous|m['’]a|nous a|)\s*demand(?:e|ent|é)\s+(?:si\s+|s['’](?=ils?\b))", re.I)
_INVERTED = ((re.compile(r"^il est\b", re.I), "est-il"), (re.compile(r"^ils sont\b", re.I), "sont-ils"),
             (re.compile(r"^c['’]est\b", re.I), "est-ce"), (re.compile(r"^il faut\b", re.I), "faut-il"),
             (re.compile(r"^on doit\b", re.I), "doit-on"), (re.compile(r"^on peut\b", re.I), "peut-on"))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _without_request(text: str) -> str:
    """Drop the trailing request to the assistant: a known phrasing, or short final segments asking for help."""
    text = _ASK_SUFFIX.sub("", text).strip()
    segments = [s for s in _SEGMENTS.split(text) if s.strip()]
    while len(segments) > 1 and len(segments[-1].split()) <= 16 and _REQUEST_SEGMENT.match(segments[-1]):
        segments.pop()
    return " ".join(segments).strip()


def _asked(text: str) -> str | None:
    """« X me demande s'il est raisonnable de … » → « Est-il raisonnable de … ? »."""
    found = _ASKED.match(text)
    if not found:
        return None
    rest = text[found.end():].strip()
    for pattern, inverted in _INVERTED:
        if pattern.match(rest):
            rest = pattern.sub(inverted, rest, count=1)
            break
    return _capitalised(rest.rstrip(" .?!")) + " ?"


def further_question(text: str) -> str | None:
    """The question the user adds after the objection, when it asks for more than how to reply
    (« Les habitants ne connaissent pas ce jumelage. Comment les associer ? »)."""
    segments = [s for s in _SEGMENTS.split(text.strip()) if s.strip()]
    last = segments[-1] if len(segments) > 1 else ""
    if not last.rstrip().endswith("?") or _REQUEST_SEGMENT.match(last) or _ASK_SUFFIX.fullmatch(" " + last):
        return None
    return last if _ASKS_MORE.search(last) else None


# « affirme que « … » et que « … » »: one complaint said in two quotes.
_JOINS_QUOTES = re.compile(r"^\s*(?:,|;|et|et que|ou que|mais aussi que|puis que|, et que|, puis)\s*$", re.I)


def _quoted_after(text: str, first: "re.Match[str]") -> list[str]:
    """The quotes that go on from the first one, joined to it by « et que », a comma or the like."""
    more, end = [], first.end()
    for m in _QUOTED.finditer(text, first.end()):
        if not _JOINS_QUOTES.match(text[end:m.start()]):
            break
        more.append(m.group(1).strip().rstrip(" ,;:"))
        end = m.end()
    return more


def objection_text(question: str) -> str:
    """The objection itself: without "Que répondre ?", its quotation marks, or who reported it
    ("Un conseiller d'opposition dit que …")."""
    text = _without_request(question)
    further = further_question(text)
    if further:
        text = text[: text.rstrip().rfind(further)].strip()
    quoted_part = _QUOTED.search(text)
    frame = text[: quoted_part.start()] if quoted_part else ""
    if quoted_part and (_REPORTED.match(frame + " que ") or _INTRODUCED.search(frame) or not frame.strip()
                        or _SAID_JUST_BEFORE.search(frame)):
        inner = quoted_part.group(1).strip().rstrip(" ,;:")  # « … m'a sorti : « la diplomatie c'est… » Je voudrais… »
        return _capitalised(" ; ".join([inner] + _quoted_after(text, quoted_part)))
    asked = _asked(text)
    if asked and len(asked.split()) >= 4:
        return asked
    reported = _REPORTED.sub("", text, count=1)
    if reported != text and len(reported.split()) >= 3:
        # « … écrit que la coopé c'est des voyages et que personne sait où part l'argent »: one objection, two claims.
        text = _capitalised(re.sub(r",?\s+et qu(?:e\s+|['’])", ", et ", reported))
        text = _without_own_context(text)
    return text.strip("«»\"“” ").strip().rstrip(" ,;:")


def _without_own_context(reported: str) -> str:
    """The reported words without what the user adds about their own side after them (« Il dit que c'est du vol.
    Je suis déléguée au syndicat. On y met 0,6 % de nos recettes »): the objection ends where « je » or « nous »
    begins to speak. The figures stay in the request, where « Votre chiffre » reads them."""
    sentences = [s for s in re.split(r"(?<=[.!?»])\s+(?=[A-ZÀ-Ý«])", reported) if s.strip()]
    kept = sentences[:1] + list(takewhile(lambda s: not (_OWN_SIDE.match(s) or _OWN_FIGURES.match(s)), sentences[1:]))
    return " ".join(kept)


# Where a spoken objection chains several complaints: « ça sert à rien, ça a jamais empêché les migrants de venir,
# et c'est pas le boulot d'une commune ». Plain commas inside one complaint (« Avec la baisse des dotations,
# c'est un luxe ») are not boundaries.
_CHAINED = re.compile(r"\s*(?:;|,\s*et\s+(?=\w)|,\s*(?=(?:ça|cela|c['’]est|ce n['’]est|et puis|en plus|sans compter|"
                      r"de toute façon|d['’]ailleurs|surtout|alors que|sans parler)\b)|(?<=[.!?])\s+(?=[A-ZÀ-Ý]))", re.I)
MIN_PART_WORDS = 5  # shorter complaints (« Il y a des priorités ») restate the objection, and classify poorly


def objection_parts(objection: str) -> list[str]:
    """The complaints a chained objection makes, each long enough to be understood alone; one part otherwise."""
    parts: list[str] = []
    for piece in (p.strip(" ,.;") for p in _CHAINED.split(objection) if p and p.strip(" ,.;")):
        if parts and len(parts[-1].split()) < MIN_PART_WORDS:
            parts[-1] = f"{parts[-1]}, {piece}"  # too short to stand alone: it goes with the next complaint
        else:
            parts.append(piece)
    if len(parts) > 1 and len(parts[-1].split()) < MIN_PART_WORDS:
        parts[-2:] = [f"{parts[-2]}. {parts[-1]}"]
    return parts if len(parts) > 1 else [objection]
