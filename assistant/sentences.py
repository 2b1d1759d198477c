"""Quotable sentences of a passage: split, tidied, filtered, each knowing its section and position.

One splitting rule serves the sentence vectors (built at ingest) and the composers,
so a sentence quoted in an answer is the very text whose vector was computed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.cleaning import leans_on_previous, sentences
from assistant.documents import Passage
from assistant.figures import has_figure
from assistant.lexical import terms

_BULLET = re.compile(r"^\s*(?:[•▪●◦■➢➤►*-]|o(?=\s))\s*")
MIN_WORDS = 5
MAX_WORDS = 75


@dataclass
class Sentence:
    text: str
    passage: Passage
    position: int  # index within the passage
    terms: frozenset[str]
    score: float = 0.0
    heading: str = ""  # the section title this sentence opens, if it is the first one
    section: str = ""  # the section the sentence stands in
    leans: bool = False  # the text carries the sentence before it, on which it leans ("Elle élargit…")
    paragraph: int = 0  # index of its paragraph within the passage

    @property
    def has_figure(self) -> bool:
        return has_figure(self.text)


_URL = re.compile(r"\s*-?\s*(?:https?://|www\.)\S+")
# "Bertrand Gallet, directeur général, …": a list of speakers, not a statement.
_SPEAKER_LINE = re.compile(r"^[A-ZÉÈ][\w’'-]+(?: (?:[A-ZÉÈ][\w’'-]+|de|du|des|d’|la|le)){1,4}, [a-zé]")


def _tidy(text: str) -> str:
    """Drop URLs and footnote calls glued to acronyms ("ARRICOD2,"), and balance the French quotation
    marks a sentence split left open."""
    text = _URL.sub("", text).strip()
    text = re.sub(r"\b([A-Z]{3,})\d\b", r"\1", text)
    opened, closed = text.count("«"), text.count("»")
    if closed > opened:
        text = "« " + text
    elif opened > closed:
        text = text + " »"
    return text


def _usable(text: str, whole_paragraph: bool, bullet: bool = False) -> bool:
    words = text.split()
    if not (MIN_WORDS <= len(words) <= MAX_WORDS):
        return False
    lowered = text.lower()
    ends_like_sentence = bool(re.search(r"[.!?»)]\s*$", text))
    if lowered.startswith(("source :", "sources :", "intervenant", "*")):
        return False
    if _SPEAKER_LINE.match(text) and not re.search(r"[.!?»]\s*$", text):
        return False
    if text.startswith("#") or text.endswith(":"):
        return False
    if re.match(r"\d{1,2}\s*[A-ZÉ]", text) and (not ends_like_sentence or re.match(r"\d{1,2}[A-ZÉ]{2,}", text)):
        return False  # « 1 Association Française du Conseil… », « 2ARRICOD : Association des… »: a footnote's body
    # Cut mid-phrase by the chunker or the PDF layout (« …la chance de pouvoir s'appuyer sur »).
    if re.search(r"\b(?:sur|de|du|des|la|le|les|à|au|aux|en|et|pour|par|avec|dans|un|une|que|qui|d’|l’|d'|l')\s*»?\s*$", text):
        return False
    # A sentence must end like one; fragments cut by the chunker are skipped,
    # but a one-line paragraph (a caption, a byline) is whole as it stands.
    # A bullet without final punctuation is a list item (names, titles), not a statement, unless it
    # labels a figure (« Les outils financiers de la DAECT : 8,5 millions d'euros pour… »).
    labelled_figure = bullet and " : " in text and has_figure(text.split(" : ", 1)[1]) and len(words) >= 8
    return ends_like_sentence or labelled_figure or (whole_paragraph and not bullet and len(words) <= 15)


_CROSS_REF = re.compile(r"\s*\((?:voir|cf\.?)\s+(?:ci-dessous|ci-dessus|l[’']encadré|encadré|le précédent encadré|"
                        r"plus loin|plus haut)[^)]*\)", re.I)
MAX_JOINED_WORDS = MAX_WORDS + 40
_SOURCE_LINE = re.compile(r"^\s*sources?\s*:", re.I)
# A sentence that leans on the one before only to say who joins it, then names who speaks and what he says: it
# stands alone when the two together would be too long to quote.
_NAMES_ITS_SPEAKER = re.compile(r"^(?:Il|Elle)s? (?:est|sont|a été) rejointe?s? (?:en cela |sur ce point )?par "
                                r"(?:[A-ZÉ][\w’'-]+ ){1,2}(?:qui|pour qui)\b")
_TRAILING_SOURCE = re.compile(r"(?<=[.!?»)])\s+Sources?\s*:[^\n]*$")
# « A l'issue de ce débat, les élus… peuvent présenter une stratégie »: an opener that points back to an event
# the quote does not show; the statement after it stands alone (review 12: a post opened on « A l'issue de ce
# débat »). Dropped, the rest quoted as it is.
_POINTING_OPENER = re.compile(r"^(?:[AÀ] l[’']issue (?:de ce|de cette|de ces|du) [\w’'-]+(?: [\w’'-]+)?|Dans ce contexte|"
                              r"Dans cette (?:optique|perspective)|[AÀ] cet égard|Pour ce faire|Au terme de (?:ce|cette) [\w’'-]+),\s+"
                              r"(?=\S+(?: \S+){5})")


def _without_pointing_opener(text: str) -> str:
    m = _POINTING_OPENER.match(text)
    return text[m.end():][:1].upper() + text[m.end() + 1:] if m else text


# « Si X admet…, ne serait-ce que… » then « Il ajoute que… »: a concession whose main clause is the next sentence;
# quoted only with it.
_CONCEDES = re.compile(r"^(?:Si|Même si|Bien qu['’e]|Alors qu['’e]|S['’]il)\b", re.I)


def split_passage(passage: Passage) -> list[Sentence]:
    """Usable sentences, each knowing the heading it opens (if any) and the section it stands in.

    A sentence that leans on the previous one (a pronoun, « Il s'agit », « Et d'ajouter ») is quoted
    with it, so that no quote needs an unshown sentence; cross-references (« voir ci-dessous ») are dropped.
    """
    out: list[Sentence] = []
    position = 0
    heading = ""
    section = passage.chunk.section
    before = ""  # the sentence just before, usable or not, within the current section
    for paragraph, para in enumerate(passage.chunk.text.split("\n\n")):
        if para.startswith("#"):
            section = para.lstrip("#").strip()
            heading = re.sub(r"^\d+[.)]\s*", "", section)  # "6. La facilité FICOL" → "La facilité FICOL"
            before = ""
            continue
        # « Source : site (« titre… 2025 », date) » says where a paragraph comes from: never quoted, not even the
        # piece after an ellipsis inside its title (cleaning has joined it to the paragraph's last line).
        para = _TRAILING_SOURCE.sub("", para)
        if _SOURCE_LINE.match(para) or not para.strip():
            continue
        parts = sentences(para)
        for sent in parts:
            bullet = bool(_BULLET.match(sent))
            sent = _without_pointing_opener(_CROSS_REF.sub("", _tidy(_BULLET.sub("", sent))))
            text, leans = sent, False
            if leans_on_previous(sent) and not bullet:
                text, leans = (f"{before} {sent}", True) if before else ("", False)
                if leans and len(text.split()) > MAX_JOINED_WORDS and _NAMES_ITS_SPEAKER.match(sent):
                    text, leans = sent, False  # « Il est rejoint en cela par Joël Lebret qui souligne … »: Lebret speaks
            usable = bool(text) and (_usable(text, whole_paragraph=len(parts) == 1, bullet=bullet) if not leans
                                     else len(text.split()) <= MAX_JOINED_WORDS and _usable(sent, False))
            if usable and leans and out and out[-1].text == before and _CONCEDES.match(before):
                out.pop()  # « Si Bertrand Gallet admet « … », … aujourd'hui. » alone has no main clause: « Il ajoute… »
            if usable:
                out.append(Sentence(text, passage, position, frozenset(terms(text)), heading=heading, section=section,
                                    leans=leans, paragraph=paragraph))
            ends = bool(re.search(r"[.!?»]\s*$", sent))
            orphan = leans_on_previous(sent) and not leans  # leans on nothing shown: cannot carry another either
            before = (text if leans else sent) if ends and not orphan else ""
            position += 1
            heading = ""
    return out


def candidates(passages: list[Passage], limit: int = 6) -> list[Sentence]:
    seen: set[str] = set()
    out = []
    for p in passages[:limit]:
        for s in split_passage(p):
            key = re.sub(r"\W+", "", s.text.lower())
            if key not in seen:
                seen.add(key)
                out.append(s)
    return out
