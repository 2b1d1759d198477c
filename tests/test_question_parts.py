"""Several questions in one message: split, written out, each answered under its own words (review 15, R12)."""

from __future__ import annotations

import re

from assistant.question_parts import question_parts

R12 = ("Je suis adjointe aux relations internationales depuis quelques semaines dans une commune de 15 000 habitants, "
       "sans agent dédié. Sur quelle base légale pouvons-nous signer un partenariat avec une ville du Sénégal, et que "
       "doit contenir la convention ? Que signifie « déclarer notre APD » : est-ce obligatoire, à quelle période et sur "
       "quel site ? La DAECT existe-t-elle encore, et le taux de cofinancement de 90 % dont parlait mon prédécesseur "
       "est-il toujours d'actualité ? Enfin, existe-t-il un appel franco-sénégalais, ou une formule pour une petite "
       "commune qui ne peut pas se lancer seule ?")


def test_a_message_asking_several_things_is_split_into_its_questions() -> None:
    parts = question_parts(R12)
    # The last question reads as a follow-up of the third (« existe-t-il… ? »): it stays with it.
    assert [asked[:25] for asked in parts] == ["Sur quelle base légale po", "Que signifie « déclarer n",
                                                 "La DAECT existe-t-elle en"]
    assert "franco-sénégalais" in parts[2] and all("adjointe" not in asked for asked in parts)
    # One question, two, or short compound ones, are answered as one.
    assert question_parts("Qu'est-ce que la FICOL ?") == []
    assert question_parts("Notre partenaire est une commune du Togo. Si on répond à l'appel à projets du ministère, il "
                          "peut financer jusqu'à combien en % ? Et nous, on doit mettre au minimum combien ?") == []
    assert question_parts("c vrai que les mairies avaient envoyé des millions apres le tsunami de 2004 ? combien en tout ?") == []


def test_a_question_leaning_on_the_one_before_stays_with_it() -> None:
    """Review 16, R11: « Si oui, quand et où le fait-on… ? », answered apart, was said « not covered » beside the
    answer the first question had given it."""
    leaning = ("Est-ce qu'une commune est obligée de déclarer chaque année son aide publique au développement ? Si oui, "
               "quand et où le fait-on, et qu'est-ce qu'on perd si on ne le fait pas ?")
    assert question_parts(leaning + " Et la DAECT existe-t-elle encore sous ce nom ?") == []  # two parts, not three
    # « A qui et avant quand ? »: too short to be searched alone.
    assert len(question_parts("Est-ce qu'on est obligé de déclarer notre aide ? A qui et avant quand ? Et la DAECT "
                              "existe-t-elle encore ? Et quel taux de cofinancement en 2025 pour un PMA ?")) == 3
    # Review 17, R11: « le font » stands for what the question before asked.
    assert question_parts("A-t-on le droit de consacrer une partie de notre budget déchets à un projet chez une ville "
                          "partenaire, et sur quelle base légale ? Est-ce que beaucoup de collectivités le font vraiment ?") == []
    assert question_parts("Pouvez-vous m'expliquer ce qu'est la FICOL de l'AFD en quelques mots ? "
                          "Et qui peut la demander parmi les collectivités françaises ?") == []


def test_each_question_gets_its_answer_and_one_list_of_sources(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.answer(R12, mode="question", generate=False)
    assert not answer.abstained and [p["answered"] for p in answer.checks["parts"]] == [True] * 3
    body = answer.answer.split("**Sources**")[0]
    assert body.count("**") == 6 and "15 avril au 31 mai" in body and "70 %" in body
    assert answer.answer.count("**Sources**") == 1 and len(answer.citations) >= 4


def test_numbered_questions_are_parts_and_lose_their_numbers() -> None:
    """« 1) … ? 2) … ? 3) … ? » after a sentence of context (review 18, R12); an inverted pronoun after its own
    subject (« Un jeune… peut-il… ») does not lean on the question before."""
    parts = question_parts(
        "On monte un projet avec une ville de Tunisie autour de la formation des jeunes. 1) Quels financements "
        "européens on peut viser, et est-ce que PLATFORMA finance ou c'est juste un réseau ? 2) Un jeune en service "
        "civique peut-il partir là-bas dans le cadre du projet ? 3) Le VSI c'est pour qui, on peut en employer un ?")
    assert len(parts) == 3
    assert parts[0].startswith("Quels financements") and parts[1].startswith("Un jeune") and parts[2].startswith("Le VSI")


def test_questions_coordinated_in_one_sentence_are_parts_given_their_subject() -> None:
    """Review 23, q2312: « s'agit-il de la même structure, depuis quand, et qui tient aujourd'hui l'Atlas… ? » left
    the Atlas unanswered when the sentence was searched as one; « on calcule sur quoi » (q2311) is asked of the 1 %
    mobilité named in the question before it."""
    parts = question_parts(
        "Dans les dossiers de mon prédécesseur, on parle tantôt de la DAECT, tantôt de la DCTCIV : s'agit-il de la même "
        "structure, depuis quand, et qui tient aujourd'hui l'Atlas de la coopération décentralisée ? Et au passage, "
        "combien de collectivités françaises sont engagées à l'international selon les derniers chiffres ?")
    assert len(parts) == 3 and parts[0].endswith("s'agit-il de la même structure, depuis quand ?")  # « depuis quand » stays
    assert parts[1] == "Qui tient aujourd'hui l'Atlas de la coopération décentralisée ?"
    assert parts[2].startswith("Au passage, combien de collectivités")
    mobility = question_parts("le 1 % mobilité ça existe vraiment ?? notre agglo est autorité organisatrice de la "
                              "mobilité. C depuis quand, on calcule sur quoi et y a des exemples de montants quelque part ?")
    assert mobility[1:] == ["On calcule sur quoi (1 % mobilité) ?",
                            "Y a des exemples de montants quelque part (1 % mobilité) ?"]
    # A relative clause (« qui est au Sénégal ») and a lead-in of context (« Pour le géoparc… ») are no questions.
    relative = question_parts("Notre partenaire, la commune de Kaolack, qui est au Sénégal, peut-il recevoir la FICOL ? "
                              "Quel est le montant maximal de la FICOL ? Qui instruit les dossiers à l'AFD ?")
    assert len(relative) == 3 and relative[0].startswith("Notre partenaire, la commune de Kaolack, qui est au Sénégal")
    assert question_parts("Pour le géoparc monté au Laos avec l'appui d'un syndicat ardéchois, quel était le budget "
                          "total, et quelle somme l'agence de développement a-t-elle mise sur la table ?") == []
    # Review 24, q2410: what someone suggests, told before « est-ce qu'on a le droit ? », is what the question is about.
    kaya = question_parts("Concrètement, qu'est-ce que la loi du 4 août 2021 a changé pour une commune comme la nôtre ? "
                          "Qu'est-ce que la nouvelle convention doit contenir ? Et question bête : le maire de Kaya nous "
                          "suggère de signer directement avec le ministère burkinabè de l'Eau, est-ce qu'on a le droit ?")
    assert len(kaya) == 3 and kaya[2].endswith("ministère burkinabè de l'Eau, est-ce qu'on a le droit ?")


def test_two_named_things_compared_are_each_said_for_themselves() -> None:
    """Fresh19 (tune half): « Quelle est la différence entre FEXTE et la FICOL ? », searched as one, got a heading
    (« Les outils de l'AFD : « FEXTE » et « FICOL » ») and sentences on one of the two."""
    assert question_parts("Quelle est la différence entre FEXTE et la FICOL ?") == [
        "FEXTE : qu'est-ce que c'est ?", "FICOL : qu'est-ce que c'est ?"]
    assert question_parts("quelle différence entre un jumelage et une coopération décentralisée ?") == []


def test_a_part_already_answered_points_to_the_answer_above(assistant) -> None:  # type: ignore[no-untyped-def]
    """Review 23, q2311: « Date de création du « 1 % mobilité » » came back under each of three questions."""
    answer = assistant.answer("slt, question rapide : le 1 % mobilité ça existe vraiment ?? notre agglo est autorité "
                              "organisatrice de la mobilité. C depuis quand, on calcule sur quoi et y a des exemples de "
                              "montants quelque part ?", mode="question", generate=False)
    body = answer.answer.split("**Sources**")[0]
    assert len(answer.checks["parts"]) == 3 and "1 % des ressources affectées aux budgets des services de mobilité" in body
    sentences = [s.strip() for s in re.split(r"\[\d+\]", body) if len(s.split()) > 6]
    assert len(sentences) == len(set(sentences))  # no sentence said twice


def test_a_comparison_is_answered_part_by_part_and_can_be_sent_as_an_email(assistant) -> None:  # type: ignore[no-untyped-def]
    """Fresh19 (tune half): « Quelle différence avec la FICOL ? » after a question on the FEXTE, then « Reformule la
    comparaison sous forme de mail à la DGS », which was searched as a question and refused."""
    history = [{"role": "user", "content": "c'est quoi le FEXTE de l'AFD ?", "mode": "question"}]
    first = assistant.answer(history[0]["content"], mode="question", generate=False)
    history.append({"role": "assistant", "content": first.answer})
    compared = assistant.answer("Quelle différence avec la FICOL ?", mode="question", history=history, generate=False)
    assert "**FEXTE : qu'est-ce que c'est ?**" in compared.answer and "**FICOL : qu'est-ce que c'est ?**" in compared.answer
    assert "créée en 2014" in compared.answer
    history += [{"role": "user", "content": "Quelle différence avec la FICOL ?", "mode": "question"},
                {"role": "assistant", "content": compared.answer}]
    mail = assistant.answer("Reformule la comparaison sous forme de mail à la DGS", mode="question", history=history,
                            generate=False)
    assert mail.intent == "reformat" and not mail.abstained
    text = mail.answer.split("**Sources**")[0]
    assert "Bonjour," in text and "Bien cordialement," in text and text.index("FEXTE :") < text.index("FICOL :")


def test_two_questions_the_user_announces_apart_are_answered_apart() -> None:
    """Review 25 (q2510, q2511): « Deux questions : 1) … ? 2) … ? » and « Et une dernière : … ? » were answered as one
    message, about one of them; two questions with no such announcement still go together."""
    from assistant.question_parts import question_parts

    numbered = question_parts("Je prépare une note. Deux questions : 1) l'aide publique au développement des "
                              "collectivités a-t-elle vraiment augmenté ces dernières années ? 2) Combien de collectivités "
                              "françaises sont engagées à l'international aujourd'hui, et dans combien de pays ?")
    assert len(numbered) == 2 and numbered[0].startswith("L'aide publique") and numbered[1].startswith("Combien")
    last = question_parts("Nous aidons un village du Niger. Peut-on signer une convention avec le ministère nigérien ? "
                          "Et une dernière : qui représente les petites communes à la Commission nationale de la "
                          "coopération décentralisée ?")
    assert last[-1].startswith("Qui représente les petites communes")
    assert question_parts("Notre partenaire est une commune du Togo, jusqu'à combien en % le ministère finance-t-il ? "
                          "Et nous, on doit mettre combien au minimum dans le projet ?") == []
