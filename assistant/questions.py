"""Prepare what a user typed: control characters, length, emptiness, language."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.lexicon import normalized
from assistant.oral import written

MAX_QUESTION_CHARS = 2000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")
_ENGLISH = {"the", "what", "how", "which", "who", "why", "does", "do", "is", "are", "of", "and", "for", "can",
            "local", "authorities", "cooperation", "funding", "tools", "with", "about", "their", "in", "to"}
_FRENCH = {"le", "la", "les", "des", "de", "du", "et", "est", "que", "qui", "quel", "quels", "quelle", "quelles",
           "pour", "une", "un", "dans", "sur", "comment", "pourquoi", "au", "aux", "en", "à", "ce", "cette", "sont"}


# A small glossary so that an English question still finds French passages (BM25 is lexical).
_GLOSSARY = {
    "funding": "financement", "fund": "fonds", "funds": "fonds", "tools": "outils", "tool": "outil",
    "local authorities": "collectivités territoriales", "local authority": "collectivité", "municipalities": "communes",
    "municipality": "commune", "cities": "villes", "city": "ville", "decentralised cooperation": "coopération décentralisée",
    "decentralized cooperation": "coopération décentralisée", "cooperation": "coopération", "law": "loi",
    "international action": "action internationale", "calls for projects": "appels à projets", "grants": "subventions",
    "grant": "subvention", "water": "eau", "sanitation": "assainissement", "youth": "jeunes jeunesse",
    "young people": "jeunes", "budget": "budget", "per inhabitant": "par habitant", "state": "État",
    "ministry": "ministère", "foreign affairs": "affaires étrangères", "partners": "partenaires", "countries": "pays",
    "how many": "nombre combien", "offer": "propose", "development": "développement", "evaluation": "évaluation",
    "commission": "commission", "twinning": "jumelage", "mayor": "maire", "elected officials": "élus",
}


@dataclass
class PreparedQuestion:
    text: str
    notices: list[str]
    empty: bool = False
    english: bool = False

    def _french_terms(self) -> list[str]:
        lowered = self.text.lower()
        return [fr for en, fr in _GLOSSARY.items() if re.search(rf"\b{re.escape(en)}\b", lowered)]

    @property
    def search_text(self) -> str:
        """The text used for retrieval: an English question gets French glossary terms appended
        (a French one gets the domain lexicon inside the search, on the lexical side only)."""
        if not self.english:
            return written(self.text)
        return f"{self.text} {' '.join(self._french_terms())}".strip()

    @property
    def names_text(self) -> str:
        """The question in the documents' words, for the unknown-name rule ("Quai d'Orsay" is a known body)."""
        return normalized(self.relevance_text)

    @property
    def relevance_text(self) -> str:
        """What relevance is judged on: for English, the French terms and the acronyms (AFD, FICOL)."""
        if not self.english:
            return written(self.text)
        acronyms = re.findall(r"\b[A-Z][A-Z0-9-]{1,}\b", self.text)
        return " ".join(self._french_terms() + acronyms) or self.text


def looks_english(text: str) -> bool:
    words = re.findall(r"[a-zà-ÿ']+", text.lower())
    if len(words) < 3:
        return False
    en = sum(w in _ENGLISH for w in words)
    fr = sum(w in _FRENCH for w in words)
    return en >= 2 and en > 1.5 * fr


# « D'après la journée de 2015, comment… ? »: where the user read it, not what is asked; left in, it draws the
# event's programme (« 9 rue Christiani… ») and asks the documents for a year they hold only as a date.
_ATTRIBUTION = re.compile(r"^\s*(?:d['’]après|selon) (?:(?:les|des) (?:participants|intervenants|auteurs|organisateurs) "
                          r"(?:de la |du |de l['’]|des ))?(?:la |le |les |cette |ce )?(?:journée|synthèse|documents?|fiches?|"
                          r"rapport|textes?|colloque|rencontre)(?: [^,?]{1,40})?\s*,\s*", re.I)


def prepare(raw: str | None) -> PreparedQuestion:
    text = _CONTROL.sub(" ", raw or "")
    text = re.sub(r"\s+", " ", text).strip()
    notices: list[str] = []
    if not re.search(r"\w", text):
        return PreparedQuestion("", ["Votre question est vide : écrivez une question, une objection ou le nom d'un outil."], empty=True)
    if len(text) > MAX_QUESTION_CHARS:
        text = text[:MAX_QUESTION_CHARS].rsplit(" ", 1)[0]
        notices.append(
            f"Votre texte était très long : seuls ses {MAX_QUESTION_CHARS} premiers caractères ont été pris en compte."
        )
    text = _ATTRIBUTION.sub("", text) or text
    english = looks_english(text)
    if english:
        notices.append("Votre question semble rédigée en anglais : l'assistant répond en français, à partir de documents en français.")
    return PreparedQuestion(text, notices, english=english)


_DEFINITION = re.compile(
    r"^\s*(?:qu['’]est-ce que|c['’]est quoi|ce qu['’](?:est|sont)|que (?:fait|sont|signifie|veut dire)|quel(?:le)? est (?:le rôle|la mission|la fonction) d[eu']?s?|"
    r"(?:à )?quoi sert|qui est|présente(?:-moi)?|définis|définition d[eue']?s?)\s*(?:l['’]|la |le |les |un |une |du |de la |des )?"
    # « c'est quoi la ficol de l'afd, ca existe depuis quand ? »: the term ends at the comma
    r"([^,;?]+?)\s*(?:[,;][^?]*)?\??$"
    r"|^\s*(?:l['’]|la |le |les )?(.+?)\s*(?:,|:)?\s*(?:c['’]est quoi|qu['’]est-ce que c['’]est|ça veut dire quoi|"
    r"kesako|définition)\s*\??$", re.I)


_AFTER_TERM = re.compile(r"\s+(?:exactement|concrètement|précisément|en gros|au juste|en vrai|déjà)$", re.I)
_OWNED_ACRONYM = re.compile(r"^([A-Za-z][A-Za-z0-9-]{2,})\s+(?:de la|de l['’]|du|des|de)\s*\S")
# Acronyms a user types in lower case (« la ficol de l'afd », fresh13, tune half): still the acronym.
_ACRONYMS = {"FICOL", "FEXTE", "DAECT", "DCTCIV", "CNCD", "AFD", "CUF", "VSI", "APD", "CGCT", "AFCCRE", "PLATFORMA", "CERV"}


def defined_term(question: str, max_words: int = 6) -> str:
    """"Quel est le rôle de Cités Unies France ?" → "Cités Unies France"; "" when the question defines nothing."""
    # « c quoi la ficol exactement ? » (fresh12, tune half): typed forms written out, an adverb after the term dropped.
    m = _DEFINITION.match(written(question.strip()))
    if not m:
        return ""
    term = _AFTER_TERM.sub("", (m.group(1) or m.group(2) or "").strip(" ?.«»\""))
    # « c'étaient quoi les appels thématiques du ministère en 2024 ? »: the year says when, not what.
    term = re.sub(r"\s+(?:en|de|pour) (?:19|20)\d\d$", "", term)
    # « la FICOL de l'AFD »: the acronym is the term, its owner only says whose it is.
    owned = _OWNED_ACRONYM.match(term)
    if owned and (owned.group(1).isupper() or owned.group(1).upper() in _ACRONYMS):
        term = owned.group(1).upper()
    elif term.upper() in _ACRONYMS:
        term = term.upper()  # « c'est quoi la ficol au juste ? » asks about the FICOL
    return term if 0 < len(term.split()) <= max_words else ""
