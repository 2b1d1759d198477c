"""Mode « fiche »: a sheet on a funding or legal tool, with dates, stale-source warnings and disagreements.

Sentences that mention the tool are sorted into the sheet's sections by cue
words; every figure from a source older than two years is flagged, and figures
that differ between sources of different years are shown side by side.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.compose.asks import MAX_POINTS, left_out, requested_points
from assistant.compose.context import ComposeContext
from assistant.compose.question import compose_question
from assistant.compose.sentences import Sentence, candidates, outdated, score_sentences
from assistant.compose.tools import TOOLS, Tool, detect_tool, named_tools, tool_of_its_body
from assistant.dates import MONTH_NAMES, STALE_AFTER_YEARS, fact_year, source_year, stale_year, years_asked
from assistant.documents import unique_passages
from assistant.figure_evidence import PROGRAMMES, names_programme, programmes_named
from assistant.figures import figure_mentions, has_figure, quantities
from assistant.lexical import QueryWeights, terms
from assistant.lexicon import normalized

# What a section or point with nothing found says: about the passages the sheet drew on, not « les documents indexés ne
# le précisent pas », which review 20 found false three times; nor a hint about the app's modes, which review 22 read
# as an instruction leaking into the sheet.
NOT_FOUND_HERE = "Pas trouvé dans les passages retenus pour cette fiche ; à vérifier auprès de l'organisme concerné."

SECTIONS = (
    ("definition", "Ce que c'est"),
    ("who", "Qui peut en bénéficier"),
    ("amounts", "Montants et taux"),
    ("calendar", "Calendrier"),
)
_CALENDAR = re.compile(rf"\b(?:{MONTH_NAMES})\b|date limite|dépôt|ouvert du|calendrier|échéance|\bmois\b|chaque année|annuel", re.I)
# « France Volontaires… a été créée le 1er octobre 2009 », « une mission dure au moins un an » (review 25, q2509: both
# under « Calendrier »): history and duration, unless the sentence gives a deadline too.
_FOUNDED = re.compile(r"\b(?:a été |ont été )?(?:créée?s?|fondée?s?|instituée?s?)\b(?! (?:chaque|tous les))", re.I)
_DURATION = re.compile(r"\bdur(?:e|ent|ée)\b|\bmissions? de \d+ (?:mois|ans?)\b", re.I)
_DEADLINE = re.compile(r"date limite|dépôt|\bouverte?s? (?:du|jusqu)|candidatures?|clôtur\w*|fenêtre", re.I)
_WHO = re.compile(r"\bcommunes\b|groupements|syndicats|portés? par|éligible|peuvent|au moins trois|réservé", re.I)
_DEFINES = re.compile(r"\b(?:est|sont|permet|finance|cofinance|créée?|fonds|facilité|dispositif|prévue?|présidée?|autorise)\b", re.I)
_AMOUNT = re.compile(r"%|€|euros?\b|millions?|milliards?", re.I)


_ELIGIBLE = re.compile(r"^(?:Éligibilité|Conditions d['’]éligibilité|Qui peut|Qui peuvent|Collectivités éligibles|"
                       r"Porteurs éligibles)\b|\bsont éligibles\b|"
                       r"\b(?:peuvent|permet aux|permet à|éligibles?|ouverts? aux|réservée?s? aux|portés? par|"
                       r"peut déposer|candidater|s'adresse aux)\b.{0,80}\b(?:communes?|groupements|syndicats|collectivités?|"
                       r"associations|GIP|régions|départements|établissements)\b|"
                       # « permet à toute personne majeure de partir… », « un groupe de 4 à 16 jeunes de 15 à 25 ans », « Une
                       # collectivité peut accueillir un volontaire… si elle est agréée » (review 23, a sheet on volunteering:
                       # « Qui peut en bénéficier : pas trouvé », the first filed under « Calendrier » for its « février »).
                       r"\b(?:toute personne|personnes? majeures?|jeunes de \d+ à \d+ ans)\b|"
                       r"\b(?:collectivité|association|commune|structure) peut (?:accueillir|envoyer|candidater|déposer)\b|"
                       # « Les communes, EPCI et syndicats mixtes compétents pour … peuvent affecter jusqu'à 1 % »
                       r"^(?:les |seul(?:e)?s les )?(?:communes|collectivités|régions|départements|EPCI|syndicats)\b"
                       r"[^.;]{0,240}\bpeuvent\b", re.I)


# « La DAECT a fusionné le 29 décembre 2023 avec… pour former la DCTCIV » (review 13: filed under « Calendrier »).
_RENAMED = re.compile(r"\b(?:a fusionné|ont fusionné|fusion(?:née?s?)? (?:avec|en|le)|pour former|remplacée? par|"
                      r"nouveau nom|a pris le nom|rebaptisée?)\b", re.I)


# « Le « 1 % énergie » figure… à l'article L1115-1-1 » (seen on a sheet on the 1 % énergie): a tool's name, not a
# rate; read as one, it filed the sentence under amounts, and every sentence naming the tool repeated its « 1 % ».
_PERCENT_IN_NAME = re.compile(r"«\s*1\s?%[^»]{0,40}»|\b1\s?%\s+(?:eau|énergie|energie|déchets|dechets|mobilité|mobilite|"
                              r"transports?|électricité|solidaire)\b", re.I)


# « Aucune source consultée ne chiffre les montants du « 1 % énergie » »: what is known of the amounts, under them.
_NO_AMOUNT_KNOWN = re.compile(r"\b(?:aucune?|pas de|ne chiffre)\b[^.;]{0,40}\b(?:montants?|chiffres?|sommes?)\b", re.I)


def _figures_said(text: str) -> str:
    """The text without the tools' names that hold a « 1 % »."""
    return _PERCENT_IN_NAME.sub(" ", text)


def _section(s: Sentence, aliases: tuple[str, ...]) -> str:
    """Eligibility first (« permet aux communes… » holds a rate too, but says who), then amounts, dates, definition."""
    if _ELIGIBLE.search(s.text):
        return "who"
    said = _figures_said(s.text)
    if _AMOUNT.search(said) and has_figure(said) or _NO_AMOUNT_KNOWN.search(said):
        return "amounts"
    if _RENAMED.search(s.text):
        return "definition"  # who runs the tool today is what it is, whatever date the change took effect
    names_tool = any(a in s.text.lower() for a in aliases)
    who = _WHO.search(s.text) and not (names_tool and _DEFINES.search(s.text) and "porté" not in s.text)
    if _CALENDAR.search(s.text) and not ((_FOUNDED.search(s.text) or _DURATION.search(s.text))
                                         and not _DEADLINE.search(s.text)):
        return "calendar"  # when it was created, how long a mission lasts: what it is, not when to apply
    return "who" if who else "definition"


def _contradictions(sentences: list[Sentence]) -> list[Sentence]:
    """Amounts of different years for the same unit (€ or %), about the same tool (the sheet's sentences all
    name it), with no value in common: the case where a reader must know which is more recent
    (« 1 % » in 2015 and « 1 % » in 2025 agree; « 6 millions » and « 14,7 millions » do not)."""
    def values(s: Sentence) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for _, value, unit in figure_mentions(s.text):
            if unit in ("%", "€", "millio", "millia"):
                out.setdefault(unit, set()).add(value)
        return out

    def label(s: Sentence) -> str:
        return s.text.split(" : ", 1)[0].lower() if " : " in s.text else ""

    for a in sentences:
        for b in sentences:
            ya, yb = source_year(a.passage.chunk.date), source_year(b.passage.chunk.date)
            if not (ya and yb and ya > yb):
                continue
            # The same quantity, by what it counts or by its label: the national « 1 % eau » series and one water
            # agency's 18,5 millions over 2019-2024 are two quantities, not two versions of one.
            if not (quantities(a.text) & quantities(b.text)) and not (label(a) and label(a) == label(b)):
                continue
            va, vb = values(a), values(b)
            if any(not (va[u] & vb[u]) for u in va.keys() & vb.keys()):
                return [a, b]
    return []


_SCALE = {"millio": 1_000_000, "millia": 1_000_000_000}  # « 1,5 million d'euros » is « 1 500 000 euros »


def _in_euros(value: str, unit: str) -> tuple[str, str]:
    if unit in _SCALE:
        return f"{float(value) * _SCALE[unit]:.0f}", "€"
    return value, unit


# « du 7 avril au 30 mai 2025 »: days of a date, which no other date's days repeat (review 25: the 2025 window was
# taken for a shorter copy of the joint calls' « du 7 avril au 3 juin… du 22 avril au 30 mai »).
_DAY_OF_MONTH = re.compile(rf"\b\d{{1,2}}(?:er)?(?=\s+(?:{MONTH_NAMES})\b)", re.I)


def _figures(text: str) -> set[tuple[str, str]]:
    return {_in_euros(value, unit) for _, value, unit in figure_mentions(_DAY_OF_MONTH.sub(" ", _figures_said(text)))}


def _repeats_figures(s: Sentence, bucket: list[Sentence]) -> bool:
    """« Appels 2024 : jusqu'à 90 %… 70 % » and « Taux 2024 : … 90 %… 70 % » from two sheets say one thing: once;
    so do « 200 000 euros à 1,5 million d'euros » and « 200 000 euros à 1 500 000 euros » (review 12)."""
    mine = _figures(s.text)
    return bool(mine) and any(mine <= _figures(b.text) for b in bucket)


def stale_note(date_text: str, today: date | None = None) -> str:
    year = stale_year(date_text, today)
    return f" _(à vérifier : source de {year})_" if year else ""


_ASKING = re.compile(r"\b(?:fai(?:s|tes)[- ](?:moi|nous)[- ]une fiche(?: sur)?|(?:une )?fiche(?: outil)?(?: svp| stp| s'il (?:te|vous) pla[iî]t)?,? sur|c['’]est quoi|"
                     r"qu['’]est-ce que(?: c['’]est)?|explique(?:-moi)?|présente(?:-moi)?|stp|s'il te plaît|svp)\b[ ,:?]*", re.I)


MAX_TITLE_WORDS = 14
_TRAILING_SMALL_WORDS = {"de", "du", "des", "d'", "la", "le", "les", "l'", "à", "au", "aux", "sur", "en", "et", "ou",
                         "un", "une", "pour", "par", "avec", "qui", "que", "dans"}


def fiche_name(question: str) -> str:
    """« c'est quoi le fonds de l'AFD ? fais moi une fiche » → « Le fonds de l'AFD »: the subject, not the request."""
    name = re.sub(r"\s{2,}", " ", _ASKING.sub(" ", question)).strip(" ?.,;:!")
    # « …un réseau régional. Qui dépose le dossier, combien de communes minimum… »: the subject is the first sentence;
    # the questions after it are the sheet's sections, not its title (review 12 copied the whole request).
    name = re.split(r"(?<=\w)\s*[.?!:]\s+(?=[A-ZÉÈÀ])", name, maxsplit=1)[0]
    name = re.sub(r"\s*\?\s*", " ", name).strip(" .")
    words = name.split()
    if len(words) > MAX_TITLE_WORDS:
        words = words[:MAX_TITLE_WORDS]
        while words and words[-1].lower() in _TRAILING_SMALL_WORDS:
            words.pop()  # « …sans service international de… »: the title stops on a word that carries meaning
        name = " ".join(words).rstrip(" ,;:") + "…"
    return (name[:1].upper() + name[1:]) if name else question.strip(" ?")


def _tool_of(ctx: ComposeContext) -> Tool | None:
    """The tool the request names, in its words or the documents' (« le fonds de l'Agence française de développement
    pour les collectivités »), or else the tool of the body it names (AFD) that the best passages' sections are about."""
    words = normalized(ctx.question)
    # A name first, then the body's tool, then a loose word: « service Europe-International » in the user's
    # signature is not a request for the European funds (review 18, R9).
    return (detect_tool(ctx.question, names_only=True) or detect_tool(words, names_only=True)
            or tool_of_its_body(words, ctx.passages) or detect_tool(ctx.question) or detect_tool(words))


OUTDATED_AFTER_YEARS = STALE_AFTER_YEARS  # a sheet is read as current: facts over two years old come last
ELIGIBILITY_CUES = "qui peut candidater collectivités éligibles s'adresse aux communes groupements conditions d'éligibilité"
CALENDAR_CUES = "calendrier dates de dépôt fenêtre de dépôt date limite candidatures ouvertes"


def current_enough(section: list[Sentence]) -> list[Sentence]:
    """A newcomer takes a sheet as current: where two sentences of recent documents fill a section, those of
    documents much older than the newest are left out (the 2015 synthesis expands FICOL as another fund)."""
    years = {id(s): fact_year(s.text, s.passage.chunk.date) for s in section}
    newest = max((y for y in years.values() if y), default=None)
    if newest is None:
        return section
    recent = [s for s in section if (years[id(s)] or newest) >= newest - OUTDATED_AFTER_YEARS]
    return recent if len(recent) >= 2 else section


_ORIGIN = re.compile(r"\b(?:origine|a créé|a été créée?|institu\w+|prévue? (?:par|à)|est (?:un|une|le|la))\b", re.I)


def _define_first(by_section: dict[str, list[Sentence]], aliases: tuple[str, ...]) -> None:
    """A sheet that says what the tool is: when no sentence was filed as a definition, the best one naming the
    tool moves there from another section (« 2 février 2007 : loi n° 2007-147, dite loi Thiollière… » filed
    under amounts for its « 17 millions »), rather than « Les documents indexés ne le précisent pas »."""
    if by_section["definition"] or not aliases:
        return
    naming = [(key, s) for key in ("who", "amounts", "calendar") for s in by_section[key]
              if any(a in s.text.lower() for a in aliases)]
    # « Origine et bénéficiaires du « 1 % déchets » : la loi du 7 juillet 2014… a créé l'article L1115-2 » says what
    # the tool is better than its first use by Paris, wherever its date filed it.
    naming.sort(key=lambda ks: not _ORIGIN.search(ks[1].text))
    if naming:
        key, sentence = naming[0]
        by_section[key].remove(sentence)
        by_section["definition"].append(sentence)


OPENING_CHARS = 25  # where a sentence names what it is about


def _opens_on_another_percent(opening: str, aliases: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """The sentence is about another « 1 % » (its name opens it); a bare « 1 % » does not make it this one's."""
    return any(a in opening for a in other if "%" in a) and not any(a in opening for a in _specific(aliases))


def _specific(aliases: tuple[str, ...]) -> tuple[str, ...]:
    """A tool's names without the bare « 1 % », which every « 1 % » shares."""
    return tuple(a for a in aliases if a.replace(" ", "") != "1%")


def _about_the_tool(ctx: ComposeContext, tool: Tool | None, query: str) -> list[Sentence]:
    """The sentences a sheet may quote, best first: those about the tool, current facts before old ones."""
    aliases = tool.aliases if tool else ()
    # Who may apply is what a newcomer asks first, and the tool's own words rarely find it: searched for as such.
    eligibility = ctx.retrieve(f"{query} {ELIGIBILITY_CUES}", k=4) if tool else []
    # So are its dates, of the years the request asks (« calendrier 2025 », review 25: the 2024 window stood for 2025).
    years = list(dict.fromkeys(years_asked(ctx.question)))
    calendar = ctx.retrieve(f"{query} {CALENDAR_CUES} {' '.join(years)}".strip(), k=4) if tool else []
    pool = unique_passages(ctx.passages[:4] + ctx.retrieve(query, k=8) + eligibility + calendar)
    sents = candidates(pool, limit=10)
    if aliases:
        # Sentences about the tool: they name it, or follow a sentence of the same passage that does.
        # « 1 % » names the water tool only when it is not part of this tool's own name (« 1 % déchets »).
        other = _other_aliases(aliases)
        names = lambda s, keys: any(k in s.text.lower() for k in keys)  # noqa: E731
        named = {(id(s.passage), s.position) for s in sents if names(s, aliases)}
        # A sheet or a section given over to the tool speaks of it throughout (« Conditions d'éligibilité : pour
        # candidater, une collectivité doit… » under « Les appels à projets du ministère »).
        devoted = {id(s.passage) for s in sents
                   if any(a in f"{s.passage.chunk.title} {s.section}".lower() for a in aliases)}
        sents = [
            s for s in sents
            if (id(s.passage), s.position) in named and not (names(s, other) and s.text.count("«") > 0 and len(s.text.split()) < 12)
            # « Le « 1 % énergie » figure, comme le « 1 % eau », à l'article… » is about the energy one
            and not _opens_on_another_percent(s.text.lower()[:OPENING_CHARS], aliases, other)
            or ((id(s.passage), s.position - 1) in named or id(s.passage) in devoted) and not names(s, other)
        ]
    # "Les outils de l'AFD : « FEXTE » et « FICOL »" is a title, not a statement.
    sents = [s for s in sents if not (":" in s.text and len(re.findall(r"\w+", s.text)) < 12)]
    ranked = [s for s in score_sentences(query, sents, ctx.bm25, use_headings=False) if s.score >= 0.15]
    # Current facts first: the 2024 rate once the 2025 one is there, a fact over two years old, come last.
    behind = outdated([(s.text, s.passage.chunk.date) for s in ranked])
    ranked = [s for s, late in zip(ranked, behind) if not late] + [s for s, late in zip(ranked, behind) if late]
    if not years or not aliases:
        return ranked
    # The dates of the latest year the request asks, first in the calendar (« calendrier 2025 »: the 2025 window
    # before the usual one and the 2022 call); the other sections keep their order.
    latest = max(years)
    return sorted(ranked, key=lambda s: _section(s, aliases) == "calendar" and latest not in s.text)


def _file(ranked: list[Sentence], aliases: tuple[str, ...]) -> dict[str, list[Sentence]]:
    """At most three sentences per section, each said once, current ones where enough are current."""
    by_section: dict[str, list[Sentence]] = {key: [] for key, _ in SECTIONS}
    said: list[str] = []  # the same sentence can open two overlapping passages, or carry the next: list it once
    for s in ranked:
        bucket = by_section[_section(s, aliases)]
        key = re.sub(r"\W+", "", s.text.lower())
        # Said once in the whole sheet: « 63 projets… 48 millions » under « Qui peut en bénéficier » is not listed
        # again under « Montants » (review 20).
        filed = [b for sentences in by_section.values() for b in sentences]
        if any(key in k or k in key for k in said) or _repeats_figures(s, filed):
            continue
        # « 200 000 à 1 500 000 euros » listed first, then « 200 000 à 1,5 million d'euros, et au moins 30 % »: the
        # fuller one takes its place.
        covered = next((b for b in bucket if _repeats_figures(b, [s])), None)
        if covered is not None:
            bucket[bucket.index(covered)] = s
            said.append(key)
        elif len(bucket) < 3:
            said.append(key)
            bucket.append(s)
    for key in by_section:
        by_section[key] = current_enough(by_section[key])
    _define_first(by_section, aliases)
    return by_section


MIN_POINT_COVERAGE = 0.1  # at least one of the point's rarer words (measured: good answers 0.12-0.39, an off-point one 0)
# A point the sheet's own sections answer (« qui peut candidater », « montants », « calendrier »): covered when
# that section holds something, whatever its words.
_SECTION_OF_POINT = (
    # « c'est quoi le truc de l'AFD pour les collectivités » (review 20): what « Ce que c'est » says.
    ("definition", re.compile(r"\bc['’]est quoi\b|\bqu['’]est-ce que\b|\bà quoi (?:ça )?sert\b|"
                              # « base légale » (review 22, q2208): the law that created it, which the sheet says first
                              r"\bbase (?:légale|juridique)\b|\bcadre (?:légal|juridique)\b|\bquelle loi\b", re.I)),
    ("who", re.compile(r"^qui\b|\bqui peu\w+|éligib\w*|candidat\w*|bénéfici\w*|ouvert à", re.I)),
    ("amounts", re.compile(r"\bmontants?\b|\btaux\b|combien|\bpart\b|plafond|cofinancement|subvention", re.I)),
    ("calendar", re.compile(r"calendrier|\bdates?\b|quand|délais?|échéance", re.I)),
)


# « quels exemples concrets » (review 20): answered by a sentence of the sheet that names who used the tool (« la
# Ville de Paris a été la première à le voter, au profit de Brazzaville »), whatever its section.
_ASKS_EXAMPLES = re.compile(r"\bexemples?\b|\bcas concrets?\b|\bqui (?:l['’]utilise|s['’]en sert|l['’]a (?:déjà )?utilisé)", re.I)
_NAMES_A_USER = re.compile(r"\b(?:[Vv]ille|[Dd]épartement|[Rr]égion|[Mm]étropole|[Cc]ommune|[Ss]yndicat|[Aa]gglomération)"
                           r"\s+(?:de |du |d['’])?(?:la |l['’])?[A-ZÉ]|\bSedif\b")


def _answered_by_a_section(point: str, by_section: dict[str, list[Sentence]], name: str = "") -> bool:
    if _ASKS_EXAMPLES.search(point):
        return any(_NAMES_A_USER.search(s.text) for sentences in by_section.values() for s in sentences)
    if _measure_shown(point, [s.text for sentences in by_section.values() for s in sentences]):
        return True
    defined = " ".join([name] + [s.text for s in by_section["definition"]])
    return any(pattern.search(point) and by_section[key] and not (key == "definition" and _names_another(point, defined))
               for key, pattern in _SECTION_OF_POINT)


# « c'est quoi exactement France Volontaires aujourd'hui ? » on a sheet on volunteering (review 25, q2509): what the
# sheet's « Ce que c'est » defines is its tool, not another body the point names.
_NAME_IN_POINT = re.compile(r"\b(?:[A-ZÉ][a-zéèêô]+(?:[ -][A-ZÉ][a-zéèêô]+)+|[A-Z]{3,})\b")


def _names_another(point: str, defined: str) -> bool:
    """The point names something the sheet's title and « Ce que c'est » do not."""
    return any(n.lower() not in defined.lower() for n in _NAME_IN_POINT.findall(point))


# « taille du groupe », « âge » (review 25, q2509: answered in « Vos questions » with a 2015 quote while « un groupe de
# 4 à 16 jeunes » sat in « Qui peut en bénéficier »): a measure is shown when a sentence above names what it measures
# and gives a number.
_MEASURE = re.compile(r"\b(?:taille|nombre|montants?|durée|âge|plafond|maximum|minimum)\b", re.I)
_FILLER = {"quel", "quelle", "quels", "quelles", "pour", "dans", "avec", "exactement"}


def _measure_shown(point: str, shown: list[str]) -> bool:
    if not _MEASURE.search(point):
        return False
    rest = [w for w in re.findall(r"[a-zàâçéèêëîïôûù]{4,}", _MEASURE.sub(" ", point.lower())) if w not in _FILLER]
    return bool(rest) and any(re.search(r"\d", s) and all(w[:5] in s.lower() for w in rest) for s in shown)


# « par rapport au 1 % eau », « comparé au FICOL »: what a request compares with.
_COMPARING = r"(?:par rapport|comparée?|contrairement) (?:au|à la|à l['’]|aux)"
_COMPARED_WITH = re.compile(rf"\s*\b{_COMPARING}\b.*$", re.I)


def _asked_points(ctx: ComposeContext, name: str, by_section: dict[str, list[Sentence]],
                  tool: Tool | None = None) -> list[str]:
    """« Vos questions »: each point the request lists that the sections leave out, answered as a question about
    the sheet's subject (one or two quoted sentences), or said to be absent from the documents."""
    shown = [s.text for key in by_section for s in by_section[key]]
    # Points a section answers are set aside before the three left out are kept (review 20: « pourquoi si peu s'en
    # servent », fourth in its list, was dropped behind three the sections answered).
    open_points = [p for p in requested_points(ctx.question) if not _answered_by_a_section(p, by_section, name)]
    # « durée », alone: a word every sheet says somewhere (« public, durée, indemnité »), which the sheet's words do
    # not answer (review 25, q2509); asked, unless a section answers it.
    left = left_out(open_points, shown, ctx.bm25)
    points = [p for p in open_points if p in left or _MEASURE.fullmatch(p.strip())][:MAX_POINTS]
    if not points:
        return []
    lines = ["**Vos questions**"]
    for point in points:
        # Searched with the sheet's subject, chosen for the point alone: the subject's name is in every sentence.
        # What the point is compared with (« …par rapport au 1 % eau ») is not what it asks about.
        asked = _COMPARED_WITH.sub("", point) or point
        passages = ctx.retrieve(f"{name.split(' (')[0]} {asked}", k=4)
        cited_before = len(ctx.book.citations)
        said = compose_question(asked, passages, ctx.bm25, ctx.book, rerank=lambda r: ctx.rerank(r, query=asked),
                                max_sentences=1, suit=lambda ranked: _not_of_other_tools(ranked, tool, ctx.question))
        # In the documents' words: « agrément » is covered by « si elle est agréée ».
        if QueryWeights(normalized(asked), ctx.bm25).share(set(terms(said))) < MIN_POINT_COVERAGE:
            said = ""  # what came back speaks of something else: better said absent than answered off the point
            ctx.book.forget_from(cited_before)
        said = _not_shown_again(said, shown)
        label = point.rstrip(" ?")
        lines.append(f"- _{label[:1].upper()}{label[1:]}_ : "
                     + (said or f"_{NOT_FOUND_HERE[:1].lower()}{NOT_FOUND_HERE[1:]}_"))
    return lines + [""]


def _not_shown_again(said: str, shown: list[str]) -> str:
    """A point's answer without the sentences a section above already shows (review 23, q2309: « Cadre du VSI… »
    three times in one sheet); when it holds only those, the first of them again: « La FICOL existe-t-elle encore
    en 2025 : voir ci-dessus » (review 25, q2507) sent the reader looking for an answer the line could give."""
    units = [u for u in re.split(r"(?<=\])\s+", said.strip()) if u]
    fresh = [u for u in units if not any(u.split(" [")[0] in text for text in shown)]
    if not units or len(fresh) == len(units):
        return said
    return " ".join(fresh) if fresh else units[0]


def _not_of_other_tools(ranked: list[Sentence], tool: Tool | None, request: str) -> list[Sentence]:
    """A point of the sheet is answered about its tool: « sur quel budget ? » on the « 1 % déchets » is not answered
    by the Oudin-Santini law's water budgets, nor « ce qu'on peut financer » by the « 1 % mobilité »'s base, nor « la
    durée du projet » of a JSI sheet by the VSI's missions (review 22, q2208 and q2209)."""
    if tool is None:
        return ranked
    own = _specific(tool.aliases)
    other = _other_aliases(tool.aliases)
    kept = [s for s in ranked if any(a in s.text.lower() for a in own) or not any(a in s.text.lower() for a in other)]
    asked = _programmes_asked(tool, request)
    return [s for s in kept if names_programme(f"{s.section} {s.text}", asked)] if asked else kept


def _programmes_asked(tool: Tool | None, request: str) -> list[str]:
    """The volunteering programmes a request names, when it names some but not all (« une fiche sur JSI et VVVSI »)."""
    asked = programmes_named(request) if tool and tool.id == "volontariat" else []
    return asked if len(asked) < len(PROGRAMMES) else []


def _other_aliases(aliases: tuple[str, ...]) -> tuple[str, ...]:
    """The other tools' names; « 1 % » names the water tool only when it is not part of this tool's own name."""
    return tuple(a for t in TOOLS if t.aliases != aliases for a in t.aliases if not any(a in own for own in aliases))


def _other_tool_named(ctx: ComposeContext, tool: Tool | None, by_section: dict[str, list[Sentence]]) -> list[str]:
    """« la FICOL ou un nom comme ça, et y a aussi un FEXTE je crois, je mélange tout » (review 20): a second tool the
    request names gets what it is and who may use it, under « À ne pas confondre », so the two are told apart."""
    other = next((t for t in named_tools(ctx.question, limit=None) if tool and t.id != tool.id), None)
    if other is None:
        return []
    shown = [s for sentences in by_section.values() for s in sentences]
    filed = _file(_about_the_tool(ctx, other, other.query), other.aliases)
    picked = [s for key in ("definition", "who", "amounts") for s in filed[key][:1]
              if s.text not in {x.text for x in shown} and not _repeats_figures(s, shown)]
    if not picked:
        return []
    # « …et pourquoi si peu s'en servent par rapport au 1 % eau »: named to compare, not mixed up.
    compared = re.search(rf"\b{_COMPARING}\s*(?:" + "|".join(re.escape(a) for a in other.aliases) + ")", ctx.question, re.I)
    heading = "Pour comparer" if compared else "À ne pas confondre"
    return ([f"**{heading} : {other.name}**"]
            + [f"- {s.text} [{ctx.book.cite_sentence(s)}]" for s in picked] + [""])


def _of_the_programmes_asked(ctx: ComposeContext, tool: Tool | None, name: str,
                             ranked: list[Sentence]) -> tuple[str, list[Sentence]]:
    """« une fiche simple sur JSI et VVVSI pour les animateurs du service jeunesse » (review 22, q2209): a sheet on the
    programmes named, not on every volunteering programme the tool groups (the VSI's one-year missions were given as
    the JSI's calendar)."""
    asked = _programmes_asked(tool, ctx.question)
    if not asked:
        return name, ranked
    return (f"{' et '.join(asked)} ({name[:1].lower()}{name[1:].split(' (')[0]})",
            [s for s in ranked if names_programme(f"{s.section} {s.text}", asked)])


def compose_fiche(ctx: ComposeContext, today: date | None = None) -> str:
    tool = _tool_of(ctx)
    name = tool.name if tool else fiche_name(ctx.question)
    ranked = _about_the_tool(ctx, tool, tool.query if tool else ctx.question)
    name, ranked = _of_the_programmes_asked(ctx, tool, name, ranked)
    if not ranked:
        return ""
    by_section = _file(ranked, tool.aliases if tool else ())
    lines = [f"## Fiche outil : {name}", ""]
    for key, heading in SECTIONS:
        lines.append(f"**{heading}**")
        if not by_section[key]:
            lines.append(f"- _{NOT_FOUND_HERE}_")
        for s in sorted(by_section[key], key=lambda s: (s.passage.rank, s.position)):
            n = ctx.book.cite_sentence(s)
            note = stale_note(s.passage.chunk.date, today) if has_figure(s.text) or key == "calendar" else ""
            lines.append(f"- {s.text} [{n}]{note}")
        lines.append("")
    lines += _other_tool_named(ctx, tool, by_section)
    lines += _asked_points(ctx, name, by_section, tool)
    # Two sources of different years that give different values for the same quantity: show both, dated.
    clashes = _contradictions(by_section["amounts"])
    if clashes:
        lines.append("**Attention : sources de dates différentes**")
        for s in clashes:
            lines.append(f"- _(source de {source_year(s.passage.chunk.date)})_ {s.text} [{ctx.book.cite_sentence(s)}]")
        lines.append("_Les chiffres les plus récents priment ; vérifiez-les auprès de l'organisme avant toute citation officielle._")
        lines.append("")
    # The dates of the sources are in the answer's one « Sources » list, with « à vérifier » on old ones.
    ctx.sections = [{"tool": tool.id if tool else "", "name": name}]
    return "\n".join(lines).strip()
