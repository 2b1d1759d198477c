"""The form a request asks for: a Facebook comment, « 5-6 lignes », « en 4 phrases », a LinkedIn version, « une
réponse orale de 2 minutes », « une note pour le maire », « réponds-lui par mail ».

Staff ask for the text they will use, not for the argumentation behind it: « il me faut une réponse en
commentaire, courte, factuelle », « Petit post Facebook (5-6 lignes) », « Communiqué de presse + une version
courte pour LinkedIn ». Read here, on the first message, so that the answer is that text; the same words in a
follow-up (« plus court », « en 3 phrases ») act on the last answer instead (see `conversation`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORDS_PER_LINE = 14  # a line of a post or comment as people count them, on a phone or a page
WORDS_PER_SENTENCE = 22  # a sentence of a short reply, quotes included
DEFAULT_SHORT_WORDS = 90  # « courte », « un commentaire », « un post » with no length given
LONGEST_SHORT_FORM = 150  # « 300 mots » is an article's length, not a short form

_NUMBER_WORDS = {"une": 1, "un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
                 "dix": 10}
_NUMBER = r"(\d{1,3}|une|un|deux|trois|quatre|cinq|six|sept|huit|dix)"
# « 5-6 lignes », « (5 à 6 lignes) », « en 4 phrases », « 3 lignes pour le site », « 80 mots max »
_LENGTH = re.compile(rf"\b{_NUMBER}(?:\s*(?:-|à|ou)\s*{_NUMBER})?\s+(lignes?|phrases?|mots)\b", re.I)
WORDS_PER_MINUTE = 130  # a calm, clear delivery in a council chamber
LONGEST_SPOKEN_MINUTES = 5  # longer, the full argumentation is the better base
_MINUTES = re.compile(rf"\b{_NUMBER}(?:\s*(?:-|à|ou)\s*{_NUMBER})?\s*min(?:utes?)?\b", re.I)
_SPOKEN = re.compile(r"\b(?:à l['’]oral|orale?s?|prise de parole|intervention|discours|à dire|dire en séance)\b", re.I)
EMAIL_WORDS = 220  # a reply that is read to the end
NOTE_WORDS = 450  # a page for the mayor
_NOTE = re.compile(r"\b(?:demande|faire|fais|rédige\w*|prépare\w*|écrire|besoin d['’]|il me faut|veut|voudrait)\b"
                   r"[^.?!]{0,40}\b(?:une|la|sa) note\b(?!\s+(?:de|d['’])\s*(?:synthèse|frais|service))|"
                   r"\bnote (?:pour|à l['’]attention d[eu]|au|à la) (?:le |la )?(?:maire|président\w*|DGS|élus?|bureau|cabinet)",
                   re.I)
# « Reformule la comparaison sous forme de mail à la DGS » (fresh19, tune half): the last answer, sent as an email.
_EMAIL = re.compile(r"\b(?:répon\w*|réponse|écrire|écris|écrivez|rédige\w*|envoy\w*|envoie|reformul\w*|transform\w*|"
                    r"fais|fais-en|mets|passe|tourne)\b[^.?!]{0,40}\b(?:par |un |en |sous forme (?:de |d['’]une? ))"
                    r"(?:mail|e-mail|email|courriel)\b|\b(?:mail|e-mail|email|courriel) de réponse\b", re.I)
_MEDIA = (
    ("LinkedIn", re.compile(r"\blinkedin\b", re.I)),
    ("commentaire", re.compile(r"\b(?:en|un|une|le|son|mon|notre) commentaire\b|\bcommenter\b|\bsous (?:notre|la|sa) "
                               r"publication\b.*\bréponse\b", re.I)),
    ("réseaux sociaux", re.compile(r"\b(?:post|publication|tweet)\b.{0,30}\b(?:facebook|fb|insta\w*|twitter|x|"
                                   r"réseaux sociaux)\b|\b(?:facebook|fb|instagram|twitter|réseaux sociaux)\b.{0,15}"
                                   r"\b(?:post|publication|message)\b|\bpetit post\b", re.I)),
)
_SHORT = re.compile(r"\b(?:version|réponse|texte|message|mot|post)s? (?:très )?(?:courte?s?|brève|brefs?)\b|"
                    r"\b(?:courte?|brève),\s*(?:factuel|simple|claire?|posée?)", re.I)
# A full text asked for too: the short form then comes after it (« Communiqué de presse + une version LinkedIn »).
_FULL_FORM = re.compile(r"\b(?:communiqué|article|note|fiche|argumentaire|discours|tribune|édito|newsletter|lettre d['’]information)\b", re.I)
_ALONGSIDE = re.compile(r"(?:\+|\bet (?:aussi )?|\bavec |\ben plus\b|\bégalement\b|\baussi\b)\s*(?:une?\s+|d['’]une?\s+|sa\s+)?(?:petite?\s+|courte?\s+)?"
                        r"(?:version|post|texte|message|déclinaison|\d+\s*lignes|article|communiqué)", re.I)


@dataclass(frozen=True)
class ShortForm:
    """The text the user will use as is (to paste, to read aloud, to send), and how long it may be."""

    label: str  # « Commentaire », « Post LinkedIn », « Version courte (5-6 lignes) », as shown above the text
    max_words: int
    alongside: bool  # after the full text that the request also asks for, instead of in its place
    # « text » to paste; « spoken » (« 2 minutes à l'oral »), « email », « note » (for the mayor), « letter » (to the
    # paper): a rebuttal laid out for that use
    kind: str = "text"
    sentences: int | None = None  # « en 3 phrases »: counted as sentences, not only as words

    @property
    def spoken(self) -> bool:
        return self.kind == "spoken"


def count_of(word: str) -> int:
    """« 3 », « trois », « une » as a number."""
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def _sentences(text: str) -> int | None:
    """The number of sentences asked (« en 3 phrases », « 5-6 phrases max »: the upper bound)."""
    found = next((m for m in _LENGTH.finditer(text) if m.group(3).lower().startswith("phrase")), None)
    return count_of(found.group(2) or found.group(1)) if found else None


# « avec une phrase pour expliquer d'où vient l'argent », « une phrase du maire »: a part the text must hold, not
# its length (review 12: a 300-word article came back as a one-sentence « Version courte »).
_PART_OF_TEXT = re.compile(r"\b(?:avec|dont|plus|ajoute[rz]?|inclu\w*|mets?|mettre)\s+(?:juste\s+|aussi\s+)?$", re.I)
_PART_AFTER = re.compile(r"^\s*(?:pour\s+(?!(?:les?|la|l['’]|une?|notre|nos|votre|vos|mon|ma|mes|ce|cette)\b)\w+er\b|du\b|"
                         r"de la\b|de l['’]|d['’]|de (?:notre|votre|son|sa|leur)\b)", re.I)


# « Communiqué de presse… Je veux rappeler en 2-3 phrases ce qu'est la FICOL » (review 13): in a request for a
# press release or an article, the sentences given to explain one thing are a part of it.
_WHAT_AFTER = re.compile(r"^\s*(?:ce qu['’]|ce que\b|comment\b|pourquoi\b|à quoi\b)", re.I)


# « rappeler en une ligne le cadre légal » (review 20, in a press release): the length of one part, said with the
# verb that asks for it.
_PART_SAID_IN = re.compile(r"\b(?:rappel\w*|dire|expliqu\w*|résum\w*|présent\w*|évoqu\w*|décri\w*|situe[rz]?|"
                           r"mentionn\w*|cite[rz]?)\s+(?:\S+\s+){0,3}?en\s+$", re.I)


def _length(text: str) -> tuple[int, str] | None:
    """The length asked, in words, and how it was asked (« 5-6 lignes »). A text asked longer than a short form
    anywhere in the request (« environ 300 mots ») is a full text, whatever part of it is counted elsewhere."""
    asked = []
    for found in _LENGTH.finditer(text):
        if _PART_OF_TEXT.search(text[:found.start()]) or _PART_AFTER.match(text[found.end():]):
            continue
        if _FULL_FORM.search(text) and (_WHAT_AFTER.match(text[found.end():])
                                        or _PART_SAID_IN.search(text[:found.start()])):
            continue
        upper = count_of(found.group(2) or found.group(1))
        unit = found.group(3).lower()
        words = upper * (WORDS_PER_LINE if unit.startswith("ligne") else WORDS_PER_SENTENCE if unit.startswith("phrase")
                         else 1)
        asked.append((words, found.group(0)))
    if any(words > LONGEST_SHORT_FORM for words, _ in asked):
        return None
    return next(((words, said) for words, said in asked if words > 0), None)


# « une courte intervention que l'adjoint puisse lire en séance » (review 13): a text to read aloud, with no length
# given; beside the arguments when those are asked too.
_SPEECH_ASKED = re.compile(r"\b(?:une?|petite|courte|brève)\s+(?:(?:courte|petite|brève)\s+)?(?:intervention|prise de parole)\b|"
                           r"\b(?:texte|phrases?) à (?:lire|dire) en séance\b|\bpuisse (?:la |le )?lire en séance\b", re.I)
_ASKING_FOR = re.compile(r"\b(?:il me (?:faut|faudrait)|il (?:nous )?faudrait|j['’]ai besoin|je voudrais|j['’]aimerais|"
                         r"prépar\w+|rédig\w+|écri[rsv]\w*|pouvez|peux-tu|pourriez|donne[zr]?-moi|propose[zr]?)\b", re.I)
DEFAULT_SPOKEN_MINUTES = 2
_BRIEF = re.compile(r"\b(?:courte|brève|petite)\s+(?:intervention|prise de parole)\b", re.I)


def spoken_form(text: str) -> ShortForm | None:
    """« une réponse orale de 2-3 minutes », « une intervention d'une minute »: a text to read aloud, of that length."""
    minutes = _MINUTES.search(text)
    if not minutes and _SPEECH_ASKED.search(text) and _ASKING_FOR.search(text):
        upper = 1 if _BRIEF.search(text) else DEFAULT_SPOKEN_MINUTES
        return ShortForm(label=f"Texte à dire (environ {upper} minute{'s' if upper > 1 else ''})",
                         max_words=upper * WORDS_PER_MINUTE, kind="spoken",
                         alongside=bool(re.search(r"\barguments?\b", text, re.I)))
    if not (minutes and _SPOKEN.search(text)):
        return None
    upper = count_of(minutes.group(2) or minutes.group(1))
    if not 0 < upper <= LONGEST_SPOKEN_MINUTES:
        return None
    return ShortForm(label=f"Texte à dire ({minutes.group(0)})", max_words=upper * WORDS_PER_MINUTE, alongside=False,
                     kind="spoken")


# « Je dois répondre par un courrier des lecteurs » (review 13): a letter the paper publishes, signed.
_LETTER = re.compile(r"\bcourrier (?:des lecteurs|au journal|à la rédaction)\b|\bdroit de réponse\b|"
                     r"\blettre (?:ouverte|au journal|à la rédaction)\b", re.I)
LETTER_WORDS = 250


def written_form(text: str) -> ShortForm | None:
    """« Le maire me demande une note », « réponds-lui par mail », « un courrier des lecteurs »: a note for the mayor,
    an email or a letter to the paper."""
    if _NOTE.search(text):
        return ShortForm(label="Note", max_words=NOTE_WORDS, alongside=False, kind="note")
    if _LETTER.search(text):
        return ShortForm(label="Courrier", max_words=LETTER_WORDS, alongside=False, kind="letter")
    if _EMAIL.search(text):
        return ShortForm(label="Courriel", max_words=EMAIL_WORDS, alongside=False, kind="email")
    return None


def _medium(text: str) -> str:
    return next((name for name, pattern in _MEDIA if pattern.search(text)), "")


# « environ 1500 signes », « 1 800 caractères max »: a length in characters, as editors count (about 6 per word).
_SIGNS = re.compile(r"\b(\d[\d  .]*)\s*(?:signes|caractères)\b", re.I)
SHORT_TEXT_SIGNS = 2000  # up to this, an article is written short (one quote per paragraph)


def _few_signs(text: str) -> bool:
    found = _SIGNS.search(text)
    return bool(found) and 0 < int(re.sub(r"\D", "", found.group(1)) or 0) <= SHORT_TEXT_SIGNS


def short_full_text(text: str) -> bool:
    """« Communiqué de presse… Il faudrait un texte court »: the press release itself, kept short, with its genre's
    structure (title, lead, quote, contact), not a one-paragraph « Version courte » in its place (review 12). An
    article asked in few characters (« un édito d'environ 1500 signes ») is one too."""
    return bool(_SHORT.search(text) and _FULL_FORM.search(text) and not _ALONGSIDE.search(text)
                and not _medium(text) and not _length(text)) or (_few_signs(text) and not _medium(text))


# « une réponse courte pour les réseaux sociaux + une version un peu plus argumentée pour notre vice-président »
# (review 13): the full answer too, beside the short one.
# « …800 signes maximum, plus une version plus développée pour la réunion publique » (review 26, q2603).
_LONGER_TOO = re.compile(r"(?:\+|\bet\b|\bavec\b|\bpuis\b|\bplus\b)\s*(?:aussi\s+)?(?:une?\s+)?(?:autre\s+)?version\s+(?:un peu\s+|plus\s+)?"
                         r"(?:plus\s+)?(?:argumentée|longue|détaillée|complète|développée|étoffée)", re.I)


# « deux ou trois chiffres nationaux », « des chiffres précis »: figures the official wants said, as they are today.
FIGURES_WANTED = re.compile(r"\b(?:deux|trois|2|3|quelques|un ou deux|deux ou trois|2 ou 3)\s+chiffres\b|"
                            r"\bchiffres?\s+(?:nationaux|clés|précis|datés)\b", re.I)
SIGNS_PER_WORD = 7  # a quote's « » and a citation's [n] count too: 800 characters hold about 115 words


def _length_in_signs(text: str) -> tuple[int, str] | None:
    """« une réponse publiable, 800 caractères max » (review 25, q2502), when no full text is asked: a short reply of
    that many characters, in words. Longer, it is an article's or a letter's length."""
    found = _SIGNS.search(text)
    if not found or _FULL_FORM.search(text):
        return None
    words = int(re.sub(r"\D", "", found.group(1)) or 0) // SIGNS_PER_WORD
    return (words, found.group(0)) if 0 < words <= LONGEST_SHORT_FORM else None


def short_form(text: str) -> ShortForm | None:
    """The short form the request asks for, or None when it asks for a full answer."""
    laid_out = spoken_form(text) or written_form(text)
    if laid_out:
        return laid_out
    medium = _medium(text)
    signs = _length_in_signs(text)
    length = _length(text) or signs
    if not (medium or length or _SHORT.search(text)) or (short_full_text(text) and not signs):
        return None
    words, said = length or (DEFAULT_SHORT_WORDS, "")
    label = {"LinkedIn": "Post LinkedIn", "commentaire": "Commentaire", "réseaux sociaux": "Post"}.get(medium, "Version courte")
    if said:
        label += f" ({said})"
    # « un communiqué + une version LinkedIn », « un post + un article pour le journal interne »: both texts.
    alongside = bool(_FULL_FORM.search(text) and _ALONGSIDE.search(text)) or bool(_LONGER_TOO.search(text))
    return ShortForm(label=label, max_words=words, alongside=alongside, sentences=_sentences(text))
