"""Mode « article »: a title, a standfirst and three short paragraphs for a municipal bulletin.

Each paragraph answers one plain question a reader has (why, what it brings,
how it is framed and funded) with sentences quoted from the documents.
"""

from __future__ import annotations

import re
from typing import Callable

from assistant.compose.asks import as_heading, asked_headings, point_details, reader_questions, recalled_points
from assistant.compose.brief import (AMOUNT_WRITTEN, EXPLAIN_AFTER, INSTRUCTION_CLAUSE, KEY_FIGURES_ASKED, Brief,
                                     ending_asked, headline, quotes_asked, read_brief, standfirst)
from assistant.compose.context import ComposeContext
from assistant.compose.places import place_of
from assistant.compose.question import asks_current
from assistant.compose.plan_check import minimum_share, plan_check_line, plan_figures
from assistant.compose.revise import fits_a_box
from assistant.compose.sentences import (Sentence, candidates, current_facts_first, for_the_public, pick,
                                         prefer_definitions, quoted, score_sentences, superseded)
from assistant.compose.tools import JOINT_CALL, Tool, about_other_tools, detect_tool, mentioned_tools, named_tools
from assistant.cost import amount_per_inhabitant, cost_from, figures_in
from assistant.dates import YEAR
from assistant.figures import has_figure, meaningful_numbers
from assistant.lexical import QueryWeights
from assistant.lexicon import normalized
from assistant.questions import defined_term

_INSTRUCTION = re.compile(
    r"^\s*(?:(?:r[ée]dige[rz]?|[ée]cri(?:s|vez|re)|propose[rz]?|pr[ée]pare[rz]?|fais|faites)(?:-moi|-nous)?\s+)?"
    r"(?:(?:un|une|l')\s*)?(?:article|texte|brève|communiqué(?: de presse)?|billet)?\s*"
    r"(?:pour le (?:bulletin|journal|magazine)(?: municipal)?\s*)?(?:sur|à propos de|au sujet de|concernant)?\s*",
    re.I,
)

PARAGRAPHS = (
    ("Pourquoi agir au-delà de nos frontières ?",
     "pourquoi les collectivités agissent à l'international solidarité responsabilité globale enjeux"),
    ("Ce que notre territoire y gagne",
     "retombées pour le territoire associations acteurs économiques ouverture cohésion sociale"),
    ("Un cadre clair et des financements partagés",
     "cadre juridique loi cofinancement État AFD DAECT appels à projets financement"),
)
FUNDING_HEADING = PARAGRAPHS[2][0]


_LOWER_STARTERS = {"Le", "La", "Les", "Un", "Une", "Des", "Ce", "Cette", "Ces", "Il", "Elle", "Ils", "Elles", "Nombre", "Plusieurs"}
_TRAILING = re.compile(r"\s*(?:pour|dans) (?:le|la|notre) (?:bulletin|journal|magazine|lettre|site)(?: municipal| municipale| de la ville)?\s*$", re.I)
_CONNECTIVES = ("", "Par ailleurs, ")
ABOUT_WORDS = 15  # of the user's brief, beside the project's name, in what each paragraph searches
MIN_POINT_CLOSENESS = 0.845  # a quote this close in meaning answers a reader's question (as `relevance`'s floor)


_ANSWERING = re.compile(r"^en réponse à la critique\s*«\s*(.+?)\s*»$", re.I)


def topic(question: str) -> str:
    rest = _TRAILING.sub("", EXPLAIN_AFTER.sub("", _INSTRUCTION.sub("", question))).strip(" .?!:")
    answering = _ANSWERING.match(rest)  # an article made from a counter-argument: about the criticism it answers
    if answering:
        rest = f"Réponse à la critique : « {answering.group(1)} »"
    return rest[:1].upper() + rest[1:] if rest else ""


_PRESS = re.compile(r"\bcommuniqué\b", re.I)
_QUESTION_AFTER = re.compile(r",\s*|\s+et\s+(?=ce qu|comment|pourquoi|qu['’]est|quel|combien|à quoi|en quoi)", re.I)
# What a request says of money: the funding paragraph then answers it.
_MONEY = re.compile(r"€|\b(?:financ\w*|cofinanc\w*|subvention\w*|budget\w*|argent|euros?|co[uû]t\w*|pa(?:ie|ye)\w*|"
                    r"montants?|appels?|dotation\w*|fonds|aides?)\b", re.I)


# « Loi Thiollière : la loi Thiollière de 2007 a… »: a fact sheet's label, which prose drops when what follows it
# is a whole sentence (it opens on a determiner) that says the label again.
_LABEL = re.compile(r"^[^:«»]{3,60}(?:«[^»]{1,30}»[^:«»]{0,20})? : ((?:la|le|les|l['’]|un|une|des|en|depuis|ce|cette|ces)\b.+)$")


def unlabelled(sentence: str) -> str:
    m = _LABEL.match(sentence)
    # A label with a date (« Taux 2025, revus à la baisse : … ») says when the fact holds: kept.
    if not m or len(m.group(1).split()) < 8 or YEAR.search(sentence[: m.start(1)]):
        return sentence
    # The label may hold what the rest speaks of (« Premiers usages du « 1 % déchets » : la Ville de Paris a été la
    # première à le voter »): dropped only when the rest says every word of it again.
    rest = m.group(1).lower()
    if any(w not in rest for w in re.findall(r"\w{5,}", sentence[: m.start(1)].lower())):
        return sentence
    return m.group(1)[:1].upper() + m.group(1)[1:]


# « l'appel à projets franco-sénégalais 2024 », « l'appel clés en main », « l'appel Ukraine 2025 ».
_CALL_NAMED = re.compile(r"\bappel (?:à projets |à idées )?(?:conjoint )?(?:franco-[\w-]+|clés en main|généraliste|"
                         r"[A-ZÉ][\w-]+)(?: (?:19|20)\d\d)?", re.I)


def _another_call(text: str, call: str) -> bool:
    """A sentence on the franco-libanais call, in an article on a project of the franco-sénégalais one: the rules
    of another call, which the reader would take for ours."""
    ours = {c.lower() for c in JOINT_CALL.findall(call)}
    theirs = {c.lower() for c in JOINT_CALL.findall(text)}
    if "généraliste" in call.lower():  # the dates of the joint calls are not those of the general one (review 24)
        return bool(theirs)
    return bool(ours and theirs and not ours & theirs)


# « taux 2025 », « dates de dépôt », « montant »: what a reader takes as this year's.
_CHANGES_YEARLY = re.compile(r"\b(?:19|20)\d\d\b|\bdates?\b|\btaux\b|\bmontants?\b|\bcalendrier\b|\bdélais?\b|"
                             r"\bplafonds?\b", re.I)


# « Aucun montant mobilisé au titre du « 1 % mobilité » n'a été trouvé. »: the fact sheet's note on its own sources.
_ABSENCE = re.compile(r"n['’]a (?:pas )?été (?:trouvée?|publiée?|recensée?)|les sources divergent|\baucun(?:e)? (?:montant|chiffre|donnée)",
                      re.I)


def says_something(s: Sentence) -> bool:
    """« Potentiel du « 1 % eau » : les sources divergent. »: a label and three words tell a reader nothing; nor does
    a note that a figure was not found."""
    return (" : " not in s.text or len(s.text.split(" : ", 1)[1].split()) >= 6) and not _ABSENCE.search(s.text)


def _with_connective(s: Sentence, connective: str, request: str = "") -> str:
    """A connective in front of a quoted sentence, only when its first word can take a lower case; another
    town's story is introduced as an example, never told as ours."""
    sentence = unlabelled(s.text)
    place = place_of(s, request)
    if place:
        return f"Un exemple ailleurs ({place}) : {quoted(sentence)}"
    first = sentence.split(" ", 1)[0]
    if not connective or first not in _LOWER_STARTERS or " : " in sentence[:60]:
        return sentence
    return connective + sentence[0].lower() + sentence[1:]


def repeats_figures(text: str, shown: set[str]) -> bool:
    """A sentence giving again the figures of one already quoted (review 20: « 300 projets pour 18,5 millions
    d'euros » from two fact sheets, one paragraph after the other): two shared numbers, or one precise one
    (« 18,5 », « 200 000 »); years do not count."""
    ours = {n for n in meaningful_numbers(text) if not YEAR.fullmatch(n)}
    for other in shown:
        shared = ours & meaningful_numbers(other)
        if len(shared) >= 2 or any(len(n) >= 4 for n in shared):
            return True
    return False


def _names_term(chosen: list[Sentence], term: str) -> bool:
    """A quote that names the term a reader asks the meaning of (already ranked by `prefer_definitions`)."""
    if not term or re.match(r"(?:ce|cet|cette|ces)\b", term, re.I):
        return False  # « ce qu'est ce programme »: a term pointed at, not named, is judged by meaning
    return any(term.lower() in s.text.lower() for s in chosen)


DETAIL_SHARE = 0.5  # of a listed detail's weighted words (« part minimale » in the documents' words: « doit apporter »)


def _answers_detail(ctx: ComposeContext, found: Sentence, detail: str, asked: str) -> bool:
    """A quote answers a listed detail when it is close in meaning to it, or says most of its words in either wording
    (« La collectivité française doit apporter au moins 10 % » for « part minimale de la commune », whose meaning the
    small model puts at 0.84)."""
    if not ctx.calibrated or max(ctx.closeness([found], ctx.search.meaning_vector(asked))) >= MIN_POINT_CLOSENESS:
        return True
    return any(QueryWeights(wording, ctx.bm25).share(found.terms) >= DETAIL_SHARE
               for wording in {detail, normalized(detail)})


def heading_for(heading: str, brief: Brief) -> str:
    """The paragraph's question asked about *this* project when the brief names it: « Pourquoi Saintes s'engage
    aux côtés de Byblos », « Ce que Saintes y gagne »; the general wording otherwise."""
    if heading == PARAGRAPHS[0][0] and brief.ours and brief.partner:
        return f"Pourquoi {brief.ours} s'engage aux côtés de {brief.partner}"
    if heading == PARAGRAPHS[1][0] and brief.ours:
        return f"Ce que {brief.ours} y gagne"
    return heading


_WE_OPENING = re.compile(r"(?:^|(?<=[.!?] ))On (?=[a-zéèêà]+\b)")


def _opening(brief: Brief, title: str, press: bool) -> list[str]:
    """Title, dateline and standfirst in the user's words, then what the writer must still add: the text is
    about *our* project, and the documents come after, as support."""
    lines = []
    if press:
        # Dated the day it is sent, which the request does not say; the event's date stays in the standfirst.
        lines += ["**COMMUNIQUÉ DE PRESSE**", "", f"_{brief.ours or '[Commune]'}, le [date d'envoi]_", ""]
    lines += [f"## {title}", ""]
    lead = standfirst([f for f in brief.facts if f.lower() != title.lower()])
    if brief.ours:  # « On aimerait accueillir… » (review 24): the commune speaks of itself by its name in print
        lead = _WE_OPENING.sub(f"{brief.ours} ", lead)
    if lead:
        lines += [f"_{lead}_", ""]
    lines += [f"_[À compléter : {', '.join(brief.missing())}.]_", ""]
    return lines


def compose_article(ctx: ComposeContext) -> str:
    subject = topic(ctx.question)
    brief = read_brief(ctx.question)
    if (not brief.facts and subject and not subject.startswith("Réponse à la critique")
            and not INSTRUCTION_CLAUSE.search(subject)):
        # « Communiqué pour la Semaine de la solidarité internationale… »: the request is the subject. Not when it is
        # still the writer's brief (« de décembre, j'aimerais un texte d'environ 250 mots… »).
        brief.facts = [subject]
    press = bool(_PRESS.search(ctx.question))
    # The partner's country titles the text (« Notre coopération avec le Liban »), but what the paragraphs search
    # stays the project itself: a country in every search drew other facts about it (dialogues, test half).
    titled = headline(brief, ctx.question)
    named = headline(brief, ctx.question, country=False)
    # « la loi du 4 aout 2021 et ce qu'elle change pour les communes » (fresh12, tune half): the subject before the
    # readers' question titles the text.
    subject_head = _QUESTION_AFTER.split(subject, maxsplit=1)[0].strip(" ,") if subject else ""
    subject_head = subject_head[:1].upper() + subject_head[1:]
    title = (titled or (subject if subject and len(subject.split()) <= 12 else "")
             or (subject_head if 2 <= len(subject_head.split()) <= 12 else "")
             or "L'action internationale, une politique utile à notre territoire")
    # What the paragraphs search for: the project in a few words (its partner and themes), so that each
    # paragraph's own theme still counts; the user's whole brief would drown it.
    brief_words = " ".join(brief.facts + brief.themes).split()
    about = (" ".join([named, *brief_words[:ABOUT_WORDS]]) if named
             else " ".join(brief_words) or subject)
    # « On a été retenus à l'appel à projets franco-sénégalais 2024 » (review 13): the call that funds the project is
    # what its readers' questions (who pays, for how long) and the funding paragraph are answered from.
    found_call = _CALL_NAMED.search(ctx.question)
    call = f" {found_call.group(0)}" if found_call else ""
    # « …dans le cadre de la FICOL », « au titre de la loi Oudin-Santini »: the tool the project uses is the frame
    # the reader needs in the funding paragraph, rather than the whole range of funding.
    tools = named_tools(ctx.question) or _ministry_calls(ctx.question)
    tool_ids_asked = {t.id for t in tools}
    used: set[str] = set()
    shown: list[Sentence] = []

    def cite_all(sentences: list[Sentence]) -> str:
        parts = []
        for i, s in enumerate(sentences):
            used.add(s.text)
            shown.append(s)
            text = _with_connective(s, _CONNECTIVES[i % len(_CONNECTIVES)], ctx.question)
            parts.append(f"{text} [{ctx.book.cite_sentence(s)}]")
        return " ".join(parts)

    per_paragraph = 1 if ctx.length == "short" else 2

    def quotes(theme: str, query: str, k: int = 5, meant: str = "", current: bool = False,
               n: int | None = None, alone: bool = False) -> list[Sentence]:
        """One paragraph's quotes, never one already quoted, whole or in part: `meant` re-scores them by their
        closeness to a reader's question; `current` (the funding paragraph) puts current facts first. What a thing
        is (« ce qu'est la FICOL ») is sought without our project's words, which would find its amounts instead."""
        defined = defined_term(meant)
        pool = [c for c in for_the_public(candidates(ctx.retrieve_about(theme, "" if defined or alone else about, k=k),
                                                     limit=k))
                if says_something(c) and not _another_call(c.text, call)
                # a sentence on the « 1 % mobilité » in an article on the 2021 law (fresh12, tune half)
                and not about_other_tools(f"{c.section} : {c.text}", tool_ids_asked)
                # « Appels à projets du ministère : 91 dossiers… » in an article on a volunteer (review 20)
                and not about_other_tools(c.text, tool_ids_asked, mentioned_tools)]
        # A detail asked alone (« taux 2025 ») would borrow a title that names its year (« Les taux : 2024 puis 2025 »).
        scored = score_sentences(query, pool, ctx.bm25, prefer_figures=not defined, use_headings=not alone,
                                 in_their_words=normalized(query) if alone or meant else None)
        if meant:
            scored = ctx.rerank(scored, query=meant)
        ranked = ctx.suit_audience([s for s in scored if not any(s.text in u or u in s.text for u in used)
                                    and not repeats_figures(s.text, used)])
        if current:
            # « Appels 2024 : jusqu'à 90 % » after the 2025 rates were quoted (review 24): two values, one outdated.
            ranked = [r for r in current_facts_first(ranked, ctx.newest_year) if id(r) not in superseded(shown + [r])]
        if defined:
            prefer_definitions(defined, ranked)
        chosen: list[Sentence] = []
        for s in pick(ranked, n or per_paragraph, min_score=0.15):
            if not repeats_figures(s.text, {c.text for c in chosen}):  # nor two quotes giving the same figures
                chosen.append(s)
        return chosen

    body: list[str] = []
    # The readers' questions the request names (« d'où vient l'argent ? ») are answered first, each under its own
    # heading; the general « why » paragraph then gives way to them.
    unanswered: list[str] = []

    def detailed(point: str, details: list[str]) -> list[Sentence]:
        """One quote per detail the request lists for the point (« taux 2025, part minimale de la commune, dates de
        dépôt »), each close in meaning to that detail asked of the point's subject; a detail none answers is said
        missing."""
        # The subject of « comment marche ce cofinancement » is the tool or call the request names.
        named = " ".join([t.name.split(" (")[0] for t in tools] + [call.strip()]).strip()
        subject = defined_term(point) or named or point
        chosen: list[Sentence] = []
        for detail in details:
            asked = f"{detail} {subject}"
            # Searched as asked (the project's words would find its general facts again), scored on the detail's own
            # words (the subject's would pick any sentence naming the call), the newest facts first for what changes
            # each year; not for a creation, which is old by nature.
            yearly = bool(_CHANGES_YEARLY.search(detail))
            found = quotes(asked, detail, k=8, meant=asked, n=1, current=yearly, alone=True)
            if found and _answers_detail(ctx, found[0], detail, asked):
                used.add(found[0].text)  # the next detail's quote is another sentence (`cite_all` adds it again)
                chosen += found
            else:
                unanswered.append(f"{detail} ({subject})")
        return chosen

    headings = asked_headings(ctx.question)
    costed = next((h for h in headings if _COST_ASKED.search(h)), "")
    cost_line = _readers_cost(ctx.question) if costed else ""
    if cost_line:
        # « Combien ça coûte aux Vauréens ? »: the request's own figures put per inhabitant, under its own heading.
        body += [f"### {costed}", cost_line, ""]
    asked_points = [h.rstrip(" ?") for h in headings if not (cost_line and h == costed)]
    # « rappeler la loi qui permet ça » after « via le dispositif « 1 % déchets » »: « ça » is the tool.
    recalled = {point: _as_said(point, tools) for point in recalled_points(ctx.question)}
    for point in asked_points + [p for p in reader_questions(ctx.question) if p not in asked_points]:
        point = recalled.get(point, point)
        defined = defined_term(point)
        asked = point if defined else f"{point}{call}"
        details = point_details(ctx.question, point)
        if details:
            chosen = detailed(point, details)
            if chosen:
                body += [f"### {as_heading(point, brief.facts[0] if brief.facts else '')}", cite_all(chosen), ""]
            continue
        # « combien de collectivités engagées aujourd'hui » is answered with today's count, not 2015's.
        chosen = quotes(asked, point if defined else f"{point} {about}{call}", meant=point, current=asks_current(point))
        # A heading asks the reader's question: the quotes under it must answer it, in meaning, or the article says
        # the documents do not (review 13: « Combien de temps ça dure ? » was answered with the FEXTE). What a thing
        # is, asked in four words, is answered by a sentence that names it (review 14: « ce qu'est la réciprocité »
        # was said missing beside « L'ouverture du VSI à la réciprocité (accueil de volontaires étrangers…) »).
        if chosen and (not ctx.calibrated or _names_term(chosen, defined) or
                       max(ctx.closeness(chosen, ctx.search.query_vector(asked))) >= MIN_POINT_CLOSENESS
                       # « Paris a été pionnière », to recall: said in the quote's words, not asked of it
                       or (point in recalled.values() and _says_point(ctx, chosen, point))):
            body += [f"### {as_heading(point, brief.facts[0] if brief.facts else '')}", cite_all(chosen), ""]
        else:
            unanswered.append(point)
    paragraphs = PARAGRAPHS[1:] if body else PARAGRAPHS
    if ctx.length == "short":
        paragraphs = paragraphs[:2] if not body else paragraphs[1:]
    if not (tools or call or _MONEY.search(ctx.question)) and body:
        # A project that names no funding and answers its readers' questions: the range of calls and rates would
        # be padding (review 14: the DAECT's selection rates in an article on hosting a volunteer).
        paragraphs = [p for p in paragraphs if p[0] != FUNDING_HEADING]
    for heading, theme in paragraphs:
        funding = heading == FUNDING_HEADING
        if funding and tools:
            theme = " ".join(t.query for t in tools)
        if funding:
            theme += call
        # Funding is read as current: searched wider, so that current rules are found beside the old ones.
        chosen = quotes(theme, f"{about} {theme}", k=8 if funding else 5, current=funding)
        if chosen:
            body += [f"### {heading_for(heading, brief)}", cite_all(chosen), ""]
    written = len(body) // 3
    # A reader's question that a later paragraph answered after all (review 15: « ce qu'il peut financer » said
    # missing beside « Actions finançables par le « 1 % eau » : … ») is not said missing.
    # « il » is the tool the request names: asked about it.
    tool_names = " ".join(t.name for t in tools)
    unanswered = [p for p in unanswered if not (ctx.calibrated and shown and max(ctx.closeness(
        shown, ctx.search.query_vector(f"{p} {tool_names}".strip()))) >= MIN_POINT_CLOSENESS)]
    if unanswered and written:
        body += [f"_Les documents indexés ne répondent pas à : {' ; '.join(f'« {p} »' for p in unanswered)}. "
                 "À compléter avec vos propres informations._", ""]
    if written and KEY_FIGURES_ASKED.search(ctx.question):
        # The figures of the tool the project uses (FICOL's range), else of its subject; not another project told as
        # an example (« Exemple de projet FICOL : le syndicat… de la grotte Chauvet… », seen in the app).
        figures_theme = " ".join(t.query for t in tools) or about
        found = [s for s in quotes(f"{figures_theme} montants chiffres", f"{figures_theme} chiffres montants", k=8, n=6)
                 if has_figure(s.text) and not place_of(s, ctx.question) and not _AN_EXAMPLE.match(s.text)
                 and fits_a_box(s.text)][:2]
        body += _key_figures_box(brief, found, cite_all)
    ending = ending_asked(ctx.question)
    body += [ending, ""] if ending and written else []
    body += _quote_placeholders(brief, ctx.question, press) if written else []
    if press and written:
        body += ["**Contact presse** : [nom, fonction, téléphone, courriel]"]
    body += _plan_checked(ctx, tools, quotes) if written else []
    ctx.sections = [{"title": title, "paragraphs": written, "press_release": press}]
    if not written:
        return ""
    per_head = [] if cost_line else _per_inhabitant(ctx.question)
    return "\n".join(_opening(brief, title, press) + per_head + body).strip()


def _plan_checked(ctx: ComposeContext, tools: list[Tool], quotes: Callable[..., list[Sentence]]) -> list[str]:
    """« Vérifie au passage si notre plan de financement respecte la règle… et dis-le-moi en dehors du communiqué »
    (review 24): the rule of the tool named, quoted, and the sum done, outside the text; in italics, as the question
    mode's applied rates, for it is the assistant's own sum, not a claim of the sources."""
    plan = plan_figures(ctx.question)
    if not plan:
        return []
    rules = [s for s in quotes(f"{' '.join(t.query for t in tools)} la collectivité apporte au moins % du budget",
                               "collectivité apporte au moins budget financement", k=8, n=4, alone=True)
             if minimum_share(s.text) is not None]
    if not rules:
        return []
    checked = plan_check_line(*plan, rules[0].text, ctx.book.cite_sentence(rules[0]))
    return ["", "---", "**Pour vous, hors texte**", f"_{checked}_"]


_MINISTRY = re.compile(r"\baffaires étrangères\b|\bquai d['’]orsay\b", re.I)


def _ministry_calls(request: str) -> list[Tool]:
    """« candidater à l'appel à projets généraliste du ministère de l'Europe et des Affaires étrangères » (review 24):
    in a project's brief, the ministry named is the frame of its calls (the DAECT's), though the ministry's name alone
    is no name of the tool elsewhere (a section title may hold it)."""
    tool = detect_tool(request) if _MINISTRY.search(request) else None
    return [tool] if tool is not None and tool.id == "daect" else []


_PER_HEAD_ASKED = re.compile(r"\bpar (?:habitant|hab\b|tête|administré)", re.I)


def _cost_said(request: str, yearly: bool = True) -> str:
    """« 22 000 € pour 18 000 habitants, soit 1,22 € par habitant et par an »: the request's own figures, computed by
    the Calculateur's rule, exactly, for the readers (a rebuttal says « moins de … »); "" without them."""
    amount, population, budget = figures_in(request)
    cost = cost_from(amount, population, budget)
    if cost is None or amount is None or population is None:
        return ""
    return amount_per_inhabitant(amount, population, cost, yearly=yearly)


def _per_inhabitant(request: str) -> list[str]:
    """« donner le coût par habitant » of the budget the request gives (« 22 000 € au total… 18 000 habitants »,
    review 23)."""
    said = _cost_said(request) if _PER_HEAD_ASKED.search(request) else ""
    return [f"**Par habitant** : {said}.", ""] if said else []


_COST_ASKED = re.compile(r"\bco[ûu]t\w*|\bcombien (?:ça|cela|on) (?:co[ûu]te|paie|met)|\bpa(?:ie|yer)\b", re.I)
_YEARLY = re.compile(r"\bpar an\b|\bannuel\w*|\bchaque année\b", re.I)


def _readers_cost(request: str) -> str:
    """« la ville apporte 20 % » of « 62 000 € » for « 14 000 habitants »: what the project costs each inhabitant,
    under the heading the request asks; per year only when the request says the amount is yearly."""
    said = _cost_said(request, yearly=bool(_YEARLY.search(request)))
    return f"{said[:1].upper()}{said[1:]} _(calcul de l'assistant à partir de vos chiffres, à vérifier)_." if said else ""


RECALLED_SHARE = 0.5  # of a point's weighted words, in the documents' words, that its quotes must say


def _as_said(point: str, tools: list[Tool]) -> str:
    """A point to recall as the article words it: « la loi qui permet ça » → « la loi qui permet le « 1 % déchets » »."""
    return re.sub(r"\b(?:ça|cela)\b", _tool_said(tools[0]), point) if tools else point


def _tool_said(tool: Tool) -> str:
    """« le « 1 % déchets » », as said inside a sentence."""
    name = tool.name.split(" (")[0]
    return name[:1].lower() + name[1:] if re.match(r"(?:Le|La|Les|L['’])\b", name) else name


def _says_point(ctx: ComposeContext, chosen: list[Sentence], point: str) -> bool:
    said = set().union(*(s.terms for s in chosen))
    return QueryWeights(normalized(point), ctx.bm25).share(said) >= RECALLED_SHARE


def _quote_placeholders(brief: Brief, request: str, press: bool) -> list[str]:
    """One placeholder per person the request wants quoted (« une citation du président et une du vice-président… »);
    a press release always has one."""
    asked = quotes_asked(request)
    if brief.speaker and not asked:
        asked = [brief.speaker]
    if not asked and press:
        asked = ["maire ou de l'élu(e) en charge de l'action internationale"]
    lines = []
    for who in asked:
        of = "de " if brief.speaker == who or re.match(r"[A-ZÉ]", who) else "du "
        lines += [f"> « [Citation {of}{who}, à compléter] »", ""]
    return lines


_AN_EXAMPLE = re.compile(r"(?:Un )?[Ee]xemples?\b")
_OWN_AMOUNT = re.compile(rf"(?:environ |près de |plus de )?{AMOUNT_WRITTEN}(?: (?:sur|par|pour|dont) [^,.;()]{{2,30}})?",
                         re.I)


# « 40 000 € de subvention », « un projet de 80 000 € »: what the request says each amount is (review 22, q2205: both
# were labelled « Notre projet »): the noun after the amount, or the one before it.
_NAMED_AFTER = re.compile(r"^\s*(?:de |d['’])\s*(subvention|cofinancement|aide|budget|participation|apport|financement)\b",
                          re.I)
_NAMED_BEFORE = re.compile(r"\b(projet|budget(?: total)?|enveloppe|subvention|aide|contribution)\s+"
                           r"(?:global\w*\s+|total\w*\s+)?(?:de|d['’]|à hauteur de|:)\s*$", re.I)


def _own_amount_label(facts: str, found: "re.Match[str]") -> str:
    """What the request calls the amount (« Subvention », « Projet »), else « Notre projet »."""
    named = _NAMED_AFTER.match(facts[found.end():]) or _NAMED_BEFORE.search(facts[max(0, found.start() - 40):found.start()])
    label = named.group(1) if named else "notre projet"
    return label[:1].upper() + label[1:]


def _key_figures_box(brief: Brief, found: list[Sentence], cite_all: Callable[[list[Sentence]], str]) -> list[str]:
    """« un encadré « chiffres clés » »: the project's own amounts, in the request's words, then the documents'
    figures that frame them, each cited."""
    lines = ["**Chiffres clés**"]
    facts = " ".join(brief.facts)
    lines += [f"- {_own_amount_label(facts, m)} : {m.group(0).strip()}" for m in _OWN_AMOUNT.finditer(facts)][:2]
    lines += [f"- {cite_all([s])}" for s in found]
    return lines + [""] if len(lines) > 1 else []
