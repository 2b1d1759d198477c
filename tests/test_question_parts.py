"""Several questions in one message: split, written out, each answered under its own words (review 15, R12)."""

from __future__ import annotations

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
