"""Quotable sentences of a passage: split, tidied, filtered, each knowing its section and position.

One splitting rule serves the sentence vectors (built at ingest) and the composers,
so a sentence quoted in an answer is the very text whose vector was computed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.cleaning import sentences
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
    follow_up: "Sentence | None" = None  # next sentence when it continues with a pronoun ("Elle élargit…")

    @property
    def has_figure(self) -> bool:
        return has_figure(self.text)


_URL = re.compile(r"\s*-?\s*(?:https?://|www\.)\S+")
# "Bertrand Gallet, directeur général, …": a list of speakers, not a statement.
_SPEAKER_LINE = re.compile(r"^[A-ZÉÈ][\w’'-]+(?: (?:[A-ZÉÈ][\w’'-]+|de|du|des|d’|la|le)){1,4}, [a-zé]")


def _tidy(text: str) -> str:
    """Drop URLs, and balance the French quotation marks a sentence split left open."""
    text = _URL.sub("", text).strip()
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
    # A sentence must end like one; fragments cut by the chunker are skipped,
    # but a one-line paragraph (a caption, a byline) is whole as it stands.
    # A bullet without final punctuation is a list item (names, titles), not a statement.
    return ends_like_sentence or (whole_paragraph and not bullet and len(words) <= 15)


_ANAPHORA = re.compile(r"^(?:Elle|Il|Ils|Elles|Celle-ci|Celui-ci|Ce dispositif|Cette loi|Cette stratégie|Ce fonds)\b")


def split_passage(passage: Passage) -> list[Sentence]:
    """Usable sentences, each knowing the heading it opens (if any) and the pronoun sentence that follows it."""
    out: list[Sentence] = []
    position = 0
    heading = ""
    section = passage.chunk.section
    for para in passage.chunk.text.split("\n\n"):
        if para.startswith("#"):
            section = para.lstrip("#").strip()
            heading = re.sub(r"^\d+[.)]\s*", "", section)  # "6. La facilité FICOL" → "La facilité FICOL"
            continue
        parts = sentences(para)
        previous: Sentence | None = None
        for sent in parts:
            bullet = bool(_BULLET.match(sent))
            sent = _tidy(_BULLET.sub("", sent))
            if _usable(sent, whole_paragraph=len(parts) == 1, bullet=bullet):
                item = Sentence(sent, passage, position, frozenset(terms(sent)), heading=heading, section=section)
                if previous is not None and previous.position == position - 1 and _ANAPHORA.match(sent):
                    previous.follow_up = item
                out.append(item)
                previous = item
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
