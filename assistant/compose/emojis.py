"""Emojis for a post whose writer asks for them (« ton léger avec 2 ou 3 emojis », review 22, q2206).

Decoration only, chosen from the request's own theme: they add no fact, and a request that does not ask for them
never gets any.
"""

from __future__ import annotations

import re

_ASKED = re.compile(r"\b(?:[ée]mojis?|[ée]moticônes?|smileys?)\b", re.I)
# The first theme the request names gives the opening emoji; the partnership closes the post.
_THEMES = (
    (re.compile(r"\beau\b|forages?|puits|borne-fontaine|assainissement", re.I), "💧"),
    (re.compile(r"\bécoles?\b|élèves|jeunes|jeunesse|volontaires?|service civique|étudiants", re.I), "🙌"),
    (re.compile(r"santé|dispensaire|hôpital|médic", re.I), "🏥"),
    (re.compile(r"agricult|maraîch|fromag|circuits? courts?|semences|jardins?", re.I), "🌱"),
    (re.compile(r"culture|festival|musique|théâtre|patrimoine", re.I), "🎭"),
    (re.compile(r"déchets|recycl|collecte", re.I), "♻️"),
    (re.compile(r"inaugur|fête|soirée|anniversaire|\d+ ans\b", re.I), "🎉"),
)
CLOSING = "🤝"
OPENING = "🌍"


def asks_emojis(request: str) -> bool:
    return bool(_ASKED.search(request))


def with_emojis(text: str, request: str) -> str:
    """The post with an emoji of its theme first and a handshake last, when the request asks for emojis."""
    if not asks_emojis(request) or not text:
        return text
    opening = next((emoji for pattern, emoji in _THEMES if pattern.search(request)), OPENING)
    return f"{opening} {text} {CLOSING}"
