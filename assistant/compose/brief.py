"""What a writing request says about *our* project: the commune, the partner, the date, the facts given.

An article or a press release opens on the user's subject, in the user's words; the documents only
support it. Requests come as people type them (« ok fais-en un article pour le journal municipal de
Brézolles, sur les retombées de notre coopération avec Dschang (Cameroun) », « Tu peux me faire un
premier jet », « Ton sobre »): instructions are told apart from facts, clause by clause, and nothing
is added that the user did not write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.compose.asks import is_reader_question
from assistant.countries import COUNTRIES, COUNTRY_NAMES
from assistant.dates import MONTH_NAMES

_NAME = r"[A-ZÉÈÎ][\w’'-]+(?:[ -](?:sur|sous|en|le|la|les|de|du|lès|el|al|ben|d’|d')?[ -]?[A-ZÉÈÎ][\w’'-]+)*"
# « journal municipal de Brézolles », « la ville de Saint-Aubin-sur-Loire », « notre agglo (Val-de-Sèvre Agglomération) »
_OURS = re.compile(
    rf"\b(?:(?:journal|bulletin|magazine|site|lettre)(?: municipale?| de la (?:mairie|ville|commune))?"
    rf"(?: (?:de |d[’'])(?:printemps|été|automne|hiver|rentrée|{MONTH_NAMES}))?|mairie|"
    rf"conseil municipal|(?:[Ll]a |[Nn]otre )?(?:[Vv]ille|[Cc]ommune)) (?:de |d[’'])({_NAME})"
    rf"|\bnotre (?:agglo\w*|commune|ville|communauté de communes|département|région) \(?({_NAME})\)?"
    # « pour l'agglomération du Pays de Dreux » (review 19): the grouping that writes.
    rf"|\b(?:l['’]|[Ll]a )(?:agglomération|communauté de communes|communauté d['’]agglomération|communauté urbaine|"
    rf"métropole) (?:du |de la |de l['’]|de |d['’])({_NAME})")
_TOWARDS = re.compile(r"\b(?:avec|chez|à|auprès de|vers|pour)\s+(?:la\s+|notre\s+partenaire,?\s+(?:la\s+)?)?$", re.I)
# « avec la commune de Koudougou au Burkina Faso », « avec Dschang (Cameroun) », « chez notre partenaire, la commune rurale de Sokone au Sénégal »
_PARTNER = re.compile(
    rf"\b(?:avec|chez|à|auprès de|délégation de|jumelée? avec|jumelage avec)(?: notre partenaire,?)? (?:(?:la |une )?(?:ville|commune|municipalité|province|région|"
    rf"commune rurale|commune urbaine|communauté urbaine) (?:de |d[’'])?)?({_NAME})(?: \(({_NAME})\)|,? (?:au|en|à|aux) ({_NAME}))?")
# « Je suis chargé de com à Lavaur-les-Côteaux, 14 000 habitants » (review 25, q2505): where the writer works is ours.
# « Communiqué de presse à rédiger pour le SMICTOM du Pays d'Argentan » (review 25, q2506: « [Commune] » in its place):
# the syndicate that writes.
_SYNDICATE = re.compile(rf"\b(?:pour|au nom d[eu]|de la part d[eu])\s+(?:le |la |l['’])?((?:SMICTOM|SICTOM|SMIRTOM|SYCTOM|"
                        rf"SIVOM|SIVU|SIAEP|SIEA|SDE\w*|[Ss]yndicat(?: mixte| intercommunal)?(?: des eaux| d['’]eau| de [a-zé]+)?)"
                        rf" (?:du |de la |de l['’]|des |de |d['’]){_NAME})")
_WRITER_AT = re.compile(rf"\b(?i:je suis|je travaille|nous sommes)\b[^.;:]{{0,60}}?\bà ({_NAME})")
# « la borne-fontaine de Ndiaganiao, notre commune partenaire au Sénégal » (review 22, q2204): the partner, in apposition.
_PARTNER_NOUN = r"(?:notre|la|une) (?:ville|commune|municipalité|collectivité) (?:partenaire|jumelle|amie)"
_PARTNER_APPOSED = re.compile(rf"\b({_NAME}),\s+{_PARTNER_NOUN}(?: (?:au|en|aux|à) ({COUNTRY_NAMES}))?\b")
# « Finir par un appel aux habitants pour la soirée de restitution du 14 juin à la salle des fêtes » (review 22,
# q2204): how the text must end, in the writer's words.
_ENDING_ASKED = re.compile(r"\b(?:finir|finis|terminer|termine|conclure|conclus|clore)\s+(?:par|sur)\s+(?:un |une )?"
                           r"(?:appel|invitation)\s+(?:(?:aux?|à|des|les)\s+[\w-]+\s+)?(?:pour|à)\s+(.+?)\s*(?:[.!]|$)", re.I)
_DATE = re.compile(rf"\b(?:le |du )?(\d{{1,2}}(?:er)? (?:{MONTH_NAMES})(?: \d{{4}})?|(?:{MONTH_NAMES}) \d{{4}})\b", re.I)
_SPEAKER = re.compile(r"\b(maire|adjointe?|présidente?|conseill[eè]re? délégué\w*)\s*,?\s*(?:M\. |Mme )?"
                      r"([A-ZÉ][\w’'-]+(?: [A-ZÉ][\w’'-]+)+)")
# « 35 000 € », « 1,1 M€ », « 2 millions d'euros »: an amount as requests write it (the article's box reads it too).
AMOUNT_WRITTEN = r"\d[\d  .,]*\s?(?:€|euros?|k€|M€|millions? d['’]euros)"
_AMOUNT = re.compile(AMOUNT_WRITTEN, re.I)
# A clause that tells the assistant what to do, not what happened.
INSTRUCTION_CLAUSE = re.compile(
    r"\b(?:article|communiqué|billet|brève|édito|newsletter|premier jet|ton|style|rédige\w*|écri\w*|fais\w*|"
    r"peux-tu|tu peux|pouvez-vous|pourrais-tu|merci|je dois|il me faut|j'ai besoin|en \d+ (?:mots|lignes)|"
    r"presse|journal|bulletin|magazine|site|page|réseaux sociaux|mettre|mets|ajoute\w*|inclu\w*|cite[rz]?|"
    r"post|linkedin|facebook|instagram|svp|stp|hashtags?|emojis?|version courte|je suis|discours|à l'oral|minutes?|"
    # « Il faut expliquer simplement ce qu'est ce 1 % », « Envoi prévu aux journaux locaux »: the writer's brief.
    r"il faut|expliquer|envoi prévu|à envoyer|diffusion|"
    # « Explique simplement aux habitants… », « dis ce que ça suppose », « Vérifie au passage si… » (review 24).
    r"explique[rz]?|dis|dites|vérifie[rz]?|annonce[rz]?|"
    # « j'aimerais un texte d'environ 250 mots qui explique… »: what the writer wants, not what happened.
    r"j['’]aimerais|je voudrais|je souhaite|il (?:nous |me )?faudrait|un (?:petit )?texte|\d+ mots|"
    # « Je veux rappeler en 2-3 phrases… » (review 13): what the writer wants said, not a fact of the project.
    r"je veux|on veut|nous voulons|on voudrait|en \d+(?:\s*-\s*\d+)? phrases|"
    # « Avec un titre accrocheur et un intertitre ou deux », « une citation du maire », « une page maximum »,
    # « environ 2 500 signes » (review 20): the text's layout, not the project.
    r"titre accrocheur|intertitres?|chapô|encadré|citations?|\d[\d  ]* (?:signes|caractères)|une page|sans jargon|"
    r"lecteurs|finir par|terminer par|conclure (?:par|sur)|"
    # « Phrases courtes, faciles à lire à voix haute » (review 23): how the speech reads.
    r"phrases (?:courtes|simples)|à voix haute|faciles? à (?:lire|dire)|"
    # « Bonjour, je travaille au cabinet du maire de… », « Éléments à utiliser » (review 25): who writes, and a list's
    # heading, not the news.
    r"bonjour|bonsoir|je travaille|je m['’]occupe|éléments? à (?:utiliser|reprendre|intégrer|citer)|à utiliser)\b",
    re.I)
# « la ville vient d'adhérer à Cités Unies France, explique ce que c'est » (fresh17, tune half): the clause that tells
# what to explain is no part of the fact, nor of the title.
EXPLAIN_AFTER = re.compile(r"\s*[,;]\s*(?:et\s+)?(?:explique[rz]?|présente[rz]?|rappelle[rz]?|dis|dites|précise[rz]?|"
                           r"montre[rz]?)\b.*$", re.I)
# « …pour le bulletin municipal » at the end of a fact: where it goes, not what happened.
_DESTINATION = re.compile(r",?\s*(?:pour|dans) (?:le |la |les |notre )?(?:bulletin|journal|magazine|lettre|site|presse|page)\b.*$",
                          re.I)
# « Parler de l'engagement des jeunes », « insister sur la réciprocité »: a theme to develop, not a fact.
_THEME_CLAUSE = re.compile(r"^\s*(?:parler|parle|insister|insiste|mettre en avant|mets en avant|évoquer|évoque|"
                           r"souligner|souligne)\s+(?:de |du |des |d[’']|sur |la |le |les |l[’'])?", re.I)
_GENERIC = {"AFD", "FICOL", "FEXTE", "DAECT", "CNCD", "France", "Europe", "Afrique", "Conseil", "Ton", "Parler",
            # networks one joins, not partner towns (« notre commune adhère à Cités Unies France »)
            "Cités Unies France", "PLATFORMA", "France Volontaires", "Fonjep"}


# « une citation du président et une du vice-président chargé de l'environnement », « une citation du maire (à
# inventer, sobre) »: who the writer wants quoted, one placeholder each (review 19: two asked, one given).
_QUOTE_OF = re.compile(r"\b(?:une |deux |des )?citations?\s+(?:\([^)]*\)\s+)?(?:du|de la|de l['’])\s*([^,.;:()«»]{2,60}?)"
                       r"(?=\s*(?:\(|,|\.|;|:|$|\bet\b))", re.I)
_AND_ONE_OF = re.compile(r"\s*(?:\([^)]*\))?\s*(?:,\s*)?et (?:(?:une|un) (?:autre )?)?(?:du|de la|de l['’])\s*"
                         r"([^,.;:()«»]{2,60}?)(?=\s*(?:\(|,|\.|;|:|$|\bet\b))", re.I)


def quotes_asked(request: str) -> list[str]:
    """The people whose quote the request asks for, in its words (« président », « vice-président chargé de
    l'environnement »), at most three."""
    found: list[str] = []
    for m in _QUOTE_OF.finditer(request):
        found.append(m.group(1).strip())
        more = _AND_ONE_OF.match(request, m.end())
        if more:
            found.append(more.group(1).strip())
    return list(dict.fromkeys(found))[:3]


# « un encadré « chiffres clés » », « avec les chiffres clés »: a box of figures asked for.
KEY_FIGURES_ASKED = re.compile(r"\bchiffres?[- ]clés\b|\bencadré\b[^.]{0,30}\bchiffres?\b", re.I)


@dataclass
class Brief:
    """A writing request read as a clerk would: who we are, with whom, when, and the facts stated."""

    ours: str = ""  # our commune or grouping, as named in the request
    partner: str = ""  # the partner town
    country: str = ""  # the partner's country, when given
    date: str = ""  # « 14 mars »
    amount: bool = False  # an amount was given
    speaker: str = ""  # « une citation du maire, Jean-Pierre Morel » → « Jean-Pierre Morel, maire »
    facts: list[str] = field(default_factory=list)  # the request's clauses that state facts, in its words
    themes: list[str] = field(default_factory=list)  # what to talk about (« l'engagement des jeunes »)

    @property
    def partner_label(self) -> str:
        return f"{self.partner} ({self.country})" if self.partner and self.country else self.partner

    def missing(self) -> list[str]:
        """What the writer must still add, so that the text is about a real project."""
        out = [] if self.partner else ["le nom du partenaire"]
        out += [] if self.date else ["la date"]
        out += [] if self.amount else ["le montant engagé"]
        return out + ["une phrase sur les objectifs et les premiers résultats"]


def _clauses(request: str) -> list[str]:
    # « Je suis chargée de mission RI dans une agglo, on accueille pour 8 mois… »: who writes, then a fact.
    parts = re.split(r"(?<=[.!?;])\s+|\s*:\s+|,\s+(?=(?:ton|style|pour (?:la |le )?(?:presse|journal|bulletin|site))\b)|"
                     r",\s+(?=(?:on|nous|notre|nos)\s)|\s+et\s+(?=(?:on|nous)\s)", request, flags=re.I)
    return [p.strip(" ,.;") for p in parts if p.strip(" ,.;")]


def _listed_after_instruction(clause: str, request: str) -> bool:
    """The clause is what an instruction lists after its colon (« écris le discours du maire, chaleureux mais pas
    niais : un hommage aux bénévoles du comité, un mot sur les échanges scolaires… », review 23): what to say, which
    is no fact to print."""
    at = request.find(clause)
    before = request[:at].rstrip()
    if (at <= 0 or not before.endswith(":") or not re.match(r"(?:un|une|des|quelques)\s", clause, re.I)
            or _AMOUNT.search(clause)):
        return False
    asked = re.split(r"(?<=[.!?])\s+", before[:-1])[-1]
    return bool(INSTRUCTION_CLAUSE.search(asked))


def _strip_instruction(clause: str) -> str:
    """« ok fais-en un article pour le journal municipal de Brézolles, sur les retombées… » → « les retombées… »."""
    # Not « rappeler sur quoi repose légalement ce type de dépense » (review 23): what to explain, not a subject.
    # « publier sur l'ENT » says where, not about what (review 24); « annonce qu'on aimerait accueillir… » is news.
    m = re.search(r"(?<!publier )(?<!afficher )(?<!poster )(?<!diffuser )(?:\b(?:sur|à propos de|au sujet de|concernant|"
                  r"annonçant que|annonçant|pour annoncer que?|annonce que)\s+|\bannonce qu['’](?=on\b|il\b|elle\b))"
                  r"(?!quoi\b|qui\b|quel)(.+)$", clause, re.I)
    rest = _DESTINATION.sub("", m.group(1)).strip() if m else ""
    return rest if len(rest.split()) >= 3 else ""


def read_brief(request: str) -> Brief:
    brief = Brief()
    # « un projet avec la commune de Rosso » names the partner, not us.
    partners = {p.group(1) for p in _PARTNER.finditer(request)}
    # « pour l'agglomération du Pays de Dreux » is who writes (a grouping is never a partner town here).
    m = next((m for m in _OURS.finditer(request)
              if (m.group(3) or not _TOWARDS.search(request[max(0, m.start() - 14):m.start()]))
              and (m.group(1) or m.group(2) or m.group(3)) not in partners), None)
    if m:
        brief.ours = (m.group(1) or m.group(2) or m.group(3) or "").strip()
    writer = _WRITER_AT.search(request) or _SYNDICATE.search(request)
    if not brief.ours and writer and writer.group(1) not in _GENERIC:
        brief.ours = writer.group(1)
    for p in _PARTNER.finditer(request):
        name = p.group(1)
        if name in _GENERIC or name == brief.ours:
            continue
        brief.partner, brief.country = name, (p.group(2) or p.group(3) or "")
        break
    apposed = _PARTNER_APPOSED.search(request)
    if not brief.partner and apposed and apposed.group(1) not in _GENERIC and apposed.group(1) != brief.ours:
        brief.partner, brief.country = apposed.group(1), apposed.group(2) or ""
    if not brief.partner:
        # « la rénovation des latrines de deux écoles de Dapaong, au Togo » (review 20): a town of a partner country.
        for town in _TOWN_OF_COUNTRY.finditer(request):
            if town.group(1) not in _GENERIC and town.group(1) != brief.ours and not town.group(1).startswith(("Le ", "La ")):
                brief.partner, brief.country = town.group(1), town.group(2)
                break
    who = _SPEAKER.search(request)
    brief.speaker = f"{who.group(2)}, {who.group(1).lower()}" if who else ""
    d = _DATE.search(request)
    brief.date = d.group(1) if d else ""
    brief.amount = bool(_AMOUNT.search(request))
    for clause in _clauses(request):
        # « la ville vient d'adhérer à Cités Unies France, explique ce que c'est »: the fact before what to explain.
        told = EXPLAIN_AFTER.sub("", clause)
        clause = told if len(told.split()) >= 3 else clause
        theme = _THEME_CLAUSE.match(clause)
        if theme:
            brief.themes.append(clause[theme.end():].strip())
        elif _listed_after_instruction(clause, request):
            brief.themes.append(clause)  # « …le discours du maire, chaleureux : un hommage aux bénévoles, un mot sur… »
        elif INSTRUCTION_CLAUSE.search(clause):
            rest = _strip_instruction(clause)
            if rest and not INSTRUCTION_CLAUSE.search(rest):
                brief.facts.append(rest)
        elif is_reader_question(clause):
            continue  # « d'où vient l'argent ? »: what the text must answer (`asks.reader_questions`), not a fact
        elif brief.facts and _APPOSITION.match(clause):
            # « …de Ndiaganiao, notre commune partenaire au Sénégal » (review 22, q2204): said of the name before it.
            brief.facts[-1] = f"{brief.facts[-1]}, {clause.rstrip(' .?')}"
        elif len(clause.split()) >= 3:
            brief.facts.append(_DESTINATION.sub("", EXPLAIN_AFTER.sub("", clause)).rstrip(" ?"))
    return brief


_APPOSITION = re.compile(rf"^\s*{_PARTNER_NOUN}\b|^\s*notre partenaire\b", re.I)


_TOPICS = (
    ("l'eau et l'assainissement", r"assainissement"), ("l'eau potable", r"\beau\b|forages?|puits|fontain\w+"), ("les déchets", r"déchets|ordures|propreté"),
    # « la ville apporte 20 % dont une partie en temps d'agents » (review 25, q2505) is money, not training.
    ("la formation des agents", r"formation des agents|(?<!temps d['’])(?<!temps des )\bagents\b|services municipaux"),
    ("la jeunesse", r"jeunes|jeunesse|service civique|volontai\w+|scolaires?|écoles?|élèves"),
    ("la mobilité", r"transports?|mobilité"), ("la santé", r"santé|hôpital|dispensaire"),
    ("l'agriculture", r"agricult\w+|maraîch\w+"), ("le climat et l'énergie", r"climat|énergie|solaire"),
    ("la culture", r"cultur\w+|patrimoine|festival"), ("l'économie locale", r"emplois?|entreprises?|économi\w+"),
    ("ce que notre territoire y gagne", r"retombées|bénéfices?"),
)


_COUNTRY = re.compile(rf"\b(?:au|aux|en|à|du|de la|de l['’]|d['’]|de)\s*({COUNTRY_NAMES})\b")


_TOWN_OF_COUNTRY = re.compile(rf"\b(?:de|d['’]|à)\s+({_NAME}),?\s+(?:au|en|aux|à)\s+({COUNTRY_NAMES})\b")


def country_named(request: str) -> str:
    """« …avec une fédération de municipalités au Liban » → « le Liban », for a headline when no partner town is named."""
    m = _COUNTRY.search(request)
    if not m:
        return ""
    article = next(a for a, names in COUNTRIES.items() if m.group(1) in names)
    return f"{article} {m.group(1)}".replace("' ", "'").strip()


_TWINNING = re.compile(r"\bjumel(?:age|ée?s?|ages)\b", re.I)


def headline(brief: Brief, request: str, country: bool = True) -> str:
    """« Brézolles et Dschang (Cameroun) : l'eau potable et la jeunesse », from the request's own names and themes."""
    # In the order the request tells them: « maraîchage et cantine scolaire » is about farming first.
    found = {label: re.search(pattern, request, re.I) for label, pattern in _TOPICS}
    topics = sorted((label for label, m in found.items() if m), key=lambda label: found[label].start())
    if "l'eau et l'assainissement" in topics and "l'eau potable" in topics:
        topics.remove("l'eau potable")
    topics = topics[:2]
    # « le climat et l'énergie et la jeunesse » reads twice « et »
    about = ", ".join(topics) if any(" et " in t for t in topics[:1]) else " et ".join(topics)
    # « nos 20 ans de jumelage avec Bad Salzdetfurth »: a twinning is called so, and its title does not say
    # « coopération » twice.
    bond = "jumelage" if _TWINNING.search(request) else "coopération"
    if brief.ours and brief.partner:
        who = f"{brief.ours} et {brief.partner_label}"
    elif brief.partner:
        who = f"Notre {bond} avec {brief.partner_label}"
    elif country and not brief.ours and (named_country := country_named(request)):
        who = f"Notre {bond} avec {named_country}"
        if not about:
            return who
    else:
        who = brief.ours
    if who and about:
        return f"{who} : {about}"
    if who and brief.partner:
        return f"{who} : un partenariat qui nous engage" if who.startswith("Notre ") else \
            f"{who} : une coopération qui nous engage"
    if who:
        return f"{who} et l'action internationale"
    return ""


def standfirst(facts: list[str]) -> str:
    """The facts the user gave, in their words: the project in one or two sentences, then its money in one
    (review 9: « Budget total 148 000 € : 45 000 € du syndicat…, 70 000 € de l'agence de l'eau… » was dropped)."""
    said = [f for f in facts if f.strip() and not _AMOUNT.search(f)][:2]
    money = [f.strip(" .") for f in facts if _AMOUNT.search(f)][:2]
    sentences = [f[:1].upper() + f[1:].rstrip(" .") + "." for f in said]
    if money:
        joined = " : ".join(money) if len(money) == 2 and len(money[0].split()) <= 6 else " ; ".join(money)
        # « La communauté… signe une convention avec Kolda…, financée par le 1 % déchets (15 000 € par an). Signature
        # le 12 mars… »: the news told first, with its amount, stays first.
        first = bool(facts) and bool(_AMOUNT.search(facts[0]))
        sentences.insert(0 if first else len(sentences), joined[:1].upper() + joined[1:] + ".")
    return " ".join(sentences)


def ending_asked(request: str) -> str:
    """The closing line the writer asks for (« Finir par un appel aux habitants pour la soirée… »), in their words."""
    found = _ENDING_ASKED.search(request)
    if not found:
        return ""
    event = found.group(1).strip(" ,;")
    return f"**Rendez-vous** : {event[:1].upper()}{event[1:]}. Venez nombreux !"
