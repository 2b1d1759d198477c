"""The extractive modes on the real corpus: structure, citations, figures, gold passages."""

import re
from datetime import date

import pytest

from assistant.argumentaire import OBJECTIONS, prepared_replies, refresh_links
from assistant.checks import answer_checks, cited_numbers, units, _is_structure
from assistant.compose.fiche import stale_note
from assistant.evaluation import contains_any, load_items
from assistant.figures import meaningful_numbers, numbers
from tests.conftest import ROOT

COUNTERS = [item for item in load_items(ROOT / "eval" / "dev.jsonl") if item["kind"] == "counter"]


def _evidence_units(answer_text: str) -> list[str]:
    body = answer_text.split("**Sources**")[0]
    return [u for u in units(body) if not _is_structure(u) and "«" in u]


@pytest.mark.parametrize("item", COUNTERS, ids=[i["id"] for i in COUNTERS])
def test_counter_answers_are_cited_and_faithful(assistant, item) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.answer(item["question"], mode="contre-argument")
    assert not answer.abstained
    body = answer.answer.split("**Sources**")[0]
    # Key figures appear only when some fit this objection (issue K): not every reply has them.
    for heading in ("**L'objection**", "Type d'objection", "**Trois arguments pour répondre**", "À dire en séance"):
        assert heading in body
    assert len(re.findall(r"^\d\. \*\*", body, re.M)) == 3
    checks = answer_checks(answer)
    assert checks["distinct_passages"] >= 2
    assert checks["citation_validity"] == 1.0 and checks["figure_faithfulness"] == 1.0
    by_n = {c.n: c for c in answer.citations}
    for unit in _evidence_units(answer.answer):
        refs = cited_numbers(unit)
        assert refs, f"phrase sans citation : {unit}"
        cited_text = " ".join(by_n[n].text for n in refs)
        assert meaningful_numbers(re.sub(r"\[\d+\]", "", unit)) <= numbers(cited_text), unit
    assert any(contains_any(c.text, item["gold"]) for c in answer.citations), "aucun passage de référence cité"


def test_counter_classifies_the_objection(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.answer("C'est de l'argent public gaspillé à l'étranger", mode="contre-argument")
    assert answer.sections[0]["kind"] == "cout"
    assert "par habitant" in answer.answer  # the founding document's advice on cost per inhabitant


def test_a_complaint_about_the_law_is_about_the_law_whatever_money_it_mentions(assistant) -> None:  # type: ignore[no-untyped-def]
    said = ("Franchement c'est même pas légal qu'une commune dépense de l'argent à l'étranger, le préfet va nous "
            "retoquer la délibération.")
    answer = assistant.answer(said, mode="contre-argument", generate=False)
    assert answer.sections[0]["kind"] == "competence"
    assert answer.sections[0]["arguments"][0]["argument"] == "loi"


def test_a_tip_tied_to_one_argument_is_given_only_where_that_argument_answers(assistant) -> None:  # type: ignore[no-untyped-def]
    # « Rappeler… la part… dans le budget… permet de nuancer les critiques financières » answers cost, not the law.
    tip = "Rappeler ce que représente vraiment"
    role = assistant.answer("Ce n'est pas le rôle d'une commune de faire de la politique étrangère, c'est celui de l'État.",
                            mode="contre-argument", generate=False).answer
    assert tip not in role.split("**Sources**")[0]


def test_counter_abstains_off_topic(assistant) -> None:  # type: ignore[no-untyped-def]
    assert assistant.answer("La recette de la tarte tatin est trop sucrée", mode="contre-argument").abstained


def test_fiche_ficol_dates_and_disagreement(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.answer("FICOL", mode="fiche")
    body = answer.answer
    for heading in ("Ce que c'est", "Qui peut en bénéficier", "Montants et taux", "Calendrier", "Sources"):
        assert f"**{heading}**" in body
    assert body.count("Sources") == 1  # one list of sources, with their dates: not a second one for the fiche
    # The range once, in either writing (« 1,5 million d'euros » and « 1 500 000 euros » say one thing).
    sheet = body.split("**Sources**")[0]
    assert ("1,5 million" in sheet or "1 500 000" in sheet) and "200 000" in sheet
    assert "2024-09-13" in body and "2015-10-27" not in body.split("**Sources**")[0]  # current sources first
    oudin = assistant.answer("Oudin-Santini", mode="fiche").answer  # an old source still cited is flagged
    assert "2015-10-27 (à vérifier : source de 2015)" in oudin.split("**Sources**")[1]
    # 1 % in 2015 and 1 % in 2025 agree: no « sources de dates différentes » unless values of one unit disagree.
    assert "Attention : sources de dates différentes" not in assistant.answer("Oudin-Santini", mode="fiche").answer
    assert answer_checks(answer)["figure_faithfulness"] == 1.0


def test_stale_note_rule() -> None:
    assert stale_note("2015-10-27", today=date(2026, 11, 26)) == " _(à vérifier : source de 2015)_"
    assert stale_note("2024-06-01", today=date(2026, 11, 26)) == ""


def test_fiche_oudin_santini(assistant) -> None:  # type: ignore[no-untyped-def]
    body = assistant.answer("Le 1 % Oudin-Santini", mode="fiche").answer
    assert "1 %" in body and "2005" in body


def test_a_one_percent_named_is_no_rate_on_its_sheet(assistant) -> None:  # type: ignore[no-untyped-def]
    """A sheet on the « 1 % énergie » filed every sentence naming the tool under amounts (its « 1 % »), then dropped
    them as repeats, and left « Qui peut en bénéficier » empty; « Aucune source… ne chiffre les montants » is what is
    known of the amounts. A sentence opening on the energy one is not on the water one's sheet."""
    energy = assistant.answer("une fiche sur le 1 % énergie : qui peut l'utiliser, combien, pour quoi faire", mode="fiche").answer
    who = energy.split("**Qui peut en bénéficier**")[1].split("**Montants")[0]
    assert "Qui peut utiliser le « 1 % énergie »" in who
    amounts = energy.split("**Montants et taux**")[1].split("**Calendrier")[0]
    assert "ne chiffre les montants" in amounts
    water = assistant.answer("fiche sur le 1 % eau", mode="fiche").answer
    assert "Le « 1 % énergie » figure" not in water


def test_a_sheet_answers_its_own_tool_and_programme(assistant) -> None:  # type: ignore[no-untyped-def]
    """Review 22 (read after the blind review): a sheet on the « 1 % déchets » answered « sur quel budget » with the
    Oudin-Santini law's water budgets, « ce qu'on peut financer » with the « 1 % mobilité »'s base, and said its legal
    basis absent while its first line gave it; a sheet on JSI and VVVSI gave the VSI's one-year missions."""
    waste = assistant.answer("Tu peux me préparer une fiche pratique sur le « 1 % déchets » (base légale, qui peut "
                             "l'utiliser, sur quel budget, ce qu'on peut financer) ?", mode="fiche").answer
    sheet = waste.split("**Sources**")[0]
    assert "Oudin-Santini" not in sheet and "1 % mobilité" not in sheet and "Base légale" not in sheet
    youth = assistant.answer("j'ai besoin d'une fiche simple sur JSI et VVVSI pour les animateurs du service jeunesse : "
                             "qui peut déposer, l'âge des jeunes, la durée du projet et le montant max de l'aide",
                             mode="fiche").answer.split("**Sources**")[0]
    assert "8 500 euros" in youth and "VSI :" not in youth and "au moins un an" not in youth
    assert youth.startswith("## Fiche outil : JSI-VVVSI")


def test_de_quel_droit_is_answered_by_the_law_first(assistant) -> None:  # type: ignore[no-untyped-def]
    """Review 22, q2203 (read after the blind review): « De quel droit la mairie fait-elle de la diplomatie ? » asked
    for a short spoken answer got the embassies' network and no legal basis; the law comes first."""
    answer = assistant.answer("Un journaliste m'a demandé : « La politique étrangère, c'est le travail du Quai d'Orsay, pas "
                              "celui d'une commune. De quel droit la mairie fait-elle de la diplomatie ? » Je veux une "
                              "réponse courte que je puisse redire à l'oral.", mode="contre-argument")
    assert answer.sections[0]["arguments"][0]["argument"] == "loi"


def test_a_key_figure_is_no_run_of_three_sentences(assistant) -> None:  # type: ignore[no-untyped-def]
    """Holdout 14 (tune half): « Les appels à projets conjoints… Il s'agit de… En l'occurrence, le Sénégal… 150 000€ »
    came as a key figure against « ça rapporte quoi aux habitants d'ici ? »."""
    answer = assistant.answer("Concrètement, ça rapporte quoi aux habitants d'ici, votre partenariat ? Rien du tout.",
                              mode="contre-argument").answer
    figures = answer.split("**Chiffres clés**")[1].split("**")[0] if "**Chiffres clés**" in answer else ""
    assert "En l'occurrence" not in figures


def test_a_fiche_on_a_tool_named_loosely_amid_the_users_context_is_not_refused(assistant) -> None:  # type: ignore[no-untyped-def]
    from assistant.compose.tools import detect_tool

    assert detect_tool("le « 1 % ordures ménagères »", names_only=True).id == "dechets"
    assert detect_tool("la loi de 2021 sur l'aide au développement", names_only=True).id == "loi2021"
    assert detect_tool("les fonds européens pour un jumelage", names_only=True).id == "europe"
    assert detect_tool("« les sous de l'Europe pour les jumelages »", names_only=True).id == "europe"
    assert detect_tool("le ministère de l'Europe et des Affaires étrangères", names_only=True) is None
    answer = assistant.answer("fiche pratique svp sur le « 1 % ordures ménagères » : notre syndicat (collecte et "
                              "traitement pour 40 communes) voudrait aider une commune du Togo, on finance avec la TEOM, "
                              "qui a le droit et combien au maximum ?", mode="fiche")
    assert not answer.abstained and "1 % déchets" in answer.answer
    who = answer.answer.split("**Qui peut en bénéficier**")[1].split("**Montants")[0]
    assert "syndicats mixtes" in who  # its own eligibility sentence, though it says « 1 % » as the water tool does


def test_a_fiche_asked_in_plain_words_names_its_tool_and_gives_current_rates(assistant) -> None:  # type: ignore[no-untyped-def]
    from assistant.compose.fiche import fiche_name

    assert fiche_name("Fiche sur l'aide d'urgence des collectivités") == "L'aide d'urgence des collectivités"
    ficol = assistant.answer("c'est quoi le fonds de l'agence française de développement pour les collectivités ? "
                             "fais moi une fiche", mode="fiche").answer
    assert ficol.startswith("## Fiche outil : FICOL") and "1 Association Française" not in ficol  # no footnote body
    daect = assistant.answer("fiche sur les appels à projets du Quai d'Orsay pour les communes", mode="fiche").answer
    amounts = daect.split("**Montants et taux**")[1].split("**Calendrier**")[0]
    assert "Taux 2025" in amounts and amounts.count("90 %") == 1  # the 2024 rate once, the 2025 one given
    asked = assistant.answer("une fiche sur les subventions du Quai d'Orsay pour la coopération décentralisée svp "
                             "(qui peut demander, combien, quand)", mode="fiche").answer
    who = asked.split("**Qui peut en bénéficier**")[1].split("**Montants et taux**")[0]
    assert "Pas trouvé" not in who and "candidater" in who
    what = asked.split("**Ce que c'est**")[1].split("**Qui peut")[0]
    assert "DCTCIV" in what  # who runs the calls today is what the tool is, not a date for the calendar
    thiolliere = assistant.answer("la loi Thiollière c'est quoi exactement ? fais une fiche", mode="fiche").answer
    assert "Thiollière" in thiolliere.split("**Ce que c'est**")[1].split("**Qui peut")[0]  # what it is, said first


def test_the_objection_is_told_apart_from_who_reports_it_and_the_request() -> None:
    from assistant.objection import objection_text

    assert objection_text("Un élu d'opposition dit en conseil : l'argent des Saint-Aubinois doit rester à Saint-Aubin. "
                          "Comment je lui réponds ?") == "L'argent des Saint-Aubinois doit rester à Saint-Aubin."
    assert objection_text("on me dit que ça coûte cher, je lui réponds quoi ?") == "Ça coûte cher"
    assert objection_text("Un conseiller d'opposition m'a sorti en commission : « la diplomatie c'est le boulot de "
                          "l'État, pas d'une mairie. » Je voudrais une réponse argumentée pour le prochain conseil.") \
        == "La diplomatie c'est le boulot de l'État, pas d'une mairie."
    # However long the project's description before it, a verb of saying hands over to the quote (review 20).
    assert objection_text("Notre communauté porte un projet avec Sefrou : 95 000 € sur trois ans, et le vice-président "
                          "aux finances répète partout « l'État se désengage, arrêtons les frais ». J'aimerais reconnaître "
                          "qu'il n'a pas tort sur la baisse. Format : 5 puces.") == "L'État se désengage, arrêtons les frais"
    # « je leur reponds quoi », typed without its accent, is the request, not the objection (fresh17).
    assert objection_text("un collectif d'habitants dit que la coopération c'est du néocolonialisme déguisé. je leur "
                          "reponds quoi") == "La coopération c'est du néocolonialisme déguisé."
    # The user's own figures told after the reported words are not part of them.
    assert objection_text("Au dernier conseil, un élu de l'opposition a dit que nos 12 000 € pour Kaya, c'est de l'argent "
                          "qui finit dans la poche de potentats locaux. La commune fait 9 000 habitants. Je veux une "
                          "réponse courte.") == "Nos 12 000 € pour Kaya, c'est de l'argent qui finit dans la poche de potentats locaux."


def test_the_request_around_an_objection_is_not_part_of_it() -> None:
    from assistant.objection import further_question, objection_parts, objection_text

    assert objection_text("« L'aide au développement ça sert à rien, et c'est pas le boulot d'une commune » -> argumentaire svp") \
        == "L'aide au développement ça sert à rien, et c'est pas le boulot d'une commune"
    assert objection_text("qqn écrit que la coopé c'est des voyages payés aux élus et que personne sait où part l'argent. "
                          "comment répondre sans se mettre tout le monde à dos") \
        == "La coopé c'est des voyages payés aux élus, et personne sait où part l'argent."
    assert objection_text("Un journaliste me demande s'il est bien raisonnable de rester avec une commune malienne vu la "
                          "junte. Quels angles de réponse ?") == "Est-il bien raisonnable de rester avec une commune malienne vu la junte ?"
    assert further_question("Des habitants pensent que le jumelage n'intéresse personne. Comment les associer ?") \
        == "Comment les associer ?"
    assert further_question("Ça coûte trop cher. Je lui réponds quoi ?") is None
    assert objection_parts("ça sert à rien, ça a jamais empêché les migrants de venir, et c'est pas le boulot d'une commune") \
        == ["ça sert à rien, ça a jamais empêché les migrants de venir", "c'est pas le boulot d'une commune"]
    assert objection_parts("Avec la baisse des dotations, l'action internationale est un luxe.") \
        == ["Avec la baisse des dotations, l'action internationale est un luxe."]


def test_quoted_words_are_the_objection_whatever_frames_them_and_our_own_context_is_not() -> None:
    from assistant.objection import objection_text

    # A long frame that hands over with a colon, « je cite » or « leur formule c'est ».
    assert objection_text("une habitante a commenté notre post sur la page de la commune hier soir : « Encore des sous "
                          "pour l'Afrique alors que l'école tombe en ruine. » On a un jumelage depuis 1998, il me faut "
                          "une réponse.") == "Encore des sous pour l'Afrique alors que l'école tombe en ruine."
    assert objection_text("Au bureau communautaire, un vice-président a lâché, je cite : « c'est du clientélisme avec "
                          "les associations » et tout le monde a rigolé. Que dire ?") \
        == "C'est du clientélisme avec les associations"
    assert objection_text("Conseil lundi et je sais déjà ce qui va tomber. Leur formule c'est « chaque euro parti au "
                          "Togo manque à nos écoles ». On est 5 000 habitants.") == "Chaque euro parti au Togo manque à nos écoles"
    # What the user adds about their own side after the reported words stays out of the objection.
    assert objection_text("Mon beau-frère dit que c'est du vol et que les puits ne servent à rien. Je suis élue au "
                          "syndicat. On y met 20 000 € par an. Comment lui expliquer ?") \
        == "C'est du vol, et les puits ne servent à rien."


def test_a_chained_objection_gets_an_argument_per_complaint_and_its_figure_per_inhabitant(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.answer("L'aide au développement ça sert à rien, ça a jamais empêché les migrants de venir, et c'est "
                              "pas le boulot d'une commune de 6000 habitants qui donne 15 000 € par an", mode="contre-argument")
    made = [a["argument"] for a in answer.sections[0]["arguments"]]
    assert "developpement_local" in made  # the migrants' complaint is answered, not only the first one
    assert "2,50 € par habitant et par an" in answer.answer  # 15 000 € for 6 000 inhabitants, said for the debate
    crisis = assistant.answer("Un journaliste me demande s'il est raisonnable de maintenir notre partenariat avec une commune "
                              "malienne vu la junte au pouvoir. Quels angles de réponse ?", mode="contre-argument")
    assert not crisis.abstained and crisis.sections[0]["kind"] == "crise"
    # « Il est rejoint en cela par Joël Lebret qui souligne … »: quoted alone, joined it was too long to use.
    assert "population à population" in crisis.answer.split("**Sources**")[0]


def test_a_funding_tools_figures_answer_only_an_objection_about_that_tool(assistant) -> None:  # type: ignore[no-untyped-def]
    from assistant.compose.counter import _other_tools_figure
    from assistant.compose.tools import detect_tool

    ficol = "FICOL de l'AFD : 63 projets dans 34 pays pour 48 millions d'euros sur 2017-2022."
    water = "Le « 1 % eau » (loi Oudin-Santini) : 2024 : 31,7 millions d'euros."
    assert _other_tools_figure(ficol, None) and _other_tools_figure(water, None)
    assert not _other_tools_figure(water, detect_tool("le 1 % eau sur nos factures"))
    assert not _other_tools_figure("2024 : 4 762 collectivités françaises engagées dans 138 pays.", None)
    answer = assistant.answer("18 000 € par an pour le Burkina alors qu'on ferme la piscine l'été, bravo la mairie",
                              mode="contre-argument")
    figures = answer.answer.split("**Chiffres clés**")[1].split("**")[0] if "**Chiffres clés**" in answer.answer else ""
    assert "FICOL" not in figures and "1 % eau" not in figures and "pS-Eau" not in figures


def test_every_argument_can_be_recognised_in_a_training_reply() -> None:
    from assistant.taxonomy import ARGUMENT_CUES
    from assistant.taxonomy import ARGUMENTS

    assert set(ARGUMENT_CUES) == set(ARGUMENTS)  # a new argument without cues broke the training rounds once


def test_claims_are_worded_differently_across_objections_but_stably_for_one() -> None:
    from assistant.taxonomy import ARGUMENTS

    cost = ARGUMENTS["modeste"]
    objections = [f"objection {i}" for i in range(12)]
    assert len({cost.worded_for(o)[0] for o in objections}) == 3  # three wordings in use
    assert cost.worded_for("C'est trop cher") == cost.worded_for("C'est trop cher")


def test_a_covered_question_is_not_refused_for_naming_our_own_partner(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.answer("est ce qu'on est obligé de déclarer ce qu'on dépense pour notre coopération avec le Togo ? "
                              "a qui et avant quand ?")
    assert not answer.abstained and "31 mai" in answer.answer
    near_miss = assistant.answer("Combien la ville de Lyon dépense-t-elle chaque année pour ses jumelages ?")
    assert near_miss.abstained  # a named city the documents never mention is still a reason to abstain
    told_by = assistant.answer("le DRI me dit qu'on doit déclarer notre APD à la CNCD, c'est obligatoire ?")
    assert not told_by.abstained and "L1115-6" in told_by.answer  # who in our services said it is not the topic


def test_an_objection_about_where_the_money_goes_is_answered_with_how_it_is_controlled(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.answer("l'argent qu'on envoie là bas il finit dans la poche des élus locaux, personne controle "
                              "rien. vous pouvez garantir que c'est pas détourné ??", mode="contre-argument")
    assert not answer.abstained and "tranches" in answer.answer
    assert "regrette" not in answer.answer.split("**Chiffres clés**")[-1]  # no complaint as a key figure


def test_article_opens_on_our_project_not_on_another_town(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.answer("ok fais-en un article pour le journal municipal de Brézolles, sur les retombées locales de "
                              "notre coopération avec Dschang (Cameroun)", mode="article")
    head = answer.answer.split("### ")[0]
    assert head.startswith("## Brézolles et Dschang (Cameroun)") and "Dschang" in head.split("\n", 1)[1]
    assert "fais-en" not in head and "[À compléter" in head and "[1]" not in head  # no quote before the body


def test_article_has_title_standfirst_and_three_paragraphs(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.answer("Rédige un article sur la coopération décentralisée et la jeunesse pour le bulletin municipal", mode="article")
    body = answer.answer.split("**Sources**")[0]
    assert body.startswith("## ")
    assert len(re.findall(r"^### ", body, re.M)) == 3
    assert answer_checks(answer)["uncited_sentences"] == 0
    assert "**Sources**" in answer.answer


def test_argumentaire_lists_linked_objections(assistant) -> None:  # type: ignore[no-untyped-def]
    assert len(OBJECTIONS) >= 10
    links = refresh_links(assistant.index)["links"]
    assert all(links[o.id] for o in OBJECTIONS)
    replies = prepared_replies(assistant)
    assert len(replies) >= 10
    for reply in replies:
        assert not reply["abstained"], reply["objection"]
        assert "[1]" in reply["answer"] and reply["citations"]


def test_objections_cli(corpus_data_dir) -> None:  # type: ignore[no-untyped-def]
    import json

    from tests.conftest import run_cli

    proc = run_cli(["objections", "--json"], corpus_data_dir)
    data = json.loads(proc.stdout)
    assert len(data) >= 10 and all(d["linked_passages"] for d in data)


def test_general_public_gets_no_article_numbers_first(assistant) -> None:  # type: ignore[no-untyped-def]
    objection = "Ce n'est pas le rôle d'une commune : la politique étrangère, c'est l'État."
    first_quote = lambda a: a.sections[0]["arguments"][0]["evidence"][0]  # noqa: E731
    for_officials = assistant.answer(objection, mode="contre-argument", audience="elu")
    for_public = assistant.answer(objection, mode="contre-argument", audience="public")
    # Officials get the legal basis itself (« Le code général des collectivités territoriales (CGCT) autorise… »);
    # residents get no article number, the code named in words being plain French.
    assert re.search(r"\bL\d{4}|CGCT", first_quote(for_officials))
    assert not re.search(r"\b[LRD] ?\d{4}|\barticle \d|n° ?\d", first_quote(for_public))
    assert "À retenir" in for_public.answer  # and the closing line speaks to residents, not to the council


def test_an_answer_runs_on_into_the_sentence_that_completes_it(assistant) -> None:  # type: ignore[no-untyped-def]
    # « 2 février 2007 : loi Thiollière… » says when; « Elle fait suite au tsunami… », which leans on it, says what.
    answer = assistant.answer("Qu'est-ce que la loi Thiollière ?", generate=False)
    assert "tsunami" in answer.answer and "Thiollière" in answer.answer
    # « Finie la période d'une coopération « danseuse du maire ». » is too short to say what replaces it.
    answer = assistant.answer("Que veut dire l'expression « danseuse du maire » à propos de la coopération ?", generate=False)
    assert "transversalité" in answer.answer
    # « Date de création du « 1 % énergie » : les sources divergent. » announces the dates; a short sentence runs on
    # wherever it ranks.
    answer = assistant.answer("1 % énergie date de quand ?", generate=False)
    assert "décembre 2006" in answer.answer.split("**Sources**")[0]


def test_the_year_asked_about_comes_first(assistant) -> None:  # type: ignore[no-untyped-def]
    # The 2024 and 2025 rates sit in one passage, 2024 first: asked about 2025, the answer opens on 2025.
    answer = assistant.answer("en 2025 la DCTCIV cofinance à combien max un projet avec un PMA ?", generate=False)
    assert answer.answer.startswith("Taux 2025")


def test_a_sentence_that_needs_the_list_it_belongs_to_is_not_quoted_alone(assistant) -> None:  # type: ignore[no-untyped-def]
    # « En premier lieu, celui des élus… » is the first of « Quatre « échelons » »: alone, it says nothing.
    answer = assistant.answer("comment répondre aux élus qui critiquent le coût de la coopération décentralisée ?",
                              generate=False)
    assert "En premier lieu, celui des élus" not in answer.answer.split("**Sources**")[0]


def test_an_acronym_is_defined_by_its_footnote(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.answer("AFCCRE ça veut dire quoi ?", generate=False)
    assert answer.answer.startswith("AFCCRE : Association Française du Conseil des Communes et Régions d’Europe. [")


def test_a_practical_tip_says_what_to_do(assistant) -> None:  # type: ignore[no-untyped-def]
    # « La réforme de l'AFD… sera annoncée au début de l'année 2016 » shares the tips' words and advises nothing.
    answer = assistant.answer("L'Afrique c'est un puits sans fond, des décennies d'aide et rien n'a changé.",
                              mode="contre-argument", generate=False)
    assert "réforme de l’AFD" not in answer.answer.split("**Sources**")[0]


def test_a_how_to_question_is_answered_by_what_to_do(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.answer("Comment communiquer sur notre coopération décentralisée auprès des habitants ?",
                              generate=False).answer.split("**Sources**")[0]
    # « Il faut… l'arrimer à une démarche nationale », then how: « On peut ainsi… la Semaine de la solidarité… »
    assert answer.startswith("Communiquer sur l’impact pour gagner en légitimité : Il faut")
    assert "Semaine de la solidarité internationale" in answer


def test_who_holds_a_post_today_is_not_answered_with_a_dated_name(assistant) -> None:  # type: ignore[no-untyped-def]
    now = assistant.answer("Qui est le président actuel de Cités Unies France ?", generate=False)
    assert now.abstained and "qui occupe ce poste aujourd'hui" in now.notice
    assert "Passages les plus proches" in now.answer and "##" not in now.answer  # previews read as text
    # A post held ex officio is known whatever the date: the law says who presides.
    ex_officio = assistant.answer("Qui préside actuellement la CNCD ?", generate=False)
    assert not ex_officio.abstained and "Premier ministre" in ex_officio.answer


def test_near_misses_named_or_dated_elsewhere_are_not_answered(assistant) -> None:  # type: ignore[no-untyped-def]
    # The CNCD's president is known ex officio, the ARRICOD's is not: the rule is about the body asked after.
    assert assistant.answer("Qui préside l'ARRICOD aujourd'hui ?", generate=False).abstained
    # « 2019 » only in a source's publication date (« Source : …, 3 décembre 2019 »): no 2019 figure.
    assert assistant.answer("APD des collectivités en 2019, c'était combien ?", generate=False).abstained
    # The city asked about is not a typo to waive.
    assert assistant.answer("Quels projets la Ville de Marseille mène-t-elle avec ses villes partenaires ?",
                            generate=False).abstained
    # « Bruxelles » for the European Union, « de notre poche » for the collectivity's own contribution.
    europe = assistant.answer("Est-ce qu'il y a des sous de Bruxelles pour notre jumelage avec une ville polonaise ?",
                              generate=False)
    assert not europe.abstained and "CERV" in europe.answer


def test_a_list_the_documents_only_mention_is_not_answered(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.answer("Quels sont les noms des 44 membres de la CNCD ?", generate=False)
    assert answer.abstained and "sans la donner" in answer.notice
    # A list the documents do give (« dix pays (Madagascar, Sénégal, Burkina Faso, Mali…) ») is answered.
    assert not assistant.answer("Quels pays concentrent l'APD des collectivités ?", generate=False).abstained


def test_names_typed_without_accents_and_partners_placed_by_the_user_are_not_unknown(assistant) -> None:  # type: ignore[no-untyped-def]
    from assistant.relevance import unknown_names

    bm25 = assistant.index.bm25
    assert unknown_names("pourquoi on a fait la loi Thiolliere en 2007 ?", bm25) == []
    assert unknown_names("des forages dans un village partenaire au Niger, c'est autorisé ?", bm25) == []
    assert unknown_names("des forages au Niger, c'est autorisé ?", bm25) == ["Niger"]


def test_asking_the_name_of_whoever_holds_a_post_now_is_a_question_about_today() -> None:
    from assistant.relevance import _ASKS_HOLDER_NOW

    assert _ASKS_HOLDER_NOW.search("nom du délégué actuel à la DCTCIV")
    assert _ASKS_HOLDER_NOW.search("le nom de l'actuelle présidente de Cités Unies France ?")
    assert not _ASKS_HOLDER_NOW.search("quel est le nom du fonds actuel ?")
    assert not _ASKS_HOLDER_NOW.search("le nom du président de la CNCD ?")


def test_an_objection_on_what_happens_after_the_next_election_gets_its_own_kind(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.answer("Dès qu'une autre équipe arrivera à la mairie tout sera abandonné, c'est de l'argent jeté "
                              "par les fenêtres.", mode="contre-argument")
    assert not answer.abstained and "continuité après les élections" in answer.answer
    assert "alternance" in answer.answer  # Commercy's or the pluri-actor agreements' sentence, in the documents


def test_what_a_law_changes_comes_before_its_record_unless_the_record_is_asked(assistant) -> None:  # type: ignore[no-untyped-def]
    changes = assistant.answer("la loi du 4 août 2021, elle change quoi pour les collectivités ?").answer
    assert "Journal officiel" not in changes.split("[1]")[0] and "change pour les collectivités" in changes
    published = assistant.answer("La loi 2021-1031 a été publiée quand au Journal officiel ?").answer
    assert "Journal officiel n° 180" in published.split("[1]")[0]


def test_the_points_a_request_lists_are_read_in_its_words() -> None:
    from assistant.compose.asks import requested_points

    assert requested_points("une fiche sur les appels du Quai d'Orsay : les différents types d'appels, les taux "
                            "actuels, et le dispositif prévu pour les petites collectivités. Merci d'avance") == [
        "les différents types d'appels", "les taux actuels", "le dispositif prévu pour les petites collectivités"]
    assert requested_points("Tu peux me faire une fiche (qui peut candidater, pour quels pays, montants) ?") == [
        "qui peut candidater", "pour quels pays", "montants"]
    assert requested_points("fiche sur les aides europeennes svp. Le programme europe pour les citoyens ça existe "
                            "encore ? et il y a pas un fonds franco-allemand ?") == [
        "Le programme europe pour les citoyens ça existe encore ?", "il y a pas un fonds franco-allemand ?"]
    assert requested_points("Fais-moi une fiche sur le FICOL") == []
    # « pourquoi… », « sur quelle base… » are points too (review 20).
    assert requested_points("Une fiche sur le « 1 % ordures ménagères » : qui peut l'utiliser, sur quelle base de calcul, "
                            "quels exemples concrets, et pourquoi si peu de collectivités s'en servent par rapport au "
                            "1 % eau.")[1:] == ["sur quelle base de calcul", "quels exemples concrets",
                                                "pourquoi si peu de collectivités s'en servent par rapport au 1 % eau"]


def test_a_fiche_answers_the_questions_its_request_adds(assistant) -> None:  # type: ignore[no-untyped-def]
    """Review 9 (blind, 2026-11-28): « Le programme Europe pour les citoyens, ça existe encore ? » went unanswered."""
    answer = assistant.answer("fiche sur les aides europeennes pour les jumelages svp. On a un jumelage avec une ville "
                              "allemande. Le programme europe pour les citoyens ça existe encore ?", mode="fiche").answer
    asked = answer.split("**Vos questions**")[1].split("**Sources**")[0]
    assert "CERV" in asked and "pris le relais" in asked


def test_a_rate_asked_in_the_present_gives_the_newest_year_first(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.answer("Notre partenaire est une commune du Togo. Si on répond à l'appel à projets du ministère, "
                              "il peut financer jusqu'à combien en % ? Et nous, on doit mettre au minimum combien, est-ce "
                              "que le temps passé par nos agents peut compter dans notre part ?").answer
    assert not answer.startswith("Les documents indexés")  # « une commune du Togo » is our partner, not the subject
    assert answer.startswith("Taux 2025") and answer.index("Taux 2025") < answer.find("2024")
    # « au minimum » is the documents' « au moins » (fresh19, tune half); 2024's rates gave way to it, not 2025's.
    assert "au moins 10 % du budget global" in answer


def test_an_objection_said_in_two_quotes_is_read_whole_and_typed_by_what_it_attacks(assistant) -> None:  # type: ignore[no-untyped-def]
    """Review 9 (blind, 2026-11-28): only the first quote was kept, and « hors des compétences d'une mairie » was
    answered as a complaint about officials' trips."""
    from assistant.objection import objection_text

    request = ("la tribune du groupe d'opposition affirme que notre coopération avec la commune de Tsiroanomandidy est "
               "« hors des compétences d'une mairie » et que « la politique étrangère relève de l'Etat, pas du maire ». "
               "Je dois rédiger le droit de réponse.")
    assert objection_text(request) == ("Hors des compétences d'une mairie ; la politique étrangère relève de l'Etat, "
                                       "pas du maire")
    assert objection_text("Il dit que « la coopération coûte trop cher » puis « je voterai contre ».") == \
        "La coopération coûte trop cher"  # a second quote said apart is not the same complaint
    answer = assistant.answer(request, mode="contre-argument")
    assert answer.sections[0]["kind"] == "competence" and re.search(r"L1115|CGCT", answer.answer)
    # « le droit de réponse » is a letter to the paper: signed, not a rebuttal's outline.
    assert "**Courrier**" in answer.answer and "[Prénom Nom, fonction]" in answer.answer
    # It opens on what the paper printed, not on a line said in council (« Votons… », « Je propose… »).
    letter = answer.answer.split("Madame, Monsieur,", 1)[1].strip()
    assert letter.startswith("Vous écrivez : « Hors des compétences") and not re.search(r"\b(?:Votons|Je propose)\b", letter)


def test_the_tool_named_first_is_the_one_asked_about() -> None:
    """Review 10 (blind): « le FEXTE de l'AFD, je le confonds avec la FICOL. Une fiche ? » got a FICOL sheet."""
    from assistant.compose.tools import detect_tool

    assert detect_tool("ma cheffe me parle du FEXTE de l'AFD, je le confonds avec la FICOL").id == "fexte"
    assert detect_tool("la FICOL ou le FEXTE ?").id == "ficol"
    assert detect_tool("on a voté le 1 % déchets").id != detect_tool("le 1 % eau").id


def test_where_we_went_and_our_partner_municipality_are_not_unknown_subjects(assistant) -> None:  # type: ignore[no-untyped-def]
    from assistant.relevance import unknown_names

    question = ("Notre maire revient du Cap-Vert et voudrait signer une convention avec un ministère, en plus de notre "
                "convention avec la municipalité de Tarrafal. Et la convention avec Tarrafal, elle doit contenir quoi ?")
    assert unknown_names(question, assistant.index.bm25) == []
    assert unknown_names("Combien la ville de Lyon dépense-t-elle pour ses jumelages ?", assistant.index.bm25) == ["Lyon"]


def test_a_relative_qui_is_no_question_about_who_holds_a_post_today() -> None:
    from assistant.relevance import _ASKS_HOLDER_NOW

    assert not _ASKS_HOLDER_NOW.search("Pour un pays qui a pas droit à l'APD, en 2025 le ministère paie combien ?")
    assert _ASKS_HOLDER_NOW.search("C'est qui le président de Cités Unies France en 2025 ?")
    assert _ASKS_HOLDER_NOW.search("Et qui dirige la DCTCIV actuellement ?")


def test_our_poor_first_is_about_priorities_whatever_amount_it_quotes(assistant) -> None:  # type: ignore[no-untyped-def]
    """Review 10 (blind): « 15 000 euros pour Zè… alors qu'on a 300 familles aux Restos du cœur, aidons nos pauvres
    d'abord » was typed « coût »."""
    from assistant.compose.counter import classify

    kind, _ = classify("15 000 euros pour Zè au Bénin alors qu'on a 300 familles inscrites aux Restos du cœur ici, on "
                       "ferait mieux d'aider nos pauvres d'abord", assistant.search)
    assert kind.id == "priorites"
    assert classify("c'est de l'argent public gaspillé à l'étranger", assistant.search)[0].id == "cout"


def test_an_objection_about_the_cap_on_operating_costs_is_answered_by_the_law_that_lifts_it(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.answer("Avec l'encadrement de nos dépenses de fonctionnement par l'État, on ne peut plus "
                              "financer ce genre de projets.", mode="contre-argument", generate=False)
    assert not answer.abstained and answer.sections[0]["kind"] == "plafond"
    assert "2021-1031 exclut les dépenses de solidarité internationale" in answer.answer
    # The cofinancing claim names the State and the AFD: a partner country cofinancing a call does not prove it.
    first_quotes = [a["evidence"][0] for s in answer.sections for a in s.get("arguments", [])]
    assert not any("Sénégal" in q and "cofinanc" in q for q in first_quotes)
    # « Sur le terrain : » announces an example, not the text of a law.
    assert "Sur le terrain : « Dépenses de solidarité" not in answer.answer and "Un exemple : « Dépenses" not in answer.answer


def test_an_objection_on_where_the_money_ends_up_abroad_is_not_refused(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.answer("Rien ne prouve que ces subventions ne finissent pas chez des dirigeants corrompus.",
                              mode="contre-argument", generate=False)
    assert not answer.abstained and "tranches" in answer.answer


def test_a_commune_without_staff_is_pointed_to_turnkey_programmes_and_a_missing_report_to_evaluation(assistant) -> None:  # type: ignore[no-untyped-def]
    small = assistant.answer("Notre village de 700 âmes n'a personne pour suivre un partenariat à l'étranger, "
                             "c'est réservé aux grandes villes.", mode="contre-argument", generate=False)
    assert not small.abstained and "clés en main" in small.answer
    # The argument the objection names (« bilan ») comes first, whatever the kind's usual order.
    report = assistant.answer("Personne ne nous a jamais présenté le bilan de ce jumelage.", mode="contre-argument",
                              generate=False)
    arguments = [a["argument"] for s in report.sections for a in s.get("arguments", [])]
    assert arguments and arguments[0] == "pilotage"


def test_who_held_a_post_is_answered_by_the_sentence_naming_someone_in_that_post(assistant) -> None:  # type: ignore[no-untyped-def]
    # The sentences on Cités Unies France share the question's words; the one naming its president answers it.
    answer = assistant.answer("Qui présidait Cités Unies France en 2015 ?", generate=False)
    assert not answer.abstained and "Roland Ries" in answer.answer.split("[1]")[0]  # the answer opens on him


def test_a_count_asked_for_today_gives_the_newest_dated_figure_not_an_undated_one(assistant) -> None:  # type: ignore[no-untyped-def]
    """« (date non affichée) », « (date non précisée dans la source) »: the source itself leaves it undated."""
    answer = assistant.answer("combien de collectivités françaises sont engagées à l'international aujourd'hui ?").answer
    assert "4 762" in answer
    assert "date non" not in answer.split("[1]")[0]


def test_a_vote_asked_in_the_press_s_words_gives_the_vote(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.answer("Le texte de 2021 sur la solidarité mondiale, il est passé avec quel score au Palais du "
                              "Luxembourg ?").answer
    assert "327 voix contre 2" in answer


def test_an_objection_whose_kind_finds_no_proof_gets_the_general_rebuttal_not_a_refusal(assistant, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from assistant.compose.context import ComposeContext
    from assistant.compose.counter import compose_counter
    from assistant.taxonomy import ARGUMENT_CUES, ARGUMENTS, Argument, ObjectionKind

    objection = ("Avec tous les gens qui galèrent ici et les associations caritatives débordées, je ne vois pas "
                 "pourquoi la commune irait aider des villages au Burkina plutôt que ses propres habitants.")
    passages = assistant.search.search(objection, 8)
    # A kind whose only argument no document supports (« compétence » once played that part; since the legal basis is
    # sought as such, the CGCT sentence backs it for any objection).
    monkeypatch.setitem(ARGUMENTS, "licornes", Argument("licornes", "Les licornes siègent au conseil municipal.",
                                                        "licornes dragons chimères sortilèges", "Votons pour les licornes."))
    monkeypatch.setitem(ARGUMENT_CUES, "licornes", re.compile(r"licornes?"))
    kind = ObjectionKind("essai", "essai", "une objection sans preuve", ("les licornes",), ("licornes",))
    ctx = ComposeContext(question=objection, passages=passages, search=assistant.search, objection_kind=kind)
    reply = compose_counter(ctx)
    assert reply and "[1]" in reply
    assert ctx.sections[0]["kind"] == "autre" and ctx.sections[0]["arguments"]


def test_our_own_inhabitants_first_is_about_priorities(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.answer("je ne vois pas pourquoi la commune irait aider des villages au Burkina plutôt que ses "
                              "propres habitants.", mode="contre-argument")
    assert not answer.abstained and "priorités locales" in answer.answer.split("\n")[0]


def test_another_country_s_communes_are_not_described_by_a_franco_german_fund(assistant) -> None:  # type: ignore[no-untyped-def]
    german = assistant.answer("Comment font les communes allemandes pour financer leurs partenariats avec des villes "
                              "africaines ?")
    assert german.abstained
    partner = assistant.answer("L'Europe peut-elle nous aider à financer notre jumelage avec une commune polonaise ?")
    assert not partner.abstained and "CERV" in partner.answer


def test_an_objection_to_the_water_bill_is_answered_with_the_oudin_santini_law(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.answer("Le syndicat des eaux prend sur nos factures pour financer des projets au Niger, c'est "
                              "scandaleux.", mode="contre-argument")
    assert answer.sections[0]["kind"] == "eau"
    assert "Oudin-Santini" in answer.sections[0]["arguments"][0]["evidence"][0]
    # « des puits au Mali alors que nos routes… » names no water bill: it stays a question of priorities.
    roads = assistant.answer("On finance des puits au Mali alors que nos routes sont pleines de trous.",
                             mode="contre-argument")
    assert roads.sections[0]["kind"] != "eau"


def test_an_objection_to_the_waste_tax_is_answered_with_the_waste_one_percent(assistant) -> None:  # type: ignore[no-untyped-def]
    """Reviews 19 and 20: « vous augmentez la TEOM et vous envoyez notre argent à Madagascar » was typed « voyages des
    élus » and answered with a strategy vote; the law's « 1 % déchets » (L1115-2) was missing."""
    answer = assistant.answer("Sur Facebook un habitant écrit : « vous augmentez la TEOM et en même temps vous envoyez "
                              "notre argent à Madagascar, bravo ». Que répondre ?", mode="contre-argument")
    assert answer.sections[0]["kind"] == "dechets"
    assert "déchets des ménages" in answer.sections[0]["arguments"][0]["evidence"][0]


def test_a_fiche_naming_two_tools_tells_them_apart_and_answers_what_it_is_once(assistant) -> None:  # type: ignore[no-untyped-def]
    """Review 20: « la FICOL ou un nom comme ça, et y a aussi un FEXTE je crois, je mélange tout »."""
    answer = assistant.answer("c'est quoi exactement le truc de l'AFD pour les collectivités ? la FICOL ou un nom comme "
                              "ça, et y a aussi un FEXTE je crois, je mélange tout. fais moi une fiche", mode="fiche")
    body = answer.answer.split("**Sources**")[0]
    assert body.startswith("## Fiche outil : FICOL") and "**À ne pas confondre : FEXTE" in body
    assert "C'est quoi" not in body  # « Ce que c'est » answers it
    figures = re.findall(r"63 projets", body)
    assert len(figures) <= 1  # one count said once in the whole sheet


def test_a_fiche_lists_no_source_that_its_text_does_not_cite(assistant) -> None:  # type: ignore[no-untyped-def]
    """Review 20: a point of the request answered off the point is said absent; the source its answer had cited was
    still listed, as [5], cited nowhere."""
    answer = assistant.answer("Merci de me préparer une fiche synthétique sur le « 1 % ordures ménagères » : qui peut "
                              "l'utiliser, sur quelle base de calcul, quels exemples concrets, et pourquoi si peu de "
                              "collectivités s'en servent par rapport au 1 % eau.", mode="fiche")
    body = answer.answer.split("**Sources**")[0]
    assert {int(n) for n in re.findall(r"\[(\d+)\]", body)} == {c.n for c in answer.citations}
    assert "**Pour comparer : Loi Oudin-Santini" in body  # the water « 1 % » is named to compare, not mixed up


@pytest.mark.parametrize("objection, kind", [
    ("Notre coopération avec une commune malienne finance indirectement des groupes armés.", "risque"),
    ("On augmente le prix du mètre cube et on envoie 1 % de la facture pour des puits au Niger, c'est nos abonnés "
     "qui paient.", "eau"),
    ("On ferait mieux de garder cet argent pour les familles de chez nous.", "priorites"),
    ("Les montants de votre coopération ont explosé depuis trois ans.", "hausse"),
    ("La diplomatie, c'est le boulot de l'État ; les communes font doublon.", "competence"),
])
def test_what_the_objection_attacks_sets_its_kind(assistant, objection: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    assert assistant.answer(objection, mode="contre-argument").sections[0]["kind"] == kind


def test_a_fiche_title_is_the_subject_not_the_whole_request() -> None:
    from assistant.compose.fiche import fiche_name

    title = fiche_name("Une fiche svp sur le dispositif du ministère qui permet à des petites communes sans service "
                       "international de se greffer sur un programme porté par une association. Qui dépose le dossier ?")
    assert title.startswith("Le dispositif du ministère") and "Qui dépose" not in title and len(title.split()) <= 15


def test_one_amount_range_written_two_ways_is_listed_once_in_a_fiche() -> None:
    from assistant.compose.fiche import _figures

    words = _figures("Les subventions vont d'environ 200 000 euros à 1,5 million d'euros, et 30 % du budget.")
    digits = _figures("Montant unitaire : la subvention de l'AFD va de 200 000 euros à 1 500 000 euros par projet.")
    assert digits <= words and ("1500000", "€") in words


def test_an_amount_and_a_budget_quoted_in_an_objection_give_the_share_at_once() -> None:
    from assistant.compose.counter import _own_figure

    line = _own_figure("on a environ 9 000 € par an sur un budget de 11 millions, l'opposition dit que c'est trop")
    line = line.replace("\u202f", " ").replace("\u00a0", " ")
    assert "0,08 % du budget" in line and "9 000 €" in line


def test_for_today_the_newest_dated_count_leads_and_an_old_one_never_does() -> None:
    from assistant.compose.sentences import current_facts_first
    from assistant.documents import Chunk, Passage
    from assistant.sentences import split_passage

    text = ("Lors de son lancement (date non précisée dans la source), l'Atlas recensait 4 756 collectivités françaises.\n\n"
            "2024 : 4 762 collectivités françaises, surtout des communes, engagées avec 3 031 partenaires.\n\n"
            "2012 : 4 806 collectivités dans près de 140 pays, plus de 12 000 actions.")
    sents = split_passage(Passage(chunk=Chunk(id="c", text=text, source="s", title="t", date="2025-09-16"), score=0.0))
    for s, score in zip(sents, (0.9, 0.3, 0.7)):
        s.score = score
    assert current_facts_first(sents, 2025)[0].text.startswith("2024 : 4 762")
    old = [s for s in sents if not s.text.startswith("2024")]
    assert not current_facts_first(old, 2025)[0].text.startswith("2012")  # a 2012 count is not today's either


def test_a_vague_follow_up_is_asked_about_the_subject_not_the_whole_last_question() -> None:
    from assistant.conversation import Turn, understand

    history = [Turn("user", "c'est quoi la ficol de l'afd, ca existe depuis quand ?", "question"),
               Turn("assistant", "Créée en 2014, la FICOL… [1]", "question")]
    resolved = understand("ok et ça finance combien par projet en gros ?", "question", "elu", history).text
    assert "ficol" in resolved.lower() and "depuis quand" not in resolved


def test_a_question_naming_one_tool_is_answered_by_that_tool_first(assistant) -> None:  # type: ignore[no-untyped-def]
    """Fresh12 (tune half): « Qui peut utiliser le « 1 % énergie » : … » shares every word of « qui peut utiliser le
    1 % déchets ? » but the tool; it came first."""
    answer = assistant.answer("qui peut utiliser le 1 % déchets ?", mode="question", generate=False)
    first = answer.answer.split(" [1]", 1)[0]
    assert "déchets" in first and "énergie" not in first


def test_a_question_on_something_else_altogether_is_refused_as_such(assistant) -> None:  # type: ignore[no-untyped-def]
    """Paraphrase set (tune half): « Comment renouveler mon passeport en mairie ? » was answered with the CNCD's
    « nommés pour trois ans renouvelables ». It is refused, saying what the assistant is for; a question on a tool,
    however short, is not."""
    for question in ("Comment renouveler mon passeport en mairie ?", "Comment inscrire mon enfant à la cantine ?"):
        answer = assistant.answer(question, mode="question", generate=False)
        assert answer.abstained and "sortir du champ" in answer.answer and not answer.citations
    assert not assistant.answer("Qui peut utiliser le 1 % déchets ?", mode="question", generate=False).abstained


def test_a_count_asked_in_the_present_opens_on_the_newest_count(assistant) -> None:  # type: ignore[no-untyped-def]
    """Holdout10 (tune half): « combien de collectivités… font… ? » or « au dernier pointage » opened on the 2012 count,
    the 2024 one sitting in the section's other chunk."""
    for question in ("combien de collectivités françaises font de la coopération internationale ?",
                     "Au dernier pointage, combien de nos communes avaient noué des liens avec des territoires étrangers ?"):
        first = assistant.answer(question, mode="question", generate=False).answer.split(" [1]", 1)[0]
        assert first.startswith("2024 : 4 762"), first
    from assistant.compose.question import asks_current, counts_now

    assert counts_now("ça regroupe combien de collectivités ?") and not counts_now("combien avaient-elles donné ?")
    assert not asks_current("combien de collectivités en 2012 ?")


def test_a_fiche_on_a_tool_named_by_its_body_is_written_on_that_tool(assistant) -> None:  # type: ignore[no-untyped-def]
    """« le guichet AFD pour les collectivités », from an agent of a « service Europe-International » (review 18,
    R9): a sheet on the FICOL, not a refusal nor a sheet on the European funds."""
    answer = assistant.answer(
        "Je suis agent au service Europe-International d'un conseil départemental et on me demande une note sur le "
        "« guichet AFD pour les collectivités » pour un projet santé avec une région de Madagascar. Qui peut "
        "candidater, pour quels montants minimum et maximum ?", mode="fiche")
    assert not answer.abstained
    assert answer.answer.startswith("## Fiche outil : FICOL")


def test_an_announced_date_runs_on_into_the_sentence_that_gives_it(assistant) -> None:  # type: ignore[no-untyped-def]
    """« Date de création du « 1 % mobilité » : c'est le plus récent des quatre. » gives no date; the next sentence
    does (fresh14, tune half)."""
    answer = assistant.answer("1 % mobilité date de quand ?")
    assert "2021" in answer.answer.split("**Sources**")[0]


def test_a_question_asking_several_things_gets_two_sentences_at_least(assistant) -> None:  # type: ignore[no-untyped-def]
    """Every sentence pushed below zero for something it lacks: the best two still answer (review 18, R11)."""
    answer = assistant.answer(
        "Pour préparer le rapport annuel : combien de collectivités françaises font de la coopération décentralisée à "
        "peu près, et quel montant d'APD les collectivités déclarent chaque année (dernier chiffre dispo + évolution "
        "sur 10 ans si possible) ? Et pourquoi je trouve deux pourcentages différents pour la part des collectivités "
        "dans l'APD française, lequel je cite ?")
    assert answer.answer.split("**Sources**")[0].count("[") >= 2


def test_a_competence_objection_names_the_law_s_limits_when_a_state_or_the_request_asks(assistant) -> None:  # type: ignore[no-untyped-def]
    """Review 20, R3: « ce qui nous est effectivement interdit » was left unsaid, with one argument only. An accord
    with a foreign government is what L1115-5 forbids; a plain « not our role » keeps its three usual arguments."""
    state = assistant.answer("c'est même pas légal de signer un accord avec le gouvernement malien",
                             mode="contre-argument")
    arguments = [a["argument"] for a in state.sections[0]["arguments"]]
    assert "limites" in arguments and "L1115-5" in state.answer
    plain = assistant.answer("ce n'est pas le rôle d'une commune de faire de l'humanitaire", mode="contre-argument")
    assert "limites" not in [a["argument"] for a in plain.sections[0]["arguments"]]



def test_misery_here_set_against_aid_abroad_is_about_priorities(assistant) -> None:  # type: ignore[no-untyped-def]
    """Fresh16 (tune half): « …alors qu'il y a de la misère chez nous » was typed « efficacité de l'aide »."""
    misery = assistant.answer("Pourquoi aider des villes en Afrique alors qu'il y a de la misère chez nous ?",
                              mode="contre-argument")
    assert misery.sections[0]["kind"] == "priorites"


def test_who_may_go_and_who_may_host_are_who_a_sheet_is_for(assistant) -> None:  # type: ignore[no-untyped-def]
    """Review 23: a sheet on volunteering said « Qui peut en bénéficier : pas trouvé » beside « le VSI… permet à toute
    personne majeure de partir » (filed under « Calendrier » for its « 23 février 2005 ») and « Une collectivité peut
    accueillir un volontaire en réciprocité si elle est agréée »."""
    vsi = assistant.answer("fiche sur le VSI", mode="fiche").answer
    who = vsi.split("**Qui peut en bénéficier**")[1].split("**Montants")[0]
    assert "toute personne majeure" in who, vsi
    civic = assistant.answer("fiche sur le service civique", mode="fiche").answer
    who = civic.split("**Qui peut en bénéficier**")[1].split("**Montants")[0]
    assert "Une collectivité peut accueillir un volontaire" in who, civic


@pytest.mark.parametrize("objection, kind", [
    # Holdout16 (tune half): who pays, said as « de sa poche », was typed « efficacité de l'aide »; the staff, named
    # with « des eaux », was typed « facture d'eau ».
    ("La commune va tout payer de sa poche, l'État ne met jamais un centime dans ces affaires-là.", "cout"),
    ("Nos agents de la voirie et des eaux ne sont pas des experts, on désorganise les services pour rien.", "services"),
])
def test_who_pays_and_who_works_set_the_kind_whatever_else_is_named(assistant, objection: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.answer(objection, mode="contre-argument")
    assert answer.sections[0]["kind"] == kind
    if kind == "cout":
        # The State does pay, at today's rate (review 25: the 2024 rate beside the 2025 one is stale proof).
        assert "le cofinancement de la DCTCIV est plafonné à 70 %" in answer.answer


def test_a_fiche_point_in_other_words_than_the_documents_is_answered(assistant) -> None:  # type: ignore[no-untyped-def]
    """Review 23, q2309: « faut-il un agrément ? » was « pas trouvé », the documents saying « si elle est agréée »."""
    answer = assistant.answer("fiche pratique pour la DRH de notre agglo sur le volontariat : VSI, service civique à "
                              "l'international et accueil de volontaires étrangers en réciprocité. Pour chacun : qui peut "
                              "partir, durée, indemnité, rôle possible de l'agglo (envoyer ? accueillir ? faut-il un "
                              "agrément ?).", mode="fiche")
    body = answer.answer.split("**Sources**")[0]
    assert "si elle est agréée ou passe par l'intermédiation d'une structure agréée" in body
    assert not re.search(r"agrément_ : _pas trouvé", body)
    quoted = [s.strip() for s in re.split(r"\[\d+\]", body) if len(s.split()) > 8]
    assert len(quoted) == len(set(quoted))  # « Vos questions » points above rather than quoting a sentence again


def test_a_fiche_asked_for_a_years_calendar_gives_that_years_dates_first(assistant) -> None:  # type: ignore[no-untyped-def]
    """Review 25 (q2508): « calendrier 2025 » on the ministry's calls listed the 2024 window and the usual months, never
    « du 7 avril au 30 mai 2025 »; the commune's 10 % share stays under the amounts."""
    sheet = assistant.answer("Fiche sur les appels à projets DAECT : taux de cofinancement en 2025, part minimale de la "
                             "commune, calendrier 2025.", mode="fiche").answer
    calendar = sheet.split("**Calendrier**", 1)[1].split("**", 1)[0]
    assert "du 7 avril au 30 mai 2025" in calendar
    assert "au moins 10 % du budget global" in sheet.split("**Montants et taux**", 1)[1].split("**Calendrier**", 1)[0]


def test_a_name_that_only_one_of_several_questions_holds_does_not_refuse_the_others(assistant) -> None:  # type: ignore[no-untyped-def]
    """Review 25 (q2510, q2511): « …avez-vous les chiffres de 2023 ? » and « le ministère de l'Hydraulique nigérien »
    refused whole messages whose other questions the documents answer. One question alone is still refused."""
    from assistant.relevance import asked_without

    assert asked_without("Le ministère de l'Hydraulique nigérien propose une convention : a-t-on le droit ? Et qui "
                         "représente les petites communes à la CNCD ?", ["Hydraulique"])
    assert not asked_without("Quel est le budget de Lyon pour sa coopération avec Ouagadougou ?", ["Lyon"])
    several = assistant.answer("Combien de collectivités françaises sont engagées à l'international aujourd'hui, et dans "
                               "combien de pays ? Accessoirement, avez-vous les chiffres de 2023 ?", mode="question")
    assert not several.abstained
    alone = assistant.answer("Quel est le budget de la ville de Trifouillis pour sa coopération ?", mode="question")
    assert alone.abstained


def test_the_points_a_rebuttal_request_lists_are_its_arguments_in_order() -> None:
    from assistant.compose.asked_arguments import asked_arguments

    objection = "La mairie ferait mieux de s'occuper de nos quartiers plutôt que de jouer les diplomates au Liban"
    request = (f"Adjoint d'une ville de 85 000 habitants, on travaille avec une fédération de municipalités de la Bekaa. "
               f"Sur Facebook : « {objection} ». J'ai besoin d'une réponse publiable, 800 caractères max, ton posé. "
               "Idéalement : rappeler que l'État cofinance (à quel taux ?), que c'est prévu par la loi, et ce que ça "
               "rapporte à la ville.")
    assert [a for a, _ in asked_arguments(request, objection, [])] == ["cofinancement", "loi", "retombees"]
    # A list after « Il me faut : », in brackets kept with their point; context (« avec la commune de Dori ») is none.
    dori = ("On revote 12 000 € pour notre coopération avec la commune de Dori, au Burkina Faso. Un conseiller dira : "
            "« ce n'est pas le moment ». Il me faut : le coût par habitant (et la part que ça représente dans notre "
            "budget), la base légale qui nous autorise à le faire, et un mot sur les cofinancements de l'État.")
    assert [a for a, _ in asked_arguments(dori, "ce n'est pas le moment", [])] == ["modeste", "loi", "cofinancement"]
    # The law of a « 1 % » tool, when the objection is about that tool; the 2021 law's ceiling is its own argument.
    water = "Il me faudrait une réponse orale courte, calme, avec la base légale exacte et deux ou trois chiffres."
    assert asked_arguments(water, "", ["oudin", "modeste"]) == [("oudin", "la base légale exacte")]
    three = ("Pouvez-vous me préparer un argumentaire en trois points : le fondement juridique, ce que la loi de 2021 a "
             "changé sur le plafonnement des dépenses de fonctionnement, et comment présenter le coût par habitant ?")
    assert [a for a, _ in asked_arguments(three, "", [])] == ["loi", "hors_plafond", "modeste"]
    # An objection alone asks for nothing by name.
    assert asked_arguments("L'opposition dit que la coopération coûte trop cher. Que répondre ?", "", []) == []


def test_a_rebuttal_argues_the_points_asked_with_current_facts(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.answer("Sur Facebook, un groupe d'opposition a posté : « La mairie ferait mieux de s'occuper de "
                              "nos quartiers plutôt que de jouer les diplomates au Liban avec notre argent ». Idéalement : "
                              "rappeler que l'État cofinance (à quel taux ?), que c'est prévu par la loi, et ce que ça "
                              "rapporte à la ville.", mode="contre-argument")
    arguments = answer.sections[0]["arguments"]
    assert [a["argument"] for a in arguments[:2]] == ["cofinancement", "loi"]
    proof = " ".join(" ".join(a["evidence"]) for a in arguments)
    assert "Taux 2025" in proof and "Taux 2024" not in proof  # the rate an opponent would check is the current one
    assert "a modifié l'article" not in proof  # a law's record proves nothing of what it allows


def test_a_rebuttal_asked_at_length_with_its_figures_is_no_sum(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.answer("Au débat d'orientation budgétaire, un collègue a lancé : « En pleine disette budgétaire, "
                              "la coopération avec le Bénin, c'est la danseuse du président. » Notre enveloppe est de "
                              "420 000 € sur un budget de 610 millions. Pouvez-vous me préparer un argumentaire en trois "
                              "points : le fondement juridique, ce que la loi de 2021 a changé sur le plafonnement des "
                              "dépenses de fonctionnement, et comment présenter le coût par habitant ? On a environ "
                              "300 000 habitants.", mode="contre-argument")
    assert answer.intent != "compute"
    assert [a["argument"] for a in answer.sections[0]["arguments"]][:2] == ["loi", "hors_plafond"]
    assert "1,40 € par habitant" in answer.answer  # the figure is still put per inhabitant


def test_a_sheet_s_question_answered_above_gets_that_answer_again_not_a_pointer() -> None:
    from assistant.compose.fiche import _not_shown_again

    shown = ["Appel à idées 2024 : l'AFD a lancé un appel à idées FICOL en 2024."]
    said = "Appel à idées 2024 : l'AFD a lancé un appel à idées FICOL en 2024. [3]"
    assert _not_shown_again(said, shown) == said  # review 25, q2507: « voir ci-dessus » sent the reader back up
    assert "ci-dessus" not in _not_shown_again(said + " Autre phrase. [4]", shown)
    assert _not_shown_again(said + " Autre phrase. [4]", shown) == "Autre phrase. [4]"


def test_a_sheet_files_history_and_duration_under_what_it_is_and_answers_what_it_names(assistant) -> None:  # type: ignore[no-untyped-def]
    """Review 25, q2509: a mission's length and France Volontaires' creation were filed under « Calendrier »; « taille du
    groupe » got a 2015 quote though « un groupe de 4 à 16 jeunes » was shown; « c'est quoi France Volontaires ? » was
    taken as answered by what the sheet's tool is."""
    answer = assistant.answer("Je dois présenter aux élus une fiche sur les dispositifs de volontariat des jeunes à "
                              "l'international. Je voudrais : VSI (qui peut partir, durée, indemnité), JSI et VVVSI (âge, "
                              "taille du groupe, montant maximum). Et c'est quoi exactement France Volontaires "
                              "aujourd'hui ?", mode="fiche")
    body = answer.answer.split("**Sources**")[0]
    calendar = body.split("**Calendrier**")[1].split("**")[0]
    assert "créée le 1er octobre 2009" not in calendar and "une mission dure" not in calendar
    asked = body.split("**Vos questions**")[1]
    assert "_Durée_" in asked and "France Volontaires" in asked and "Taille du groupe" not in asked
