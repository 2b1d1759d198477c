"""Mode « question »: a short answer of 2 to 5 quoted sentences, each cited."""

from __future__ import annotations

import re
from typing import Callable

from assistant.compose.citations import CitationBook
from assistant.compose.context import ComposeContext
from assistant.compose.sentences import (BIBLIOGRAPHIC, RECOMMENDING, Sentence, candidates, current_facts_first,
                                         newest_count_first, pick, prefer_definitions, score_sentences)
from assistant.compose.tools import about_other_tools, named_tools
from assistant.dates import MONTH_NAMES, YEAR
from assistant.documents import Passage, unique_passages
from assistant.figure_evidence import figure_asked, says_figure
from assistant.lexical import Bm25Index, QueryWeights
from assistant.lexicon import normalized
from assistant.questions import defined_term

MAX_SENTENCES = 4
_ASKS_FIGURE = re.compile(
    r"\b(?:combien|quel(?:le)?s? (?:est |sont |était |a été )?(?:le |la |les |l['’])?(?:montant|nombre|part|pourcentage|taux|budget|"
    r"somme|coût|volume|enveloppe|plafond|total|dotation|effectif|chiffre)|"
    r"how (?:many|much)|à combien|jusqu'à quel)",
    re.I,
)

# « en sept groupes de travail »: a count written in words answers « combien » too.
_ASKS_RATE = re.compile(r"\b(?:taux|pourcentage|quelle part)\b", re.I)
_NUMBER = re.compile(r"\d|\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|quarante|"
                     r"cinquante|soixante|cent|mille|million|milliard)s?\b", re.I)


# « Comment répondre aux critiques sur le coût ? », « Comment communiquer auprès des habitants ? »: what to do.
_HOW_TO = re.compile(r"^\s*(?:comment (?:(?:puis-je|peut-on|pouvons-nous|faut-il|doit-on|devons-nous|on peut|je peux|"
                     r"nous pouvons|faire pour)\b|\w+(?:er|ir|re)\b(?! (?:de|du|des|la|le|les|l['’])\s?\w+ \?))|"
                     r"que faire|quoi faire|par où commencer|quel(?:le)?s? (?:bonnes pratiques|conseils|pistes))", re.I)
ADVICE_BONUS = 0.15


# Stricter than a tip's test (no « peut »: « un projet peut appliquer un taux unique » is a rule, not advice); a
# sentence opening on an infinitive (« Rappeler ce que représente… ») is an instruction.
_RECOMMENDS = re.compile(rf"\b(?:{RECOMMENDING})\b|"
                         r"^[«\s]*(?!(?:Entre|Outre|Contre|Notre|Votre|Autre|Premier|Dernier|Hier|Sur|Par|Pour)\b)"
                         r"[A-ZÉ][a-zéèêî]{2,}(?:er|ir|re) (?!à |au |aux )", re.I)


def prefer_advice(ranked: list[Sentence]) -> None:
    """A question asking how to act is answered by sentences that say what to do (« Il faut… », « Rappeler ce que
    représente… permet de nuancer les critiques »), not by a fact that shares its words."""
    for s in ranked:
        if _RECOMMENDS.search(s.text):
            s.score += ADVICE_BONUS
    ranked.sort(key=lambda s: -s.score)


NO_FIGURE_PENALTY = 0.6
# A sentence saying the figure is not known answers « combien ? » (fresh19, tune half: « ça mobilise combien chaque
# année ? » on the « 1 % énergie »).
_NO_FIGURE_KNOWN = re.compile(r"\b(?:aucun(?:e)? (?:source|montant|chiffre)s?\b[^.]{0,60}\b(?:ne |n['’]|trouvé)|"
                              r"ne (?:chiffrent|chiffre|donnent pas les montants|donne pas le montant))", re.I)
NO_DATE_PENALTY = 0.5
YEAR_BONUS = 0.3

_ASKS_CURRENT = re.compile(r"\b(?:cette année|actuel\w*|aujourd['’]?hui|en ce moment|en vigueur|maintenant|désormais|"
                          r"à jour|dernier\w* (?:taux|chiffres?|montants?)|"
                          # « Au dernier pointage, combien… ? » (holdout10, tune half): the newest count.
                          r"derni(?:er|ère)s? (?:pointage|recensement|bilan|comptage|décompte|état des lieux|données|"
                          r"statistiques|estimations?)|plus récente?s?|à ce jour|aux dernières nouvelles)\b", re.I)
# « combien de collectivités françaises font de la coopération internationale ? »: a count asked in the present, with
# no year, asks how many there are now; « combien avaient-elles donné à l'époque ? » does not.
_ASKS_COUNT = re.compile(r"\bcombien d(?:e\b|['’])", re.I)
# « avaient-elles donné », « le Sénégal a mis combien », « à l'époque »: the past (imperfect or perfect).
_PAST = re.compile(r"\b\w+(?:ait|aient)\b|\b(?:était|étaient|avait|avaient|fut|furent|à l['’]époque|autrefois|"
                   r"au (?:début|lancement|départ)|lors de|avant|jadis|historiquement)\b|"
                   r"\b(?:a|ont)(?:-t-(?:il|elle|ils|elles)|-(?:ils|elles))?\s+(?:\w+\s+)?(?:été|eu|mis|pris|fait|dit|"
                   r"\w+(?:é|ée|és|ées|i|is|u|us))\b", re.I)


def asks_current(question: str) -> bool:
    """The question asks for today's state of things: it says so, or counts something in the present, with no year."""
    return not YEAR.search(question) and (bool(_ASKS_CURRENT.search(question)) or counts_now(question))


def counts_now(question: str) -> bool:
    """« combien … font … ? »: a count in the present, with no year and no word of the past."""
    return (not YEAR.search(question) and not _ASKS_CURRENT.search(question) and bool(_ASKS_COUNT.search(question))
            and not _PAST.search(question))


_ASKS_DATE = re.compile(r"\b(?:depuis quand|quand|en quelle année|quelle année|à quelle date|quelle date|date limite|"
                        r"jusqu['’]à quand|de quand date)\b", re.I)
_DATE = re.compile(rf"{YEAR.pattern}|\b\d{{1,2}}(?:er)? (?:{MONTH_NAMES})\b", re.I)


def prefer_dates(question: str, ranked: list[Sentence]) -> None:
    """« Depuis quand… ? » is answered by a sentence with a date; a question about a given year (« en 2015 »)
    by a sentence of that year: it names it, or its document is dated that year and it names no other."""
    asks_date = bool(_ASKS_DATE.search(question))
    years = set(YEAR.findall(question))
    if not asks_date and not years:
        return
    for s in ranked:
        if asks_date and not _DATE.search(s.text):
            s.score -= NO_DATE_PENALTY
        if years:
            named = set(YEAR.findall(s.text))
            if named & years or (not named and s.passage.chunk.date[:4] in years):
                s.score += YEAR_BONUS
    ranked.sort(key=lambda s: -s.score)


_ASKS_RECORD = re.compile(r"\b(?:quand|date|publi\w*|vot\w*|scores?|voix|adopt\w*|intitulé|titre|nom complet|journal officiel|"
                          r"vigueur|sénat|assemblée|parlement\w*|promulg\w*|lecture)\b", re.I)
RECORD_PENALTY = 0.3


def prefer_substance(question: str, ranked: list[Sentence]) -> None:
    """What a text does comes before its record (title, publication, parliamentary path), unless asked."""
    if _ASKS_RECORD.search(question):
        return
    for s in ranked:
        if BIBLIOGRAPHIC.search(s.text):
            s.score -= RECORD_PENALTY
    ranked.sort(key=lambda s: -s.score)


# « Qui présidait Cités Unies France en 2015 ? », « c'est qui qui la dirigeait ? »: a person, named with the post.
_ASKS_PERSON = re.compile(r"\bqui\s+(?:(?:l[ae]|les|l['’])\s*)?(?:est |était |sont |a été )?(?:l['’]\s*|le |la |les )?"
                          r"(?:actuel\w* )?(présid|dir(?:ig|ect)|anim|représent|fond|cré|lan[cç]|port)\w*", re.I)
# The verb asked (by how it starts) → the words of that post in a sentence: « fondé », not « fonds »; « porté », not
# « portail ».
_POST_WORDS = {"présid": r"présid\w*", "dir": r"dirig\w*|directeu\w*|directrice\w*", "anim": r"anim\w*",
               "représent": r"représent\w*", "fond": r"fond[aée]\w*", "cré": r"cré[aée]\w*", "lan": r"lan[cç]\w*",
               "port": r"port[eé]\w*"}
# « Roland Ries », « Jean-Louis Testud »; or a post held ex officio (« présidée par le Premier ministre »).
_PERSON = re.compile(r"\b(?!(?:La|Le|Les|Un|Une|Ce|Cette|Ces|En|Au|Aux|Du|Des|De|Pour|Par|Sur|Dans)\b)"
                     r"[A-ZÉ][a-zéèëïô]+(?:-[A-ZÉ][a-zéèëïô]+)? [A-ZÉ][a-zéèëïô]{2,}\b|"
                     r"\bpar (?:le |la |l['’])(?:Premier ministre|ministre|préfet|maire|président|présidente)\b")
PERSON_BONUS = 0.3


ANOTHER_TOOL_PENALTY = 0.3


def prefer_named_tool(question: str, ranked: list[Sentence]) -> None:
    """« qui peut utiliser le 1 % déchets ? » is answered by the « 1 % déchets », not by « Qui peut utiliser le « 1 %
    énergie » : … », which shares every other word (fresh12, tune half). A sentence that names another tool, in its
    text or its section's title, and not the one asked, comes after."""
    asked = {t.id for t in named_tools(question)}
    if not asked:
        return
    for s in ranked:
        if about_other_tools(f"{s.section} : {s.text}", asked):
            s.score -= ANOTHER_TOOL_PENALTY
    ranked.sort(key=lambda s: -s.score)


def _post_asked(question: str) -> re.Pattern[str] | None:
    """The words of the post a who-question asks about (« Qui présidait… ? » → présid…), None for other questions."""
    m = _ASKS_PERSON.search(question)
    if not m:
        return None
    verb = m.group(1).lower()
    return re.compile(rf"\b(?:{next(w for k, w in _POST_WORDS.items() if verb.startswith(k))})", re.I)


def _names_holder(post: re.Pattern[str], text: str) -> bool:
    """Whether the text names someone in that post."""
    return bool(post.search(text) and _PERSON.search(text))


def prefer_people(question: str, ranked: list[Sentence]) -> None:
    """« Qui présidait… ? » is answered by a sentence naming someone with that post (« le président de Cités Unies
    France, Roland Ries »), not by one on the body that shares its words."""
    post = _post_asked(question)
    if post is None:
        return
    for s in ranked:
        if _names_holder(post, s.text):
            s.score += PERSON_BONUS
    ranked.sort(key=lambda s: -s.score)


def holder_first(question: str, chosen: list[Sentence]) -> list[Sentence]:
    """A who-question's answer opens on the person, then the rest of that passage, then the others."""
    post = _post_asked(question)
    holder = next((s for s in chosen if _names_holder(post, s.text)), None) if post else None
    if holder is None:
        return chosen
    own = [s for s in chosen if s is not holder and s.passage.chunk.id == holder.passage.chunk.id]
    return [holder] + own + [s for s in chosen if s is not holder and s.passage.chunk.id != holder.passage.chunk.id]


SHORT_SENTENCE_WORDS = 15
# « Une Chaire… ouvrira en 2016 à Grenoble. » / « Son site recense tous les mémoires… »: its subject again;
# « Il faut… l'arrimer à une démarche nationale. » / « On peut ainsi l'inscrire dans… la Semaine de la solidarité
# internationale »: how to do it.
_GOES_ON = re.compile(r"^(?:Son|Sa|Ses|Leur|Leurs)\s|^(?:On peut ainsi|Par exemple|C['’]est ainsi que)\b")
COMPLETION_GAIN = 0.1


def completion(ranked: list[Sentence], chosen: list[Sentence], weights: QueryWeights,
               gives_asked: Callable[[str], bool] | None = None) -> list[Sentence]:
    """The answer running on past a chosen sentence, kept in `chosen`. The next sentence is added when the best
    one is too short to say it all (« Finie la période d'une coopération « danseuse du maire ». » / « L'AICT est en
    mesure d'insuffler… »), when it opens on the subject's possessive (« Son site recense… »), or when it holds a
    tenth more of the question's weighted words. A next sentence that leans on the chosen one (« 2 février 2007 :
    loi Thiollière… » / « Elle fait suite au tsunami… ») already carries it, and takes its place. One at most, so
    that the answer stays short. `gives_asked` tells a sentence that gives what is asked (a date, an amount): a
    sentence that announces it without giving it (« Date de création du « 1 % mobilité » : c'est le plus récent des
    quatre. ») runs on into the next one that does (fresh14, tune half)."""
    best_gain, best_at, best_follower = 0.0, -1, None
    for rank, sentence in enumerate(chosen):
        following = next((s for s in ranked if s.passage.chunk.id == sentence.passage.chunk.id
                          and s.position == sentence.position + 1), None)
        if following is None or any(following.text == c.text for c in chosen):
            continue
        if following.leans and not following.text.startswith(sentence.text):
            continue
        gain = weights.share(sentence.terms | following.terms) - weights.share(sentence.terms)
        runs_on = following.paragraph == sentence.paragraph and (
            following.leans or len(sentence.text.split()) <= SHORT_SENTENCE_WORDS or _GOES_ON.match(following.text))
        if (rank == 0 or len(sentence.text.split()) <= SHORT_SENTENCE_WORDS) and runs_on:
            gain = max(gain, COMPLETION_GAIN)
        if (gives_asked and following.paragraph == sentence.paragraph and not gives_asked(sentence.text)
                and gives_asked(following.text)):
            gain = max(gain, COMPLETION_GAIN)
        if gain >= COMPLETION_GAIN and gain > best_gain:
            best_gain, best_at, best_follower = gain, rank, following
    if best_follower is None:
        return chosen
    if best_follower.leans:
        return chosen[:best_at] + [best_follower] + chosen[best_at + 1:]
    return chosen + [best_follower]


CLOSEST_READ = 5


def reading_pool(passages: list[Passage]) -> list[Passage]:
    """The passages whose sentences may be quoted: the best-ranked ones, and any further down that holds the
    sentence closest in meaning to the question (a fact worded like the question sits in a passage the
    words alone rank low)."""
    head, rest = passages[:CLOSEST_READ], passages[CLOSEST_READ:]
    if not rest:
        return head
    closest = max(p.sentence_dense for p in passages)
    return head + [p for p in rest if p.sentence_dense >= closest - 0.005][:2]


# « Taux 2024 : … » then « Taux 2025, revus à la baisse : … »: a sheet lists a rule year by year, oldest first.
_YEAR_LABEL = re.compile(rf"^[^:.]{{0,40}}?\b({YEAR.pattern})\b[^:.]{{0,30}}:")
_ASKS_HISTORY = re.compile(r"\b(?:évolu\w*|histori\w*|depuis|avant|auparavant|à l['’]époque|ancien\w*)\b", re.I)


def newest_label_first(question: str, ranked: list[Sentence]) -> None:
    """« Taux 2024 : … » and « Taux 2025, revus à la baisse : … » for a question in the present about no year: the
    newest of two rules labelled alike takes the better place of the two (the Togo question lost 2025's rates to
    2024's once « au moins 10 % » competed for its sentences)."""
    if YEAR.search(question) or _ASKS_HISTORY.search(question) or _PAST.search(question):
        return
    labelled = [(s, _YEAR_LABEL.match(s.text)) for s in ranked]
    for older, m in labelled:
        for newer, n in labelled:
            if (m and n and int(n.group(1)) > int(m.group(1)) and newer.score < older.score
                    and _label_words(older.text, m) == _label_words(newer.text, n)):
                older.score, newer.score = newer.score, older.score
    ranked.sort(key=lambda s: -s.score)


def _label_words(text: str, m: re.Match[str]) -> str:
    """The words of a label before its year (« Taux »): what two labelled rules must share to be the same rule."""
    return text[: m.start(1)].strip().lower()


def _labelled_year(text: str) -> int:
    """The year a sentence is labelled with (« Taux 2025, revus à la baisse : »), 0 when none: a question asked in
    the present, about no year, gets the newest rule first within a passage."""
    m = _YEAR_LABEL.match(text)
    return int(m.group(1)) if m else 0


SAID_BEFORE_SHARE = 0.8  # a part whose best answer an earlier part gave points to it, and adds only what comes near


def _pointing_above(best: Sentence, fresh: list[Sentence], said: set[str], book: CitationBook,
                    max_sentences: int) -> str:
    """A part whose best answer an earlier part gave: a pointer to it, and only the new sentences that come near."""
    chosen = pick(fresh, max_sentences - 1, min_score=max(0.25, SAID_BEFORE_SHARE * best.score))
    said.update(s.text for s in chosen)
    pointer = f"_Voir la réponse ci-dessus_ [{book.cite_sentence(best)}]."
    return " ".join([pointer] + [f"{s.text} [{book.cite_sentence(s)}]" for s in chosen])


def compose_question(
    question: str, passages: list[Passage], bm25: Bm25Index, book: CitationBook,
    rerank: Callable[[list[Sentence]], list[Sentence]] | None = None, max_sentences: int = MAX_SENTENCES,
    wants_figure: bool = False, suit: Callable[[list[Sentence]], list[Sentence]] | None = None,
    newest_year: int | None = None, said: set[str] | None = None,
) -> str:
    """The sentences that answer `question`, cited. `said` holds the sentences earlier parts of the same message
    gave: they are not given again, and a part they already answer says so (review 23, q2311: « Date de création
    du 1 % mobilité » under each of three questions)."""
    # « le 1 % eau » names a tool, it asks no rate: a rate is asked in words (« quel taux », « jusqu'à quel %… »).
    asked = figure_asked(question)
    asked = asked if asked == "amount" or (asked == "rate" and _ASKS_RATE.search(question)) else None
    wants_figure = wants_figure or bool(_ASKS_FIGURE.search(question)) or asked is not None
    # A question the documents ask (« Quel dialogue, quelle transversalité… ? ») answers nothing.
    ranked = score_sentences(question, [s for s in candidates(reading_pool(passages), limit=CLOSEST_READ + 2)
                                        if not s.text.rstrip(" »").endswith("?")], bm25, prefer_figures=wants_figure,
                             in_their_words=normalized(question))
    if rerank:
        ranked = rerank(ranked)
    if wants_figure:
        # "Combien…?" is answered by a sentence with a number, not by one that merely shares its words
        # or its meaning (applied after the dense re-scoring, which would otherwise drown it).
        # « le montant max ? » wants euros, « jusqu'à quel taux ? » a percentage: « de 4 à 16 jeunes » gives neither.
        for s in ranked:
            if _NO_FIGURE_KNOWN.search(s.text):
                continue  # « Aucune source consultée ne chiffre les montants du « 1 % énergie » »: the honest answer
            if not _NUMBER.search(s.text) or (asked and not says_figure(asked, s.text)):
                s.score -= NO_FIGURE_PENALTY
        ranked.sort(key=lambda s: -s.score)
    if counts_now(question):
        ranked = newest_count_first(ranked, newest_year)  # the newest of several counts of one quantity leads
    elif asks_current(question):
        ranked = current_facts_first(ranked, newest_year)  # « cette année » : the facts of this year first
    newest_label_first(question, ranked)
    prefer_dates(question, ranked)
    prefer_substance(question, ranked)
    prefer_people(question, ranked)
    prefer_named_tool(question, ranked)
    if _HOW_TO.match(question):
        prefer_advice(ranked)
    term = defined_term(question)
    if term:
        prefer_definitions(term, ranked)
    if suit:
        ranked = suit(ranked)
    if not ranked:
        return ""
    best = ranked[0].score
    said = said if said is not None else set()
    # A sentence given run on with the next one (« Assiette… Ces sommes financent… ») was said too.
    fresh = [s for s in ranked if not any(s.text in text for text in said)]
    if ranked[0] not in fresh:
        return _pointing_above(ranked[0], fresh, said, book, max_sentences)
    chosen = pick(fresh, max_sentences, min_score=max(0.25, 0.55 * best))
    if len(chosen) < 2:
        # Two sentences at least, even below zero: a question that asks several things (« combien…, et pourquoi… ? »)
        # pushes every sentence down for something it lacks (review 18, R11: one sentence answered three questions).
        chosen = pick(fresh, 2, min_score=float("-inf"))
    gives_asked = (lambda text: bool(_DATE.search(text))) if _ASKS_DATE.search(question) else \
        (lambda text: says_figure(asked, text)) if asked else None
    chosen = completion(fresh, chosen, QueryWeights(question, bm25), gives_asked)
    said.update(s.text for s in chosen)
    # Keep sentences of one passage in reading order, passages in order of relevance; within a passage, the
    # sentences naming the year asked about first (« en 2025… ? »: the 2025 rate before the 2024 one above it).
    first_seen = {}
    for i, s in enumerate(chosen):
        first_seen.setdefault(s.passage.chunk.id, i)
    asked_years = set(YEAR.findall(question))
    chosen.sort(key=lambda s: (first_seen[s.passage.chunk.id],
                               bool(asked_years) and not asked_years & set(YEAR.findall(s.text)),
                               0 if asked_years or _ASKS_HISTORY.search(question) else -_labelled_year(s.text),
                               s.position))
    chosen = holder_first(question, chosen)
    parts = []
    for s in chosen:
        parts.append(f"{s.text} [{book.cite_sentence(s)}]")
    return " ".join(parts)


CURRENT_PASSAGES = 2  # passages sought with the newest years, for « … aujourd'hui ? »


def _newest_of_sections(ctx: ComposeContext, sections: set[tuple[str, str]], newest: int) -> list[Passage]:
    """The chunks of these sections that name the newest years: « 2024 : 4 762 collectivités » sits in the Atlas
    section's second chunk, which a search on the question does not bring (holdout10, tune half)."""
    years = (str(newest - 1), str(newest))
    records = ctx.search.index.manifest["chunks"]
    ids = [cid for cid, r in records.items() if (r["meta"].get("source", ""), r["meta"].get("section", "")) in sections
           and any(y in r["text"] for y in years)]
    return ctx.keep([Passage(chunk=chunk, score=0.0) for chunk in map(ctx.search.index.chunk, ids) if chunk is not None])


def _with_current_passages(ctx: ComposeContext) -> list[Passage]:
    """« combien de collectivités… aujourd'hui ? »: the newest count may sit in another chunk of the section than its
    history (« Lors de son lancement… »); the passages that name the corpus's newest years come in too."""
    newest = ctx.newest_year
    if newest is None or not asks_current(ctx.question):
        return ctx.passages
    known = {p.chunk.id for p in ctx.passages}
    sections = {(p.chunk.source, p.chunk.section) for p in ctx.passages[:3]}
    found = ctx.retrieve(f"{ctx.question} {newest - 1} {newest}", k=4) + _newest_of_sections(ctx, sections, newest)
    # Only the rest of a section already found: « 2024 : … » of the Atlas's section, not another tool's 2024 rule.
    extra = [p for p in unique_passages(found) if p.chunk.id not in known and (p.chunk.source, p.chunk.section) in sections]
    extra = extra[:CURRENT_PASSAGES]
    return ctx.passages[:3] + extra + ctx.passages[3:]  # read with the best ones (`reading_pool`)


def compose_question_ctx(ctx: ComposeContext, max_sentences: int | None = None, said: set[str] | None = None) -> str:
    longer = ctx.length == "long"
    limit = max_sentences or (7 if longer else MAX_SENTENCES)
    return compose_question(ctx.question, _with_current_passages(ctx), ctx.bm25, ctx.book, rerank=ctx.rerank,
                            max_sentences=limit, wants_figure=ctx.figures, suit=ctx.suit_audience,
                            newest_year=ctx.newest_year if asks_current(ctx.question) else None, said=said)
