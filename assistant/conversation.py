"""Understanding a message in its conversation: what the user wants, before anything is searched.

Offline rules, no language model. A message is one of:
- a new question (it inherits nothing),
- a follow-up ("Et jusqu'à quel taux ?", "Qui la préside ?"), rewritten into a standalone question
  with the topic of the previous turns,
- an instruction on the last answer (shorter, longer, with figures, another mode, another audience),
- a computation (an amount and a population or a budget),
- or a request typed in the wrong mode (an objection in Question mode, an article request).
The conversation is data: a list of turns, oldest first, as an OpenAI-style message list.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from assistant.compose.tools import is_a_tool, is_tool_name, named_tools
from assistant.countries import COUNTRY_NAMES
from assistant.cost import CostFigures, cost_from, cost_in, figures_in
from assistant.dates import DECADE, YEAR, years_asked
from assistant.formats import count_of, written_form
from assistant.oral import written
from assistant.questions import defined_term
from assistant.relevance import proper_nouns

if TYPE_CHECKING:
    from assistant.documents import Answer

INSTRUCTIONS = ("shorten", "expand", "figures", "reformat", "audience")


@dataclass
class Turn:
    role: str  # "user" | "assistant"
    content: str
    mode: str = ""
    answer: "Answer | None" = None  # the app keeps the whole answer; a CLI client only sends its text back


@dataclass
class Understanding:
    intent: str
    text: str  # the standalone question searched, or the instruction applied
    mode: str  # the mode the answer is composed in
    audience: str
    topic: str = ""  # what the conversation is about (the last question, standalone)
    sentences: int | None = None  # "en 3 phrases"
    cost: CostFigures | None = None
    notice: str = ""  # said to the user when the mode changes
    focused: bool = False  # an instruction about one part of the last answer, which `text` asks about


def as_turns(history: "list[Turn] | list[dict[str, Any]] | None") -> list[Turn]:
    """Turns as given, or built from OpenAI-style `[{"role": "user", "content": "…"}, …]` (a `mode` key is kept)."""
    turns = []
    for m in history or []:
        if isinstance(m, Turn):
            turns.append(m)
        elif isinstance(m, dict) and m.get("role") in ("user", "assistant") and isinstance(m.get("content"), str):
            turns.append(Turn(m["role"], m["content"], str(m.get("mode") or ""), m.get("answer")))
    return turns


SHORT_TOPIC_WORDS = 7


def subject(topic: str) -> str:
    """What the conversation is about: its first name when the topic is short (« Parle-moi du FICOL. » → FICOL),
    else the question itself, since one name of a long question or an objection (« Sénégal ») loses what it asked."""
    names = entities(topic)
    if names and len(topic.split()) <= SHORT_TOPIC_WORDS:
        return names[0]
    text = re.sub(r"^\s*(?:parle-moi|parlez-moi|dis-moi|explique-moi|présente-moi)\s+(?:de la |du |des |de l'|de |d')?", "", topic, flags=re.I)
    return _clean(text)


_NAMES_A_TEXT = re.compile(r"^\s*(?:un |une |l['’])?(?:article|communiqué|billet|brève|édito|newsletter|post)\b", re.I)


def article_request(topic: str) -> str:
    """The article a conversation's topic asks for: about its subject, or answering the objection it was."""
    if _WRITE_REQUEST.match(topic) or _NAMES_A_TEXT.match(topic):
        return topic  # already a writing request (« article pour le bulletin municipal sur la loi du 4 août 2021 »)
    if _OBJECTION_CUES.search(topic) or (not topic.rstrip().endswith("?") and len(topic.split()) > SHORT_TOPIC_WORDS):
        return f"Rédige un article en réponse à la critique « {_clean(topic)} »"
    return f"Rédige un article sur {subject(topic)}"


_BRACKETED_NAME = re.compile(r"\(([^(),]+)[^()]*\)\s*\??\s*$")


_ASKS_WHAT_IT_DOES = re.compile(r"\b(?:permet(?:tent)?|fait|sert à) quoi\b|\bc['’]est quoi\b|\bqu['’]est[- ]ce que\b|"
                                r"\b(?:ça|ca) (?:marche|fonctionne) comment\b|\bcomment (?:ça|ca) (?:marche|fonctionne)\b", re.I)


def _tool_of_question(about: str) -> str:
    """« la loi oudin-santini ca permet quoi concretement » asks nothing of figures: its tool, in the user's words
    (« oudin-santini »), is what « et en chiffres ? » is about (fresh15, tune half: the law's definition came back)."""
    if _ELLIPTIC_REWRITE.match(about) or not _ASKS_WHAT_IT_DOES.search(about):
        return about
    # The tool must be what the question is about, named first: « qu'est-ce que la réciprocité dans le volontariat
    # international » is about the réciprocité (fresh2, tune half), « la loi oudin-santini ca permet quoi » the law.
    head = " ".join(re.sub(r"^\s*(?:qu['’]est[- ]ce que|c['’]est quoi)\s+", "", about, flags=re.I).split()[:3])
    tool = next(iter(named_tools(head, limit=1)), None)
    alias = next((m.group(0) for a in (tool.aliases if tool else ()) if is_tool_name(a)
                  and (m := re.search(re.escape(a) + r"[\w-]*", head, re.I))), "")
    return alias or about


_ASKS_WHO_OR_WHEN = re.compile(r"^\s*(?:et\s+)?(?:qui|c['’]est qui|quand|c['’]est quand|depuis quand|où|en quelle année)\b", re.I)


def topic_request(understood: "Understanding") -> str:
    """The request an instruction on the last answer stands for: the same topic, in the new form."""
    if understood.focused:
        return understood.text  # « développe le point sur … »: the part named, asked on its own
    if understood.intent in ("reformat", "figures") and understood.mode == "article":
        return article_request(understood.topic)  # « figures »: the same article, figures first
    if understood.intent == "reformat" and understood.mode == "fiche":
        # A fiche is about a tool: its name. A place or a person named by the topic (« un projet d'eau au Burkina »)
        # is no tool; the fiche is then about the topic itself.
        tools = [n for n in entities(understood.topic) if n in _KNOWN_ENTITIES]
        # « Le truc franco-allemand sort d'où (Fonds citoyen franco-allemand) ? »: a follow-up names what it is
        # about in brackets; that, not the whole question, is the fiche's subject (fresh14, tune half).
        bracketed = _BRACKETED_NAME.search(understood.topic)
        return tools[0] if tools else bracketed.group(1) if bracketed else subject(understood.topic)
    if understood.intent == "figures" and understood.mode == "contre-argument":
        return understood.topic  # the same objection, answered with figures first: its words stay the objection's
    if understood.intent == "figures":
        asked = _asked_beyond_figures(understood.text)
        # « et ça donne quoi en chiffres ? » after « qui l'a utilisé en premier (1 % déchets) ? »: a person or a date
        # has no figures; those of the conversation's subject are meant (fresh16, tune half). After « son statut
        # c'est quoi (France Volontaires) ? », the figures of that statute (fresh5).
        elliptic = _ELLIPTIC_REWRITE.match(understood.topic)
        who_or_when = bool(elliptic) and bool(_ASKS_WHO_OR_WHEN.match(elliptic.group("asked")))
        about = _tool_of_question(subject(_subject_of(understood.topic) if who_or_when else understood.topic))
        if YEAR.search(asked):
            # « l'évolution depuis 2014 » after a question on 2017: the years asked now, first, where the search
            # weighs them (the 2014 passage must be among the first three for the year to count as held).
            about = _clean(re.sub(r"\s*\b(?:en |de |pour )?" + YEAR.pattern, "", about))
            about = re.sub(r"\s*\(([^()]*)\)", r", \1", about)  # « Hors réfugiés (apd…) » → « Hors réfugiés, apd… »
            return f"{asked[:1].upper()}{asked[1:]} ({about}) : combien, en chiffres (montants, millions d'euros) ?"
        return (f"{about} : {asked + ', ' if asked else ''}combien, en chiffres (montants, nombres de projets, "
                "millions d'euros) ?")
    return understood.topic


# « donne moi l'évolution depuis 2014 avec les chiffres » (fresh13, tune half): what is asked besides figures.
_FIGURES_WORDING = re.compile(r"\b(?:donne[sz]?[- ]moi|donnez[- ]nous|peux-tu|tu peux|pouvez-vous|stp|svp|s'il te plaît|"
                              r"s'il vous plaît|merci|avec (?:les |des |quelques )?chiffres|en chiffres|chiffrée?s?|"
                              r"des chiffres|des données|statistiques|et|ok|alors)\b", re.I)


def _asked_beyond_figures(message: str) -> str:
    """The words of a figures instruction that ask for something of their own (« l'évolution depuis 2014 »)."""
    rest = _clean(re.sub(r"\s+", " ", _FIGURES_WORDING.sub(" ", message)).strip(" ,.;:!?"))
    return rest if _word_count(rest) >= 2 else ""


# -- entities: what a follow-up can refer to -------------------------------------------------------
_KNOWN_ENTITIES = (
    "DAECT", "FICOL", "FEXTE", "CNCD", "AFD", "AFCCRE", "CUF", "Cités Unies France", "Oudin-Santini", "loi Oudin",
    "Thiollière", "L1115-1", "L1115-5", "CGCT", "BPI", "PLATFORMA", "VSI", "Sénat", "1 % eau", "1 % déchets",
    "1 % énergie", "1 % mobilité", "France Volontaires", "clés en main",
    "Agence française de développement", "Commission nationale de la coopération décentralisée",
    "aide publique au développement", "APD",
)
# « il existe un 1% pour les transports comme pour l'eau ? »: the tool by its everyday name, carried on by its own.
_SAID_OTHERWISE = {"1 % pour les transports": "1 % mobilité", "1 % transports": "1 % mobilité",
                   "1 % pour les déchets": "1 % déchets", "1 % ordures": "1 % déchets", "1 % poubelles": "1 % déchets",
                   "1 % électricité": "1 % énergie", "1 % pour l'énergie": "1 % énergie"}
_GENERIC_CAPITALS = {"France", "Français", "État", "Etat", "Europe", "Afrique", "République", "Ville", "Commune", "Région",
                     "Département", "Journal", "Et", "Mais", "Quelle", "Quel", "Qui",
                     "Peux", "Pouvez", "Donne", "Parle", "Dis", "Fais", "Explique", "Merci", "Rédige", "Écris",
                     "Transforme", "Résume", "Développe", "Combien", "Depuis", "Avec", "Pour", "Comment", "Pourquoi"}


_OPENS_SENTENCE = re.compile(r"(?:^|[.!?«:\n\"“]\s*|\*\*\s*|_\s*|\]\s*)$")


def _unaccented(text: str) -> str:
    """Same length as `text`, so that positions found in it hold in the original."""
    return "".join(unicodedata.normalize("NFD", c)[0] for c in text)


def entities(text: str) -> list[str]:
    """Named tools, bodies, laws and places in a text, in order of appearance."""
    found: list[tuple[int, str]] = []
    lowered = re.sub(r"(?<=\d)\s?%\s?", " % ", text.lower())  # « 1% énergie » is « 1 % énergie »
    # « cles en main » typed without its accent, « oudin santini » without its hyphen (same length: positions hold)
    folded = _unaccented(lowered).replace("-", " ")
    spans: list[tuple[int, int]] = []
    for said, name in [(n, n) for n in _KNOWN_ENTITIES] + list(_SAID_OTHERWISE.items()):
        pos = folded.find(_unaccented(said.lower()).replace("-", " "))
        end = pos + len(said)
        # « loi oudin santini » is Oudin-Santini, listed first, not also « loi Oudin » over the same words.
        if pos >= 0 and not any(name.lower() in f.lower() or f.lower() in name.lower() for _, f in found) and \
                not any(pos < e and s < end for s, e in spans):
            found.append((pos, name))
            spans.append((pos, end))
    for word in proper_nouns(text):
        if word in _GENERIC_CAPITALS or any(word.lower() in f.lower() for _, f in found):
            continue
        if all(_OPENS_SENTENCE.search(text[:m.start()]) for m in re.finditer(rf"\b{re.escape(word)}\b", text)):
            continue  # « Ce n'est pas… », « Rappeler ce que… »: capitalised because it opens a sentence or a quote
        found.append((lowered.find(word.lower()), word))
    return [name for _, name in sorted(found)]


# -- rules ---------------------------------------------------------------------------------------
_SHORTEN = re.compile(
    r"\b(?:plus (?:court|courte|bref|brève|concis)|résume|résumé|résumer|raccourci\w*|synthétise|abrège|"
    r"en (?:\d+|une|un|deux|trois|quatre|cinq) (?:phrases?|lignes?|mots)|version courte|l'essentiel|en bref|"
    # « trop long, 3 phrases max » (fresh15, tune half): the length complained of, or a length as a maximum.
    r"^\s*(?:c['’ ]?\s?est\s+|(?:ok|bof|hmm?|non|euh)\W+)?(?:beaucoup\s+|un peu\s+)?trop long(?:ue)?|"
    r"(?:\d+|une|deux|trois|quatre|cinq) (?:phrases?|lignes?|mots) max\w*)\b", re.I)
# « développe », « développez » ask for more; « développement » names a subject (« la loi sur le développement solidaire »).
# « dévelope le 2e point » (fresh20, tune half): typed with one « p ».
_EXPAND = re.compile(r"\b(?:d[ée]vel+op+e[rz]?|plus (?:long|longue|d[ée]taill[ée]e?|de d[ée]tails)|d[ée]taille\w*|approfondi\w*|en d[ée]tail)\b", re.I)
_FIGURES = re.compile(r"\b(?:(?:avec|en|des|quelques|avec (?:les|des)) chiffres|chiffres?\b.*\?|chiffrée?s?|des données|statistiques)\b", re.I)
_MODE_WORDS = (
    ("article", re.compile(r"\b(?:article|communiqué|billet|newsletter|lettre d'information|brève|édito|bulletin)\b", re.I)),
    # « transforme en fiche argumentaire » (fresh17, tune half): a rebuttal's sheet, not a sheet on a tool.
    ("fiche", re.compile(r"\bfiche\b(?![\s-]+(?:argumentaire|réponse|de réponse)\b)", re.I)),
    ("contre-argument", re.compile(r"\bcontre-argument\w*|\bréplique\b|\bargumentaire\b", re.I)),
)
# « reformule pour le bulletin municipal » (fresh18, tune half): a rewrite, in the mode the text named.
_REFORMAT = re.compile(r"\b(?:reformule[rz]?|réécris|adapte[rz]?|transforme|fais-en|fais en|fais-moi|fais|faire|m['’]en|"
                       r"convertis|mets|rédige|écris|tourne|version|réponds-lui|réponds-leur|réponds|passe)\b", re.I)
_AUDIENCES = (
    # « explique ça a des etudiants qui veulent partir » (fresh14, tune half): « à » after « explique », accents or not.
    ("public", re.compile(r"(?:\bpour|\bexpliqu\w*(?: (?:ça|ca|cela|le|la|les))? (?:à|a)) (?:des |les |le |la |un |une )?"
                          r"(?:lyc[ée]ens?|jeunes|enfants|[ée]l[èe]ves|coll[ée]giens?|[ée]tudiants?|grand public|habitants|"
                          r"citoyens|presse|journalistes?|non-sp[ée]cialistes|a[îi]n[ée]s|club des a[îi]n[ée]s|s[ée]niors?|"
                          r"retrait[ée]s|personnes [âa]g[ée]es|parents|familles)\b|"
                          # « refais le texte …, simple et sans sigles » (fresh17, tune half): plain words for anyone.
                          r"\bsans (?:sigles?|jargon|acronymes?)\b|\ben (?:termes|mots) simples\b|\bvulgaris\w*", re.I)),
    ("interne", re.compile(r"\bpour (?:une |la )?note interne|pour (?:les |nos )?services\b|"
                           r"\b(?:journal|bulletin|lettre) interne\b|\bintranet\b|\bpour (?:les |nos )?(?:agents|collègues)\b", re.I)),
    ("elu", re.compile(r"\bpour (?:le |un |les )?(?:conseil municipal|conseil|élus|séance)\b", re.I)),
)
_WRITE_REQUEST = re.compile(
    r"^\s*(?:(?:ok|okay|bon|bien|alors|du coup|merci|parfait|super|maintenant)\b[\s,.!]*)*"
    r"(?:(?:peux-tu|pouvez-vous|tu peux|vous pouvez|pourrais-tu|pourriez-vous|merci de)\s+(?:me\s+|nous\s+)?)?"
    r"(?:rédige[rz]?|écri(?:s|vez|re)|prépare[rz]?|propose[rz]?|fai(?:s|tes|re)(?:-en|-moi|-nous| en| moi)?\s+(?:un|une)\s+"
    r"(?:article|communiqué|billet|brève|édito|fiche|newsletter))\b", re.I)
_OBJECTION_CUES = re.compile(
    r"\bon me dit\b|\bm'a dit\b|\b(?:dit|disent|affirme\w*|prétend\w*|"
    r"estime\w*|pense\w*|trouve\w*|soutien\w*|accuse\w*|reproche\w*)(?: aussi| encore| également| souvent)? que\b|"
    # « il va aussi me sortir que c'est du fric qui part à l'étranger » (fresh16, tune half): what someone will say.
    r"\b(?:va|vont|vais|risque\w*|pourrai\w*)\s+(?:(?:me|nous|vous|aussi|encore|sûrement|surement)\s+){0,3}"
    r"(?:sortir|dire|répondre|objecter|rétorquer|balancer|ressortir|opposer)\s+(?:aussi\s+)?qu(?:e\b|['’])|"
    r"\b(?:dira|diront|sortira|sortiront|répondra|répondront)\s+(?:(?:me|nous|aussi|encore|sûrement)\s+){0,2}qu(?:e\b|['’])|"
    r"\bl'opposition\b|\bun opposant\b|"
    r"\bc'est (?:de l'argent|du gaspillage|inutile|un luxe|du tourisme)\b|"
    # « … a posté sous notre publication : « … » Il me faut une réponse en commentaire »: a reply to someone's words.
    r"«[^»]{15,}».*\b(?:réponse en commentaire|(?:lui|leur) répondre|je (?:lui|leur) réponds|réponds-(?:lui|leur)|"
    r"réponse (?:à|au|sous) (?:ce|son|leur|un|le) (?:commentaire|post|message|tweet))\b", re.I | re.S)
# « On m'a dit que c'est dans les années 80 que l'État a nommé quelqu'un…, c'était quand précisément ? »: what was
# said is checked by a question of fact (when, how much), which a rebuttal would not answer.
_ASKS_A_FACT = re.compile(r"\b(?:quand(?! (?:on|il|elle|ils|elles|nous|vous|je|j['’]|tu|les?|la|l['’]|des|un|une|même|"
                          r"bien|ça|c['’]est)\b)|combien|en quelle année|quelle année|à quelle date|quelle date|quel montant|"
                          r"quel taux|quel pourcentage)\b[^.!?«»]*\?\s*$", re.I)
# « c koi la FICOL de l'AFD exactement ? on nous en a parlé en commission »: a question of definition, whatever
# follows it, asks what a thing is; it does not object to it (dialogues fresh 11, tune half).
_ASKS_DEFINITION = re.compile(r"\b(?:qu['’]est[- ]ce (?:que|qu['’])|c['’]est quoi|c koi|que (?:veut dire|signifie))\b[^.!?]*\?",
                              re.I)
# « la loi thioliere c'est quand deja », « 1% dechets c qui qui peut l'utiliser »: a question typed without its
# question mark (fresh12, tune half) asks a fact; an objection says something.
_ASKS_UNMARKED = re.compile(r"\bc['’]est (?:quand|qui|quoi|combien|où)\b|\bqui (?:peut|peuvent|a|gère|finance|paie|g[eè]re)\b|"
                            r"\b(?:ça|ca) date de quand\b|\b(?:depuis|jusqu['’]à) quand\b|\bqu['’]est[- ]ce (?:que|qu['’]|qui)\b|"
                            r"^\s*(?:combien|quand|quel(?:le)?s?|qui)\b|"
                            # « et l'argent il est versé comment » (fresh13, tune half): the question word comes last.
                            r"\b(?:comment|quand|combien|pourquoi|où)\s*$", re.I)
# « on aide des villages au burkina alors que nos routes sont pourries, c indefendable non ? » (fresh12, tune half): a
# claim put as a question for agreement is said, not asked.
_TAG_QUESTION = re.compile(r"[,\s]+(?:non|hein|pas vrai|n['’]est-ce pas|(?:tu|vous) (?:ne )?trouve[sz]? pas)\s*\?\s*$", re.I)
# « … je lui réponds quoi ? », « comment leur répondre ? »: a rebuttal asked for, whatever facts the message asks about.
_ASKS_REBUTTAL = re.compile(r"\b(?:je (?:lui|leur) (?:réponds|dis) quoi|(?:que|quoi|comment) (?:lui|leur) (?:répondre|dire)|"
                            # « Un élu a posté : « … ». Que répondre ? » (seen in a browser, eighth session)
                            r"(?:que|quoi|comment) (?:y )?répondre(?=\s*\?)|"
                            r"comment (?:je|on) (?:lui|leur) répond\w*|qu['’]est-ce que (?:je|j['’]|on) (?:lui|leur) répond\w*|"
                            r"aidez?-moi à (?:lui|leur) répondre)\b", re.I)
# "ce dispositif", "cette ville": a demonstrative pointing at the topic of the previous turns.
_DEMONSTRATIVE = re.compile(
    r"\b(?:ce|cet|cette|ces) (?:dispositif|fonds|outil|programme|loi|ville|commune|pays|projet|appel|aide|association|"
    r"organisme|réseau|texte|article|partenariat|coopération|métropole|collectivité|structure|commission|agence|"
    r"délégation|facilité|financement|instance|jumelage)s?\b", re.I)
# « existe-t-il », « peut-elle »: an inverted pronoun is the verb's own subject, never the topic's place.
_SUBJECT_PRONOUN = re.compile(r"(?<!-)\b(?:elle|il(?! (?:faut|y a|s'agit|est possible|existe|reste))|celle-ci|celui-ci)\b",
                              re.I)
_OBJECT_PRONOUN_QUESTION = re.compile(r"^\s*(?:qui|comment|quand|où) (?:la|le|les|l')\b", re.I)  # "Qui la préside ?"
# « Un jeune en service civique peut-il partir… ? »: a pronoun put after its verb repeats the subject named before
# it (review 18, R12); only « Peut-elle… ? », with no subject before the verb, stands for the topic.
_ANAPHORA = re.compile(r"(?<!-)\b(?:elle|il(?! y a\b)|elles|ils|celle-ci|celui-ci|celle-là|celui-là)\b|"
                       r"^\s*(?:et\s+)?\w+-(?:t-)?(?:elle|il|elles|ils)\b", re.I)
# « ok et ça finance combien ? », « d'accord, et pour une petite commune ? »: an acknowledgement, then the message.
_ACKNOWLEDGED = re.compile(r"^\s*(?:ok(?:ay)?|d['’]accord|ah|bon|super|merci|parfait|top|oui|ouais|très bien|génial|cool)"
                           r"\b[\s,.!]*(?=\w)", re.I)
# « par contre avec la commune d'Antsirabe on peut ? » (fresh21, tune half): the same subject, in another case.
_ELLIPSIS_START = re.compile(r"^\s*(?:et|mais|ou|aussi|puis|alors|par contre|en revanche)\b[\s,]*", re.I)
# « Sinon, pour un VSI, l'indemnité c'est combien ? », « Autre question : … »: the user changes the subject.
_NEW_SUBJECT_WORDS = r"(?:sinon|autre (?:question|chose|sujet)|rien [àa] voir|changement de sujet|une autre question|par ailleurs)\b"
_NEW_SUBJECT = re.compile(rf"^\s*{_NEW_SUBJECT_WORDS}", re.I)
_SHORT_QUESTION = re.compile(r"^\s*(?:et\s+)?(?:(?:dans|en|pour|avec|sur|par|à|de|depuis|jusqu'à)\s+)?"
                             r"(?:combien|depuis quand|quand|où|pourquoi|comment|qui|avec qui|avec quel\w*|"
                             r"jusqu'à quel\w*|quel\w*|lesquel\w*|à quel\w*|pour qui|de combien)\b", re.I)

# « elle a été votée comment au sénat ? », « c'est ouvert à qui ? », « ça venait surtout des agences de l'eau ? »: a
# message that opens on a pronoun continues the conversation (« c'est quoi la FICOL ? » names its own subject).
# « c'est toujours interdit de signer avec un État étranger ? »: « c'est » before an adjective and « de » is impersonal,
# its subject the infinitive that follows (review 18, R10).
_IMPERSONAL_IT = r"(?:\s+(?:toujours|encore|vraiment|bien|désormais|aussi|pas))?\s+\w+\s+(?:de|d['’])\s*\w+(?:er|ir|re)\b"
_OPENS_ON_PRONOUN = re.compile(r"^\s*(?:et\s+)?(?:elles?|ils?(?! (?:faut|y a|s'agit|est possible|existe|reste))|"
                               r"ça|ca|cela|c['’]est|c['’][ée]tait|son|sa|ses|leurs?)\b"
                               # « c'est quoi la FICOL ? » names its subject; « c'est qui qui peut demander ? » does not.
                               rf"(?!\s*(?:quoi|qui|quel\w*)\s+(?!qui\b|que\b|qu['’])\w)(?!{_IMPERSONAL_IT})", re.I)
# « les régions en ont apporté combien ? », « qui a été la première ville à l'utiliser ? », « t'as un exemple ? »:
# a pronoun standing for the topic inside the sentence, or a request for an example of it.
_POINTS_INSIDE = re.compile(r"\ben (?:ont|a|avait|avaient|sont|est|faut|reste|restait)\b|"
                            # « la 1ere ville a l'utiliser » typed without the accent: still the preposition.
                            r"\b(?:[àa]|de|pour|peut|peuvent|doit|doivent|faut) (?:l['’]|la |le |les )[a-zé]+(?:er|ir|re)\b|"
                            r"\b(?:un|des) exemples?\b|"
                            # « les collectivités avaient donné combien à ce moment-là ? »: the time the topic was about.
                            # « on peut payer de l'irrigation avec ? »: a preposition left without its object.
                            r"\b(?:avec|dessus|dedans|sans)\s*\?\s*$|"
                            r"\b[àa] ce moment[- ]?l[àa]\b|\b[àa] (?:l['’]|cette )[ée]poque\b|\bcette ann[ée]e[- ]l[àa]\b|\b[àa] cette date\b|"
                            # « si on la fait pas on risque quoi ? » after the APD declaration (fresh16, tune half).
                            r"\b(?:on|je|nous|vous|tu)\s+(?:ne\s+|n['’])?(?:la|le|les|l['’])\s?(?!plus\b|pas\b)[a-zé]{3,}",
                            re.I)
# « c'est quoi cet Atlas dont tu parles ? » (fresh16, tune half): a thing of the last answer, whatever its name.
_POINTS_TO_ANSWER = re.compile(r",?\s*\b(?:dont (?:tu|vous) (?:parle[sz]?|as parlé|avez parlé)|"
                               r"que (?:tu|vous) (?:cite[sz]?|mentionne[sz]?|évoque[sz]?|as cité|avez cité|as mentionné)|"
                               r"dont il est question|(?:mentionnée?s?|citée?s?|évoquée?s?) (?:plus haut|ci-dessus|juste avant))\b",
                               re.I)
# « c'est quels pays qui ont le plus de projets ? » after a question on the Atlas: which ones among what was asked.
# (« c'est quoi la FICOL ? » names its subject; a kind of place or project does not.)
_WHICH_OF_THEM = re.compile(r"^\s*(?:et\s+)?c['’]est (?:quel|quelle|quels|quelles) (?:pays|villes?|communes?|collectivités?|"
                            r"projets?|régions?|départements?|années?|partenaires?)\b", re.I)
# « honnêtement on a quelles chances d'être retenus ? » (fresh19, tune half): what « we » may expect of the topic.
_IMPERSONAL_START = re.compile(r"^\s*(?:et\s+)?(?:il\s+)?faut\b|^\s*(?:et\s+)?(?:(?:honnêtement|franchement|concrètement|"
                               r"du coup|bon|alors|en vrai|sérieusement|au fait),?\s+)?(?:nous,?\s+)?on (?:peut|doit|"
                               r"a (?:quel\w*|combien|le droit|droit|intérêt)|fait comment|s['’]y prend)\b|"
                               r"^\s*(?:et\s+)?(?:celui|celle|ceux|celles)\s+(?:de|du|d['’])", re.I)
_VAGUE_SUBJECT = re.compile(r"\b(?:ça|cela|c['’]est|c['’][ée]tait)\s+(?!quoi\s+\w)\w+", re.I)
# « et en 2012 ? »: the same question, about another year.
_ANOTHER_YEAR = re.compile(r"^\s*(?:et\s+)?(?:en|pour|sur)\s+((?:19|20)\d\d)\s*(?:,?\s*(?:c['’]était|c['’]est|ça donne)"
                           r"\s+combien)?\s*\??\s*$", re.I)

# « ca fait cmb par personne » (fresh14, tune half): typed without the cedilla, « combien » abbreviated.
_ASKS_SUM = re.compile(r"\b(?:combien|cmb|cb)\b|\b(?:ça|ca) fait\b|\bcalcule\w*|\bpar (?:habitant|personne|tête)\s*\?", re.I)


def _sentences_asked(message: str) -> int | None:
    m = re.search(r"(?:\ben |^|,\s*)(\d+|une|un|deux|trois|quatre|cinq) (?:phrases?|lignes?)", message, re.I)
    return count_of(m.group(1)) if m else None


def _asked_mode(message: str) -> str | None:
    for mode, pattern in _MODE_WORDS:
        if pattern.search(message):
            return mode
    return None


def _asked_audience(message: str) -> str | None:
    for audience, pattern in _AUDIENCES:
        if pattern.search(message):
            return audience
    return None


def _instruction(message: str) -> tuple[str, str | None, str | None] | None:
    """(intent, new mode, new audience) when the message acts on the last answer."""
    words = len(message.split())
    if words > 16:
        return None
    mode = _asked_mode(message)
    if mode and (_REFORMAT.search(message) or words <= 4):
        return "reformat", mode, None
    if _REFORMAT.search(message) and written_form(message):
        return "reformat", None, None  # « reformule sous forme de mail à la DGS »: the same answer, as an email
    if _SHORTEN.search(message):
        return "shorten", None, None
    if _EXPAND.search(message):
        return "expand", None, None
    # Counted in words, not in question marks: « ya bcp de monde qui fait ca ? des chiffres ? » (fresh18, tune half).
    if _FIGURES.search(message) and _word_count(message) <= 10:
        return "figures", None, None
    audience = _asked_audience(message)
    if audience and (words <= 8 or re.search(r"\b(?:adapte|réécris|reformule|explique|version|dis-le|dit autrement|refai[st]|refaire|"
                                                  r"simplifie|reprends)\b", message, re.I)):
        return "audience", None, audience
    return None


# « développe le point sur les dépenses de fonctionnement », « sur la réciprocité t'as des chiffres ? » (fresh17, tune
# half): an instruction about one part of the last answer, named after « sur ». Not « sur ce point » nor « sur ça ».
_FOCUS = re.compile(
    # « développe l'exemple de Châtellerault » (fresh21, tune half): the example named.
    r"\b(?:sur|concernant|à propos (?:de|du|des|d['’])|au sujet (?:de|du|des|d['’])|(?<=l['’])exemple (?:de|du|des))\s+"
    r"(?!(?:ce|cet|cette|ces)\s+(?!que\b|qu['’])|(?:ça|ca|cela|le sujet|la question|la réponse|le texte)\b)"
    r"(.{4,80}?)\s*(?:[,?!.;]|\b(?:stp|svp|t['’]as|tu as|as-tu|avez-vous|vous avez|j['’]ai|merci|s['’]il te plaît)\b|$)",
    re.I)
FOCUSED_INTENTS = ("expand", "figures")


def _focus(message: str) -> str:
    """The part of the last answer an instruction is about (« les dépenses de fonctionnement »), if it names one."""
    found = _FOCUS.search(message)
    if not found or re.match(r"^(?:\d+|une|deux|trois|quatre|cinq)\s+(?:phrases?|lignes?|paragraphes?|pages?)\b",
                                 found.group(1), re.I):
        return ""
    return _clean(found.group(1))


def _focused(intent: str, focus: str, memory: "_Memory") -> str:
    """The standalone question a focused instruction stands for: the part named, in the conversation's subject
    when that subject is short (an objection's long words would drown it; a rebuttal is about cooperation)."""
    about = memory.subject if memory.subject and _word_count(memory.subject) <= 10 else ""
    if memory.last_mode == "contre-argument" or memory.last_intent == "objection":
        about = "coopération décentralisée"  # a rebuttal's subject, whatever the objection's words
    asked = f"{focus[:1].upper()}{focus[1:]}" + (f" ({about})" if about and about.lower() not in focus.lower() else "")
    if intent == "figures":
        return f"{asked} : combien, en chiffres ?"  # no « montants »: the figures of the part named, of any kind
    return f"{asked} ?"


def _within(objection: str, topic: str) -> bool:
    """The topic is a follow-up asked within the objection's rebuttal: it carries its words in brackets."""
    head = _unaccented(_clean(objection).lower())[:40]
    return bool(head) and head in _unaccented(topic.lower()) and _unaccented(topic.lower()).find(head) > 0


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(" ?.!").strip()


def _word_count(text: str) -> int:
    """« clés en main » is three words, its quotes none."""
    return len(re.findall(r"\w[\w'’-]*", text))


def _names_its_subject(message: str) -> bool:
    """« la chaire sur l'action internationale des collectivités à Sciences Po Grenoble, elle a ouvert quand ? »: a
    subject put first and named in full; the pronoun after it stands for it, not for the previous topic."""
    first = _SUBJECT_FIRST.match(message)
    return bool(first) and len(first.group(1).split()) >= 4 and not re.match(
        r"^(?:ce|cet|cette|ces)\b", first.group(1), re.I) and not re.search(r"\b(?:son|sa|ses|leurs?)\b", first.group(1), re.I)


# « y a quel dispositif ? », « quelles aides existent ? » (fresh16, tune half): a question that looks for a tool asks
# about none of those already spoken of.
_ASKS_WHICH_TOOL = re.compile(r"\b(?:quel(?:s|le|les)? (?:dispositifs?|outils?|programmes?|aides?|financements?|fonds|"
                              r"leviers?|solutions?)|y a quoi comme|qu['’]est-ce qui existe)\b", re.I)


# « pour un groupe de jeunes », « pour nos agents »: someone else the tool is sought for. (« et avant 2021 c'etait quel
# programme ? », fresh13, asks the same thing of another time: a follow-up.)
_FOR_WHOM = re.compile(r"\bpour (?:un|une|des|les|nos|notre|mon|ma|mes|le|la|l['’])\s*\w+", re.I)


# « t'aurais un exemple de… ? », « vous avez un exemple concret ? »: an example of what the conversation is about.
_ASKS_AN_EXAMPLE = re.compile(r"\b(?:t['’]aurais|t['’]as|tu as|tu aurais|auriez-vous|avez-vous|vous avez|as-tu|"
                              r"aurais-tu)\b[^?]{0,15}\bexemples?\b", re.I)
EXAMPLE_ASKED_WORDS = 20
_INSIDE_IT = re.compile(r"\b(?:là-)?dedans\b", re.I)
INSIDE_IT_WORDS = 14
ELLIPTIC_WORDS = 4  # « beaucoup de dossiers retenus ? » (fresh20, tune half)
_CIRCUMSTANCE = re.compile(rf"(?:{COUNTRY_NAMES})|PMA|APD|UE|Afrique|Europe|Asie|Amérique latine|Maghreb|Sahel", re.I)
HYPOTHESIS_WORDS = 20
_HYPOTHESIS = re.compile(r"^\s*(?:et|mais)\s+si\b", re.I)


def _is_followup(message: str) -> bool:
    # « ok et sinon le délégué… il a été créé quand ? »: a new subject, however the message opens.
    if _NEW_SUBJECT.match(_ELLIPSIS_START.sub("", message)) or _names_its_subject(message):
        return False
    if _POINTS_TO_ANSWER.search(message):
        return True
    if _INSIDE_IT.search(message) and _word_count(message) <= INSIDE_IT_WORDS:
        return True  # « le Sénégal il met des sous lui aussi dedans ? » (fresh21, tune half): inside what was asked
    if _ASKS_WHICH_TOOL.search(message) and _FOR_WHOM.search(message) and not (
            _ANAPHORA.search(message) or _DEMONSTRATIVE.search(message)):
        return False  # « ok et pour un groupe de jeunes du quartier y a quel dispositif ? »: which tool, not this one
    own = entities(message)
    words = _word_count(message)
    points_back = _ANAPHORA.search(message) or _DEMONSTRATIVE.search(message) or _OBJECT_PRONOUN_QUESTION.match(message)
    if points_back and not own:
        return True
    opens = _OPENS_ON_PRONOUN.match(message)
    # « ça peut marcher au Liban ? c'est pas un PMA » (fresh20, tune half): a country, or a category of countries, is
    # where the thing is asked about, not the thing « ça » stands for.
    subjects = [n for n in own if not _CIRCUMSTANCE.fullmatch(n)]
    if opens and (not subjects or (opens.group(0).strip().lower() not in ("ça", "ca", "cela") and "," not in message)):
        return True  # « elle a été votée comment au Sénat ? »: the Sénat is not what « elle » stands for
    if _ELLIPSIS_START.match(message) and (words <= 12 or (not own and words <= 18)):
        return True  # « et nous la commune on doit mettre au moins combien de notre côté ? »
    if words <= 10 and not own and (_POINTS_INSIDE.search(message) or _WHICH_OF_THEM.match(message)):
        return True
    if _ASKS_AN_EXAMPLE.search(message) and not own and words <= EXAMPLE_ASKED_WORDS and message.rstrip().endswith("?"):
        return True  # « t'aurais un exemple de commune qui a réussi à garder sa coopération… ? » (fresh21, tune half)
    if words <= 8 and not own and (_VAGUE_SUBJECT.search(message) or _IMPERSONAL_START.match(message)):
        return True  # « hors réfugiés ça donne quoi ? », « faut combien de collectivités minimum ? »
    if words <= ELLIPTIC_WORDS and not own and message.rstrip().endswith("?"):
        return True  # « hors réfugiés ? » (fresh19, tune half): a few words, no verb, no name of their own
    if _HYPOTHESIS.match(message) and words <= HYPOTHESIS_WORDS and not any(n in _KNOWN_ENTITIES for n in own):
        return True  # « et si on se contente de financer une ONG qui fait le projet ? » (fresh19, tune half)
    return words <= 5 and not own and bool(_SHORT_QUESTION.match(message))


# « L'appel général, il était ouvert jusqu'à quand ? »: the pronoun stands for the phrase before the comma
# (spoken French puts the subject first), not for the previous topic.
# « le franco libanais il portait sur quels sujets ? »: spoken, without the comma.
# « et sa métropole elle fait comment… ? » (fresh11, tune half): a possessive too puts the subject first.
_DISLOCATED = re.compile(r"^((?:l['’]|le |la |les |ce |cet |cette |ces |sa |son |ses |leur |leurs )[^,?]{2,50}?),?\s+"
                         r"(?:il|elle|ils|elles)\b\s*", re.I)
# The subject a question puts first, with or without its comma (« la loi du 4 aout 2021… elle a été votée comment ? »):
# what the next pronouns stand for.
_SUBJECT_FIRST = re.compile(r"^((?:l['’]|le |la |les |ce |cet |cette |ces )[^,?]{2,90}?)(?:,?\s+|,\s*qu['’]est-ce qu['’])"
                            r"(?:il|elle|ils|elles)\b(?!-)", re.I)
# « la loi du 4 aout 2021 ca change quoi pour nous ? » (fresh15, tune half): a common noun put first before « ça » is
# what the next question's « elle » stands for.
_NOUN_FIRST_CA = re.compile(r"^((?:l['’]|le |la |les )[a-zàâçéèêîôûœ][^,?]{2,90}?),?\s+(?:ça|ca|cela)\b", re.I)
# « et celui de 2021-2022 il en demandait combien ? »: the same thing as the topic, of another edition.
_SAME_OF_ANOTHER = re.compile(r"^(?:celui|celle|ceux|celles)\s+(?=de |du |d['’]|pour |sur )", re.I)
_SUBJECT_CA = re.compile(r"^(?:ça|ca|cela)\s+(?=(?:date|existe|marche|fonctionne|sert|concerne|finance|vise|dure|"
                         r"remonte|vient|s['’]applique|coûte|rapporte)\b)", re.I)
# « Pourquoi ce pays a fait ça ? »: the message points at what the previous question asked, not only at its names.
_VAGUE_OBJECT = re.compile(r"\b(?:ça|cela|ceci|ce (?:chiffre|montant|taux|nombre|pourcentage)|cette (?:somme|date|année))\b",
                           re.I)


# « et ça a évolué comment sur la durée, genre depuis les années 2000 ? » (fresh19, tune half): a follow-up that says
# its own time keeps none of the topic's years (« …(2017) » made it abstain).
_OWN_TIME = re.compile(rf"{YEAR.pattern}|{DECADE.pattern}|\bsur la durée\b|\bdepuis (?:le début|toujours|\w+ ans)\b|"
                       r"\bévolu\w*|\bau fil des (?:ans|années)\b|\bdans le temps\b", re.I)


_COMPARES = re.compile(r"\bplus ou moins\b|\bpar rapport\b|\bcompar\w*|\b(?:plus|moins|autant) (?:\w+ )?qu(?:e|['’])|\bvs\b", re.I)


def _years_left_out(topic: str, core: str) -> list[str]:
    """The years the topic named and the follow-up does not: « Et la date limite ? » after « …en 2022 ? »; none when
    the follow-up names its own time."""
    own_time = _OWN_TIME.search(core) and not _COMPARES.search(core)  # « plus ou moins que sur 2014-2016 ? »: both
    return [] if own_time else [y for y in YEAR.findall(topic) if y not in core]


# Typed without accents too (« et l'annee d'avant ? », fresh15, tune half).
_YEAR_BEFORE = re.compile(r"\b(?:l['’](?:ann[ée]e|an) (?:d['’]avant|pr[ée]c[ée]dente|pass[ée]e)|un an (?:plus t[ôo]t|avant))\b", re.I)
_YEAR_AFTER = re.compile(r"\b(?:l['’](?:ann[ée]e|an) (?:d['’]apr[èe]s|suivante)|un an (?:plus tard|apr[èe]s))\b", re.I)


def _year_shifted(message: str, topic: str) -> str | None:
    """« Et l'année d'avant ? » after « …en 2016 ? »: the same question, about 2015; « et en 2012 ? », about 2012.
    A decade (« depuis les années 2000 ») is no year to shift (« les années 2023 »)."""
    years = YEAR.findall(topic)
    if len(set(years)) != 1 or DECADE.search(topic):
        return None
    another = _ANOTHER_YEAR.match(message)
    if another:
        return re.sub(rf"\b{years[0]}\b", another.group(1), topic)
    shift = -1 if _YEAR_BEFORE.search(message) else 1 if _YEAR_AFTER.search(message) else 0
    return re.sub(rf"\b{years[0]}\b", str(int(years[0]) + shift), topic) if shift else None


def _said_of_another_year(message: str, topic: str) -> str:
    """« et l'année d'avant c'était combien pour les pays les plus pauvres ? » after a question on 2025: the message
    itself, about 2024, with the topic (its year left out) as context."""
    year = YEAR.findall(topic)[0]
    before = _YEAR_BEFORE.search(message)
    phrase = before or _YEAR_AFTER.search(message)  # « et en 2012 ? » is short: _year_shifted answers it whole
    if phrase is None:
        return f"{_clean(message)} ({_clean(topic)}) ?"
    shifted = int(year) + (-1 if before else 1)
    core = _clean(_ELLIPSIS_START.sub("", f"{message[:phrase.start()]}en {shifted}{message[phrase.end():]}"))
    context = _clean(re.sub(rf"\s*\b(?:en |pour |dans )?{year}\b", "", topic))
    return f"{core[:1].upper()}{core[1:]} ({context}) ?"


NATIONAL_FIGURES = ("Quels sont les chiffres nationaux de l'action internationale des collectivités : aide publique au "
                    "développement déclarée, nombre de collectivités engagées, de partenaires et de pays ?")


def _named_by_its_noun(message: str, answer_entities: list[str]) -> str:
    """« la commission qu'elle a créée » after an answer naming the « Commission nationale de la coopération
    décentralisée »: the name whose first word the message uses as a common noun."""
    # « cet Atlas dont tu parles » names the « Atlas français de la coopération décentralisée » with its capital.
    words = set(re.findall(r"\b[a-zà-ÿ]{5,}\b", message.lower()))
    return next((e for e in answer_entities if " " in e and e.split()[0].lower() in words), "")


# « et le truc franco-allemand il sort d'où ? » after an answer on the « Fonds citoyen franco-allemand »: a thing of
# the answer named by its own adjective, the message's word that only the answer used (fresh14, tune half).
_THING_WORD = re.compile(r"\b[a-zà-ÿ]+-[a-zà-ÿ]+\b|\b[a-zà-ÿ]{7,}\b")


def _thing_pointed(message: str, topic: str, answer: str) -> str:
    """The answer's name (a capitalised word and up to three more) that ends on a word of the message found in the
    answer but not in the question before it."""
    dislocated = _DISLOCATED.match(_ELLIPSIS_START.sub("", message).strip())
    if not dislocated or entities(dislocated.group(1)):
        return ""
    for word in _THING_WORD.findall(dislocated.group(1).lower()):
        if word in topic.lower():
            continue
        for found in re.finditer(rf"\b{re.escape(word)}\b", answer, re.I):
            before = answer[: found.start()].split()[-4:]
            capital = next((i for i, w in enumerate(before) if w[:1].isupper()), None)
            if capital is not None:
                return " ".join(before[capital:] + [found.group(0)])
    return ""


_ASKS_FOR_PLACES = re.compile(r"\bexemples?\b|\b(?:quelles?|des|les) (?:villes|communes|collectivités|métropoles)\b|"
                              r"\bquelle (?:ville|commune|collectivité|métropole)\b", re.I)
_PLACE_POINTED = re.compile(r"\b(?:cette|ces) (?:ville|commune|métropole|collectivité|agglomération)s?\b", re.I)


def _place_pointed(message: str, topic: str, answer_entities: list[str]) -> str:
    """« les jeunes de cette ville » after an answer on « des villes… au Burkina » telling Châtellerault's project:
    the town the answer named, not the country the question did. Only when the question asked for one (« un
    exemple de villes… », « quelle commune… ») : a question naming its town (« Comment Commercy… ») keeps it."""
    if not _PLACE_POINTED.search(message) or not _ASKS_FOR_PLACES.search(topic):
        return ""
    return next((e for e in answer_entities if e not in _KNOWN_ENTITIES and not e.isupper()
                 and e.lower() not in topic.lower()), "")


_PERSON_POINTED = re.compile(r"\b(?:ce|cet|cette) (sénateur|sénatrice|maire|député|députée|ministre|président|présidente|"
                             r"élu|élue|directeur|directrice|délégué|déléguée|monsieur|dame|intervenant|intervenante)\b",
                             re.I)
_FULL_NAME = re.compile(r"\b([A-ZÉ][a-zéèëïô]+(?:[- ](?:de |du |de la )?[A-ZÉ][\w’'-]+)+)")


def _person_pointed(message: str, answer: str) -> str:
    """« il était élu où ce sénateur ? » after « …l'amendement du sénateur de la Gironde Xavier Pintat »: the full
    name the answer gives next to that title."""
    pointed = _PERSON_POINTED.search(message)
    if not pointed or not answer:
        return ""
    for title in re.finditer(rf"\b{pointed.group(1)}\b", answer, re.I):
        near = _FULL_NAME.search(answer, title.end(), title.end() + 60)
        if near:  # « de la Gironde Xavier Pintat »: the person's own two names, not the place before them
            return " ".join(near.group(1).split()[-2:])
    return ""


_OF_YEAR_POINTED = re.compile(r"\b(?:celle|celui|celles|ceux) (?:de|d['’]|du) ((?:19|20)\d\d)\b", re.I)


def _year_pointed(message: str, topic: str, answer: str) -> str:
    """« et celle de 2007 elle a apporté quoi ? » after an answer listing « 6 février 1992 : la loi d'orientation… »
    and « 2 février 2007 : loi n° 2007-147, dite loi Thiollière… »: the name the answer gives in its sentence
    about that year."""
    pointed = _OF_YEAR_POINTED.search(message)
    if not pointed or not answer:
        return ""
    for sentence in re.split(r"(?<=[.!?])\s+|\[\d+\]", answer):
        if pointed.group(1) in sentence:
            found = [e for e in entities(sentence) if e.lower() not in topic.lower() and not YEAR.fullmatch(e)]
            if found:
                return found[0]
    return ""


_ELLIPTIC_REWRITE = re.compile(r"^(?P<asked>[^()]{2,80}?)\s*(?:\?\s*)?\((?P<subject>[^()]*(?:\([^()]*\)[^()]*)?)\)\s*\??\s*$")


LONG_SUBJECT_WORDS = 14
NAMED_CONTEXT_WORDS = 10
_STATEMENT_BEFORE = re.compile(r"(?<=[.!])\s+(?=[A-ZÀ-Ý«])")


def _subject_of(topic: str) -> str:
    """« qui peut postuler ? » after « Ça finance combien par projet ? (qu'est-ce que la FICOL) »: a short follow-up
    replaces what the last one asked and keeps its subject, « qu'est-ce que la FICOL », not the amounts."""
    elliptic = _ELLIPTIC_REWRITE.match(topic)
    subject = elliptic.group("subject").strip() if elliptic and elliptic.group("subject").strip() else topic
    # « On monte un dossier pour l'appel à projets 2025… Le cofinancement va jusqu'à combien ? » (fresh19, tune
    # half): the question asked, not the situation told before it, which brought every follow-up back to the rates.
    asked = _STATEMENT_BEFORE.split(subject.strip())[-1]
    subject = asked if len(subject.split()) > LONG_SUBJECT_WORDS and len(asked.split()) >= 3 else subject
    # « c'est quoi la FICOL ? » is about the FICOL: « qui peut postuler ? » is not a question of definition.
    return defined_term(subject) or subject


# A complement with no question of its own (« au lancement de l'atlas », « pour les départements en 2015 »).
_COMPLEMENT_ONLY = re.compile(r"^(?:au|aux|à|lors|en|dans|pour|avant|après|depuis|chez|sur)\b(?!.*\b(?:quand|combien|qui|quel\w*|"
                              r"comment|où|pourquoi|quoi)\b)[^?]{0,60}\??\s*$", re.I)
_NOW = re.compile(r"\s*\b(?:aujourd['’]?hui|actuellement|en ce moment|maintenant|à ce jour)\b", re.I)


def _shares_a_word(complement: str, topic: str) -> bool:
    """« au lancement de l'atlas » and « … d'après l'atlas aujourd'hui ? » share « atlas »: the same question's frame."""
    words = {w for w in re.findall(r"\w{5,}", _unaccented(complement.lower()))}
    return bool(topic) and any(w in _unaccented(topic.lower()) for w in words)


# « peut la demander », « faut le remplir »: an object pronoun before a verb after a modal, standing for the topic.
_CLITIC_OBJECT = re.compile(r"\b(peut|peuvent|doit|doivent|faut|pourrait|pourraient|veut|veulent)\s+(?:la |le |les |l['’])"
                            r"([a-zàâçéèêëîïôûùüÿœ]+(?:er|ir|re))\b", re.I)


# « et pour les déchets ? » after « la loi oudin-santini ça permet quoi ? » (fresh15, tune half): the same question of
# another « 1 % », named by its field.
_ONE_PERCENT_FIELD = {"déchets": "1 % déchets", "dechets": "1 % déchets", "ordures": "1 % déchets",
                      "énergie": "1 % énergie", "energie": "1 % énergie", "électricité": "1 % énergie",
                      "gaz": "1 % énergie", "transports": "1 % mobilité", "transport": "1 % mobilité",
                      "mobilité": "1 % mobilité", "mobilite": "1 % mobilité", "eau": "1 % eau"}
# « pour les déchets ? », « et pour l'électricité et le gaz c pareil ? », « idem pour les transports ? » (fresh17, tune
# half): the same question, asked of another field.
_SAME_AGAIN = r"(?:c['’ ]?\s?est |c |ça |ca )?(?:pareil|idem|la même chose|pareil aussi|aussi)"
_FIELD_ONLY = re.compile(rf"^(?:{_SAME_AGAIN}\s+)?(?:pour|sur|côté|niveau|et)\s+(?:les |le |la |l['’])?(\w+)"
                         rf"(?:\s+(?:et|ou)\s+(?:les |le |la |l['’])?\w+)?\s*(?:,?\s*{_SAME_AGAIN})?\s*\??\s*$", re.I)
_ONE_PERCENT_NAMED = re.compile(r"(?:la )?loi oudin[- ]santini|\boudin[- ]santini|\b1 ?% ?(?:eau|énergie|energie|déchets|"
                                r"dechets|mobilité|mobilite|transports?)", re.I)


def _another_one_percent(core: str, topic: str) -> str:
    """The last question asked of another « 1 % », when the message names only that one's field."""
    field = _FIELD_ONLY.match(core)
    label = _ONE_PERCENT_FIELD.get(field.group(1).lower(), "") if field else ""
    bare = re.sub(r"\s*\([^()]*\)", "", topic).strip()
    if _ONE_PERCENT_NAMED.search(bare):
        topic = bare  # « 1 % mobilité date de quand ? (le 1 % mobilité ça existe…) »: the context goes, not the name
    named = _ONE_PERCENT_NAMED.search(topic)
    if not label or not named or label.split()[-1][:4] in named.group(0).lower():
        return ""
    asked = _clean(topic[: named.start()] + label + topic[named.end():])
    return f"{asked[:1].upper()}{asked[1:]} ?"


def _own_year_only(subject: str, core: str) -> str:
    """« et en 2025 ils en ont lancé combien ? » after a question on 2024 (fresh19, tune half), « pourquoi ça avait
    baissé en 2016 ? » after one on 2017: a follow-up naming its own year is not asked of the subject's years too."""
    if not YEAR.search(core) or _COMPARES.search(core):
        return subject
    return re.sub(rf"\s*,?\s*\b(?:en |pour |dans |de )?{YEAR.pattern}", "", subject).strip(" ,") or subject


def rewrite_followup(message: str, topic: str, topic_entities: list[str], name_is_guess: bool = False,
                     subject: str = "") -> str:
    """A standalone question: the topic's name put where the message points at it, or added to it.

    `name_is_guess`: the name was read from the last answer, the question itself naming nothing; the question then
    goes along with it (« et pour les réseaux de villes ? » after « y a quoi comme financements européens… »).
    `subject`: what the conversation is about since its last new question, which a short follow-up asks about."""
    shifted = _year_shifted(message, topic)
    if shifted and len(message.split()) <= 8:
        return shifted
    if shifted:
        return _said_of_another_year(message, topic)
    core = _ELLIPSIS_START.sub("", message).strip()
    another = _another_one_percent(core, topic)
    if another:
        return another
    name = topic_entities[0] if topic_entities else ""
    if name and _SAME_OF_ANOTHER.match(core):
        # « et celui pour les transports ? » after the « 1 % énergie »: another « 1 % », the same question.
        head = re.sub(r"^(1 %) .*", r"\1", name)
        asked = _clean(topic.split(" (")[0]) if len(core.split()) <= 5 else ""
        # « 1 % énergie date de quand ? », the last question once its « ça » was named: asked again of another one.
        asked = re.sub(rf"^{re.escape(name)}\s+", "ça ", asked) if name else asked
        core = _SAME_OF_ANOTHER.sub(f"{head} ", core, count=1)
        core = re.sub(r"^([^,?]{2,60}?)\s+(?:il|elle|ils|elles)\b\s*", r"\1 ", core, count=1)
        core = _clean(core[:1].upper() + core[1:])
        return f"{core}, {asked[:1].lower()}{asked[1:]} ?" if asked and "?" not in core else f"{core} ?"
    core = core[:1].upper() + core[1:]
    dislocated = _DISLOCATED.match(core)
    if dislocated and "," not in dislocated.group(0) and entities(dislocated.group(1)):
        dislocated = None  # « et le Sénégal il a mis combien ? »: a partner of the topic, asked about within it
    if dislocated:
        core = f"{dislocated.group(1)} {core[dislocated.end():]}"
        core = core[:1].upper() + core[1:]
        if entities(dislocated.group(1)):
            return f"{_clean(core)} ?"  # « Et la FICOL, elle finance quoi ? »: a question of its own
        years = _years_left_out(topic, core)
        context = ", ".join(([name] if name and name.lower() not in core.lower() else []) + years)
        return f"{_clean(core)} ({context}) ?" if context else f"{_clean(core)} ?"
    # « c'est qui qui peut demander du coup, une petite commune comme nous ça passe ? »: a long message with a vague
    # « ça » asks its own question about the topic's name, not about what the previous question asked.
    long_own_question = bool(name) and not name_is_guess and _word_count(core) > 10
    if _VAGUE_OBJECT.search(core) and topic and not long_own_question:
        named = core
        ca_named = False
        if name:
            pointer = _DEMONSTRATIVE if _DEMONSTRATIVE.search(core) else _SUBJECT_PRONOUN
            named = pointer.sub(name, core, count=1)
            if named == core and name.lower() not in core.lower():
                # « ça date de quand ? » after « il existe un 1% pour les transports… ? » (fresh11, tune half): « ça »
                # opening the question is the thing named, as « il » would be.
                named = _SUBJECT_CA.sub(f"{name} ", core, count=1)
                ca_named = named != core
        # « ok et ça finance combien par projet ? » after « c'est quoi la ficol de l'afd, ça existe depuis quand ? »:
        # about the conversation's subject, not the whole last question.
        about = _own_year_only(subject or _subject_of(topic) or topic, core)
        if ca_named and len(about.split()) > NAMED_CONTEXT_WORDS:
            # « 1 % énergie date de quand ? » (fresh19, tune half): the « ça » it asked about, named, needs no long
            # question beside it (« Notre syndicat d'énergie peut-il consacrer une partie de son budget… »).
            return f"{_clean(named)} ?"
        return f"{_clean(named)} ? ({_clean(about)})"
    if _ELLIPSIS_START.match(message) and _COMPLEMENT_ONLY.match(core) and _shares_a_word(core, topic):
        # « et au lancement de l'atlas ? » after « combien de collectivités… d'après l'atlas aujourd'hui ? »: the
        # same question, at another time or place; « aujourd'hui » gives way to the time asked.
        asked = _clean(_NOW.sub("", topic))
        return f"{asked[:1].upper()}{asked[1:]}, {_clean(core[:1].lower() + core[1:])} ?"
    own = entities(core)
    if name and own and _ELLIPSIS_START.match(message) and _word_count(core) <= 4 and topic:
        # "Et le FEXTE ?" after a question on FICOL: the same question, about the new name.
        return f"{_clean(topic)} — {own[0]} ?" if own[0].lower() not in topic.lower() else f"{_clean(topic)} ?"
    if name and name.lower() in core.lower():
        return f"{_clean(core)} ?"  # « Et qui porte cette coopération à Suresnes ? »: it names what it is about
    if name and not name_is_guess and _CLITIC_OBJECT.search(core):
        # « qui peut la demander » after the FICOL (fresh13, tune half): « qui peut demander FICOL ? », the words a
        # passage on who may apply for it uses, rather than the pronoun beside a bracketed name.
        return f"{_clean(_CLITIC_OBJECT.sub(lambda m: f'{m.group(1)} {m.group(2)} {name}', core, count=1))} ?"
    pointer = (_DEMONSTRATIVE if _DEMONSTRATIVE.search(core) else
               _SUBJECT_PRONOUN if _SUBJECT_PRONOUN.search(core) and not _OBJECT_PRONOUN_QUESTION.match(core) else None)
    if name and pointer:
        named = _clean(pointer.sub(name, core, count=1))
        return f"{named[:1].upper()}{named[1:]} ?"
    if name and not name_is_guess and len(core.split()) > 4:
        years = _years_left_out(topic, core)
        return f"{_clean(core)} ({', '.join([name] + years)}) ?"
    # « depuis quand ? », « dans combien de pays ? »: too short to say what they ask about; the question does.
    subject = _own_year_only(subject or _subject_of(topic), core)
    context = ([name] if name and name.lower() not in subject.lower() else []) + [_clean(subject)]
    return f"{_clean(core)} ({', '.join(context)}) ?" if topic else core


@dataclass
class _Memory:
    """What earlier turns leave behind: the topic, its names, the last mode, whether an answer exists."""

    topic: str = ""
    subject: str = ""  # the last new question's subject (« FICOL » for « c'est quoi la FICOL ? »), kept by follow-ups
    topic_entities: list[str] = field(default_factory=list)
    answer_entities: list[str] = field(default_factory=list)  # the names the last answer gave
    answer_text: str = ""  # the last answer, where a person it names can be found again
    name_is_guess: bool = False  # topic_entities were read from an answer, the question naming nothing
    last_mode: str = "question"
    last_intent: str = ""
    last_cost: CostFigures | None = None  # the last computation, which « plus court » shortens
    objection: str = ""  # the last objection answered, which « transforme en fiche argumentaire » answers again
    has_answer: bool = False
    population: int | None = None  # « on est une commune de 2 000 habitants », said in an earlier message


def _tools_first(names: list[str]) -> list[str]:
    """« un GIP ou une asso peut demander la FICOL ? », « des jeunes … au Sénégal en JSI » (fresh20, tune half): a tool
    is what the next « l'appel », « le groupe » are about, rather than a kind of body (an acronym) or a country said
    beside it. A town keeps its place (« Comment Châtellerault utilise-t-elle la loi Oudin-Santini ? »: « cette
    ville » next)."""
    def aside(name: str) -> bool:
        return not is_a_tool(name) and bool(re.fullmatch(r"[A-Z]{2,6}", name) or _CIRCUMSTANCE.fullmatch(name))

    return [n for n in names if not aside(n)] + [n for n in names if aside(n)] if any(map(is_a_tool, names)) else names


def _remember(memory: _Memory, understood: Understanding) -> None:
    memory.last_intent = understood.intent
    memory.last_cost = understood.cost if understood.intent == "compute" else None
    if understood.intent == "compute" and not memory.topic:
        memory.topic = understood.text  # « 18 000 € pour notre coopération avec Kaya » is the subject of what follows
    if understood.intent in ("question", "followup", "objection") or understood.focused:
        # A question is carried on written out (« coop decentralisee » → « coopération décentralisée »): it is
        # searched again with the follow-up. An objection is restated as the user put it.
        memory.topic = understood.text if understood.intent == "objection" else written(understood.text)
        memory.objection = understood.text if understood.intent == "objection" else memory.objection
        # « Qu'est-ce que la Chaire de l'action internationale des collectivités territoriales ? »: the whole name.
        defined = defined_term(understood.text, max_words=10)
        dislocated = _SUBJECT_FIRST.match(understood.text)  # « la loi du 4 août 2021…, elle change quoi ? »
        noun_first = _NOUN_FIRST_CA.match(understood.text)
        if not dislocated and noun_first and not entities(noun_first.group(1)):
            dislocated = noun_first  # a phrase no name stands for (« la loi du 4 aout 2021 »), not « la loi oudin santini »
        # « un GIP ou une asso peut demander la FICOL ? », « des jeunes … au Sénégal en JSI » (fresh20, tune half): the
        # tool named is what the next « l'appel », « le groupe » are about, before the other names.
        names = ([defined] if defined and len(defined.split()) > 1 else []) + _tools_first(entities(understood.text))
        if dislocated:  # « La loi 2021-1031, elle a été votée comment au Sénat ? »: the law, not the Sénat
            names = [dislocated.group(1).strip()] + names
        follows = understood.intent == "followup" or understood.focused
        if follows:
            # « et elle remplace quelle loi ? » after « elle a été votée comment au Sénat ? »: still the law.
            kept = [n for n in memory.topic_entities if n.lower() in understood.text.lower()]
            names = list(dict.fromkeys(kept + names)) or memory.topic_entities
        else:
            memory.name_is_guess = False
        memory.topic_entities = names
        # After a follow-up, a short one asks about the names the conversation is on (« qui peut postuler ? »
        # after « FICOL finance combien par projet ? »: the FICOL), not about the last thing asked.
        # The years it was about stay (« et les départements ? » after « les régions en ont apporté combien (APD,
        # 2014) ? »); a name only guessed from an answer is no subject.
        named = [] if memory.name_is_guess else names[:2]
        if follows and named:
            years = list(dict.fromkeys(years_asked(understood.text)))  # « les années 2000 »: no year
            memory.subject = ", ".join(named + years)
        elif not follows or "(" not in understood.text or not memory.subject:
            # A new question, or a follow-up written out whole (« et en 2025 ? » → the question, asked of 2025).
            memory.subject = _subject_of(memory.topic)
        if understood.focused:  # « ils viennent d'où ? » after the figures of the réciprocité: of the part named
            memory.subject = re.split(r" \(| : ", understood.text)[0].rstrip(" ?")
    if understood.intent != "compute":
        memory.last_mode = understood.mode


def understand(
    message: str,
    mode: str = "question",
    audience: str = "elu",
    history: list[Turn] | None = None,
    looks_like_objection: Callable[[str], bool] | None = None,
) -> Understanding:
    """The intent of `message`, given the turns before it (oldest first)."""
    memory = _Memory()
    history = history or []
    for turn in history:
        if turn.role == "user":
            earlier = _understand_one(turn.content, turn.mode or memory.last_mode, audience, memory, None)
            _remember(memory, earlier)
            memory.population = figures_in(turn.content)[1] or memory.population
        else:
            memory.has_answer = True
            # The answer's names, from its text, not its list of sources (« Gazette » of a source's title, fresh20).
            memory.answer_entities = entities(turn.content.split("**Sources**")[0])
            memory.answer_text = turn.content
            memory.last_mode = answer_mode(turn) or memory.last_mode
            rebuttal = memory.last_intent == "objection" or memory.last_mode == "contre-argument"
            if not memory.topic_entities and memory.topic and not rebuttal:
                # The answer's first name stands for a question's subject; an objection's is in its own words.
                memory.topic_entities = memory.answer_entities[:1]
                memory.name_is_guess = bool(memory.topic_entities)
    return _understand_one(message, mode, audience, memory, looks_like_objection)


_FEMININE_ENDING = re.compile(r"(?:tion|sion|té|ence|ance|ure|ière|ie|ope)$", re.I)  # Commission, Agence, Europe


_PLURAL_BODIES = {"maires", "régions", "départements", "villes", "cités", "communes", "collectivités", "élus"}


def _agreeing(message: str, answer_entities: list[str]) -> list[str]:
    """« il finance jusqu'à combien un jumelage ? » after an answer naming the « Commission européenne », then
    CERV: « il » does not stand for a feminine name. Only a masculine pronoun rules names out."""
    # « Maires de France », « Régions de France »: a plural body is not what « il » or « elle » stands for
    # (« il donne combien max pour un jumelage ? » after an answer on CERV, fresh6 and fresh14, tune halves).
    singular = not re.search(r"\b(?:ils|elles)\b", message, re.I)
    names = [e for e in answer_entities if not (singular and e.split()[0].lower() in _PLURAL_BODIES)]
    if not re.search(r"\bils?\b", message, re.I) or re.search(r"\belles?\b", message, re.I):
        return names[:1]
    return [e for e in names if not _FEMININE_ENDING.search(e.split()[0])][:1]


def answer_mode(turn: Turn) -> str:
    """The mode an assistant turn was composed in: kept by the app, read from its text when a client sends only
    the text back (a counter-argument opens on its objection, an article or a fiche on its title)."""
    if turn.answer is not None:
        return turn.answer.mode
    text = turn.content.lstrip()
    if text.startswith("**L'objection**"):
        return "contre-argument"
    if text.startswith("## Fiche outil"):
        return "fiche"
    if text.startswith("## "):
        return "article"
    return ""


def _understand_one(message: str, mode: str, audience: str, memory: _Memory,
                    looks_like_objection: Callable[[str], bool] | None) -> Understanding:
    text = message.strip()
    # « Communiqué : le conseil a voté 8 000 € par an… (2 900 hab.) » asks for a text, not a sum: figures in a
    # writing request are its facts. An objection quoting our budget, in any mode (« l'opposition dit que nos 35 000 €
    # sont jetés par les fenêtres »), asks for a rebuttal, which puts the amount per inhabitant.
    writing = (mode in ("article", "fiche", "contre-argument") or _asked_mode(text) in ("article", "fiche")
               or bool(_OBJECTION_CUES.search(text)))
    # « nous c'est 2,5 k€ par an pour 2 000 habitants » after a rebuttal (fresh12, tune half): the official gives
    # their own figures, in a few words, to have them put per inhabitant.
    own_figures = (memory.has_answer and _word_count(text) <= OWN_FIGURES_WORDS and not _OBJECTION_CUES.search(text)
                   and _asked_mode(text) is None)
    # « Puis calcule le montant maximum mobilisable… budget eau 4,2 M€… » in a sheet of 120 words, « Merci de faire
    # le calcul » after three questions on volunteering (review 24, q2408 and q2412) ask no sum per inhabitant: a long
    # question asks one when it says « par habitant », a long writing request (« …donner le coût par habitant. »)
    # when it asks « par habitant ? » (otherwise its text gives it); a short message (« si notre syndicat y met
    # 35 000 € … ca represente quoi par habitant ») asks it whenever it says « combien », « calcule » or « par habitant ».
    asks_sum = _word_count(text) <= COMPUTE_WORDS and bool(_ASKS_SUM.search(text) or _PER_HEAD.search(text))
    # « Ville de 27 000 hab. … un projet de 120 000 €… Quel taux de cofinancement ? Quelle part… ? » (review 21, R12): a
    # question that gives figures and asks other things is no sum to compute; it is answered (its rates applied).
    asks_other = not writing and "?" in text and not own_figures and not (asks_sum or _PER_HEAD.search(text))
    # « Un collègue a lancé : « … ». Pouvez-vous me préparer un argumentaire en trois points : …, et comment présenter
    # le coût par habitant ? » (review 25, q2503): a rebuttal asked at length, with its objection quoted, puts its
    # figures per inhabitant itself and answers the other points too.
    rebuttal = mode == "contre-argument" and _word_count(text) > COMPUTE_WORDS and bool(_QUOTED.search(text))
    cost = (None if (writing and not (asks_sum or _PER_HEAD_ASKED.search(text) or own_figures)) or asks_other or rebuttal
            else cost_in(text))
    if cost is None and not writing and memory.population and _ASKS_PER_HEAD.search(text):
        # « si on y met 5 000 € ça fait combien par habitant ? » after « on est une commune de 2 000 habitants… »
        # (fresh18, tune half): the population said earlier in the conversation.
        amount, population, budget = figures_in(text)
        cost = None if population else cost_from(amount, memory.population, budget)
    if cost is not None:
        return Understanding("compute", text, mode, audience, topic=memory.topic, cost=cost)
    if memory.has_answer and memory.topic:
        instruction = _instruction(text)
        own = [n for n in entities(text) if n.lower() not in memory.topic.lower()]
        # « sous forme de mail à la DGS »: the email's addressee, no new subject.
        if instruction and instruction[0] == "reformat" and own and instruction[1] is not None:
            # « Fais-moi une fiche sur le FEXTE » after a question on the DAECT: a new request, in the mode it names.
            return Understanding("question", text, instruction[1], audience)
        if instruction and instruction[0] == "figures" and memory.last_intent == "compute":
            # « Et en chiffres au niveau national, pour comparer ? » after our own cost: the national figures.
            return Understanding("figures", NATIONAL_FIGURES, "question", audience, topic=NATIONAL_FIGURES)
        focus = _focus(text) if instruction and instruction[0] in FOCUSED_INTENTS else ""
        if focus:
            # One part of the last answer, developed or put in figures: a question of its own on that part, whatever
            # the last mode (a rebuttal's argument is developed as an explanation, with its sources).
            asked = _focused(instruction[0], focus, memory)
            return Understanding(instruction[0], asked, "question", audience, topic=asked, focused=True)
        if instruction:
            intent, new_mode, new_audience = instruction
            # « plus court, je dois le dire en 30 secondes » after a computation: the computation, shortened.
            cost = memory.last_cost if intent == "shorten" else None
            # « transforme en fiche argumentaire » after a part of a rebuttal was developed: the objection, answered;
            # « transforme ça en édito » after a follow-up asked within a rebuttal (fresh16, tune half): the article
            # answers the objection, not the follow-up's question.
            topic = memory.topic
            if memory.objection and new_mode == "contre-argument":
                topic = memory.objection
            elif memory.objection and new_mode == "article" and (
                    memory.topic == memory.objection or _within(memory.objection, memory.topic)):
                topic = f"Rédige un article en réponse à la critique « {_clean(memory.objection)} »"
            return Understanding(intent, text, new_mode or memory.last_mode, new_audience or audience,
                                 topic=topic, sentences=_sentences_asked(text), cost=cost)
    bare = _ACKNOWLEDGED.sub("", text)
    compared = _compared_with_last(bare, memory)
    if compared:
        return Understanding("followup", compared, "question", audience, topic=memory.topic,
                             notice=QUESTION_NOTICE if mode != "question" else "")
    follows = bool(memory.topic) and _is_followup(bare)
    if memory.topic and not follows and _is_followup(written(bare)):
        bare, follows = written(bare), True  # « depuis qd » (fresh18, tune half): texted, then read as « depuis quand »
    if (follows and not _own_question_after_rebuttal(bare, mode, memory) and not _retorts(text, mode)
            and not (mode in ("question", "contre-argument") and _reports_another_objection(bare))):
        spoken_of = _spoken_of(bare, memory.answer_text)
        bare = _POINTS_TO_ANSWER.sub("", bare)
        named = (spoken_of or _named_by_its_noun(bare, memory.answer_entities) or _person_pointed(bare, memory.answer_text)
                 or _thing_pointed(bare, memory.topic, memory.answer_text)
                 or _year_pointed(bare, memory.topic, memory.answer_text)
                 or _place_pointed(bare, memory.topic, memory.answer_entities))
        guess = memory.name_is_guess and not named
        if guess:
            named = next(iter(_agreeing(bare, memory.answer_entities)), "")
        resolved = rewrite_followup(bare, memory.topic, [named] if named else memory.topic_entities,
                                    name_is_guess=guess, subject=memory.subject)
        # « ça date de quand ? » after a fiche: a question on it, answered as one, not the same fiche again.
        asks = bare.rstrip().endswith("?") or bool(_ASKS_UNMARKED.search(written(bare)))
        follow_mode = mode if mode == "question" or (mode == "fiche" and not asks) else "question"
        notice = QUESTION_NOTICE if mode == "fiche" and follow_mode == "question" else ""
        return Understanding("followup", resolved, follow_mode, audience, topic=memory.topic, notice=notice)
    if mode == "article" and text.endswith("?") and _SHORT_QUESTION.match(text) and not _WRITE_REQUEST.match(text):
        return Understanding("question", text, "question", audience, notice=QUESTION_NOTICE)
    if (mode in ("contre-argument", "article") and memory.has_answer and _NEW_SUBJECT.match(bare)
            and (text.endswith("?") or _ASKS_UNMARKED.search(written(text))) and not _OBJECTION_CUES.search(text)
            and not _WRITE_REQUEST.match(_NEW_SUBJECT.sub("", bare).lstrip(" :,.-"))):
        # « autre sujet. la CNCD ya combien de membres ? » after a rebuttal (fresh12, tune half), « autre chose : pour le
        # service civique…, l'organisme agréé touche combien ? » after an article (fresh15, tune half): a question.
        return Understanding("question", _without_new_subject(text), "question", audience, notice=QUESTION_NOTICE)
    if mode == "question":
        asked = _asked_mode(text) if _WRITE_REQUEST.match(text) or re.match(r"^\s*(?:article|fiche|communiqué)\b", text, re.I) else None
        if asked and asked != "question":
            return Understanding("question", text, asked, audience,
                                 notice=f"Demande comprise comme : {_mode_label(asked)}.")
        asked_first = _opens_on_a_question(text)
        cued = ((bool(_OBJECTION_CUES.search(text)) and not _ASKS_A_FACT.search(text) and not asked_first)
                or bool(_ASKS_REBUTTAL.search(text)))
        if cued or (not asked_first and _said_not_asked(text, looks_like_objection)):
            return Understanding("objection", text, "contre-argument", audience,
                                 notice="Votre message ressemble à une objection : réponse en mode Contre-argument.")
    if mode != "contre-argument":
        text = _without_new_subject(text)
    return Understanding("objection" if mode == "contre-argument" else "question", text, mode, audience)


# « sinon question qui n'a rien à voir : c'est quoi le NDICI ? » (fresh21, tune half): the words that announce a new
# subject weigh on the search and match nothing; the question is what follows them.
_NEW_SUBJECT_LEAD = re.compile(rf"^\s*(?:(?:ok|bon|merci)\W+)?{_NEW_SUBJECT_WORDS}[^:?]{{0,40}}?\s*[:,.]\s+", re.I)
NEW_SUBJECT_REST_WORDS = 3


def _without_new_subject(text: str) -> str:
    """The question after « sinon question qui n'a rien à voir : », when enough of it is left."""
    lead = _NEW_SUBJECT_LEAD.match(text)
    rest = text[lead.end():] if lead else text
    return rest if lead and _word_count(rest) >= NEW_SUBJECT_REST_WORDS else text


_RETORT = re.compile(r"^\s*(?:(?:oui|ouais|d['’]accord|ok|certes|soit|bon)\W+)?mais\b", re.I)


def _retorts(message: str, mode: str) -> bool:
    """« oui mais l'État nous demande de tenir nos dépenses de fonctionnement » after a rebuttal (fresh20, tune half):
    the opponent's next point, said, not asked; another objection to rebut."""
    return mode == "contre-argument" and bool(_RETORT.match(message)) and not message.rstrip().endswith("?")


def _spoken_of(message: str, answer: str) -> str:
    """« cet Atlas dont tu parles »: the answer's words for it (« Atlas français de la coopération décentralisée »),
    its name and the few words after it up to the clause's end, which the search needs."""
    if not _POINTS_TO_ANSWER.search(message):
        return ""
    for name in entities(message):
        found = re.search(rf"\b{re.escape(name)}((?: [\w'’-]+){{0,5}}?)(?=[,.;:!?()\[]|$| (?:est|sont|a|ont|recense|lancé|créé)\b)",
                          answer)
        if found and found.group(1):
            return found.group(0)
    return ""


# « c quoi la différence avec la ficol en gros ? » after a fiche on the FEXTE (fresh16, tune half): the two compared.
_DIFFERENCE_WITH = (
    re.compile(r"^\s*(?:et\s+)?(?:(?:c['’]?\s?(?:est\s+)?)?(?:quoi|koi)\s+|quelles? (?:est\s+|sont\s+)?)?(?:la |les )?"
               r"différences?\s+(?:avec|par rapport (?:à|au|aux))\s+(?P<other>[^?,]{2,60}?)"
               r"(?:\s+(?:en gros|exactement|concrètement|au juste))?\s*\??\s*$", re.I),
    re.compile(r"^\s*(?:et\s+)?(?:par rapport|comparée?|contrairement)\s+(?:à|au|aux)\s+(?P<other>[^?,]{2,60}?)"
               r"(?:\s*,?\s*(?:ça|ca|c['’]est) (?:change|donne) quoi)?\s*\??\s*$", re.I),
)


def _compared_with_last(message: str, memory: _Memory) -> str:
    """« quelle différence avec X ? »: the conversation's subject and X, compared; empty when the message is not one."""
    found = next((m for pattern in _DIFFERENCE_WITH if (m := pattern.match(message))), None)
    name = (memory.topic_entities or [memory.subject])[0] if memory.topic else ""
    if not found or not name:
        return ""
    other = _clean(found.group("other"))
    if other.lower() in name.lower() or name.lower() in other.lower():
        return ""
    return f"Quelle est la différence entre {name} et {other} ?"


def _reports_another_objection(message: str) -> bool:
    """« il va aussi me sortir que c'est du fric qui part à l'étranger » after a rebuttal (fresh16, tune half):
    someone's words to rebut, however the message points back; not « on m'a dit que… : c'était quand ? »."""
    return (bool(_OBJECTION_CUES.search(message)) and not _ASKS_A_FACT.search(message)
            and not _opens_on_a_question(message))


# « ça fait combien par tête ? », « calcule le coût par habitant »: a sum per inhabitant asked, in a message of any length.
_PER_HEAD = re.compile(r"\bpar (?:habitant|hab\b|tête|personne|administré)", re.I)
_PER_HEAD_ASKED = re.compile(rf"{_PER_HEAD.pattern}\w*\s*\?", re.I)  # « …, ça fait combien par habitant ? »
_ASKS_PER_HEAD = re.compile(rf"{_PER_HEAD.pattern}|\bcalcul\w*", re.I)
_QUOTED = re.compile(r"«[^»]{20,}»")
COMPUTE_WORDS = 30  # « on a mis 18 000 €, on est 9 500, ça fait combien ? »: a short message's « combien » asks the sum

OPENING_QUESTION_WORDS = 6
OWN_FIGURES_WORDS = 14


def _said_not_asked(text: str, looks_like_objection: Callable[[str], bool] | None) -> bool:
    """A message that says something close to a known objection, rather than asking: no question mark (a tag such as
    « …, non ? » asks only for agreement), no question typed without its mark (« c'est quand deja »), no definition
    asked."""
    untagged = _TAG_QUESTION.sub("", text)
    return (looks_like_objection is not None and not untagged.rstrip().endswith("?")
            and not _ASKS_UNMARKED.search(written(_NEW_SUBJECT.sub("", _ACKNOWLEDGED.sub("", text))))
            and not _ASKS_DEFINITION.search(text) and looks_like_objection(untagged))


def _opens_on_a_question(text: str) -> bool:
    """« Est-ce qu'une commune peut signer une convention avec l'État malien… ? Notre maire pense que ça irait plus
    vite. » (review 13): a question asked first, whatever someone is then said to think, is a question. A reported
    claim followed by « que répondre ? » still asks for a rebuttal (the cue comes before the question)."""
    first = re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0]
    return (first.endswith("?") and not _TAG_QUESTION.search(first) and len(first.split()) >= OPENING_QUESTION_WORDS
            and not _OBJECTION_CUES.search(first) and not _ASKS_REBUTTAL.search(first))


OWN_QUESTION_WORDS = 9
QUESTION_NOTICE = "Votre message est une question : réponse en mode Question."


def _own_question_after_rebuttal(message: str, mode: str, memory: _Memory) -> bool:
    """« et t'as un exemple de commune où la coopération a tenu malgré un changement de majorité ? » asked in Question
    mode after a counter-argument: a question of its own, not the objection asked again. It points at nothing."""
    rebuttal = memory.last_intent == "objection" or memory.last_mode == "contre-argument"
    return (rebuttal and mode == "question" and _word_count(_ELLIPSIS_START.sub("", message)) >= OWN_QUESTION_WORDS
            and not (_ANAPHORA.search(message) or _DEMONSTRATIVE.search(message) or _OPENS_ON_PRONOUN.match(message)))


def _mode_label(mode: str) -> str:
    from assistant.pipeline import MODES  # imported here: the pipeline itself imports this module

    return MODES[mode]
