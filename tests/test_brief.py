"""An article opens on the user's project: the request read as a clerk would (pure rules, requests as typed)."""

from assistant.compose.article import unlabelled
from assistant.compose.places import elsewhere
from assistant.compose.brief import headline, read_brief, standfirst

PRESS = ("Communiqué de presse : La ville de Saint-Aubin-sur-Loire signe une convention de coopération décentralisée "
         "avec la municipalité de Tsévié (Togo) le 14 mars, axée sur la gestion des déchets et la formation des agents. "
         "Ton sobre, pour la presse locale")
SLOPPY = ("Je dois écrire un article pour la presse régionale : notre agglo (Val-de-Sèvre Agglomération) vient d'obtenir "
          "un financement de l'AFD via la FICOL pour un projet de transport urbain avec la ville de Bethléem. "
          "Tu peux me faire un premier jet")


def test_the_request_gives_our_town_the_partner_the_date_and_its_facts() -> None:
    brief = read_brief(PRESS)
    assert (brief.ours, brief.partner, brief.country, brief.date) == ("Saint-Aubin-sur-Loire", "Tsévié", "Togo", "14 mars")
    assert headline(brief, PRESS) == "Saint-Aubin-sur-Loire et Tsévié (Togo) : les déchets et la formation des agents"
    lead = standfirst(brief.facts)
    assert lead.startswith("La ville de Saint-Aubin-sur-Loire signe") and "Ton sobre" not in lead and "presse" not in lead
    assert brief.missing()[0] == "le montant engagé"  # the date was given: not asked for again


def test_instructions_to_the_assistant_are_not_facts() -> None:
    brief = read_brief(SLOPPY)
    assert brief.ours == "Val-de-Sèvre Agglomération" and brief.partner == "Bethléem"
    assert brief.facts == ["notre agglo (Val-de-Sèvre Agglomération) vient d'obtenir un financement de l'AFD via la FICOL "
                           "pour un projet de transport urbain avec la ville de Bethléem"]
    themed = read_brief("Pour le site de la mairie de Plouzévet : 3 jeunes partent en service civique chez notre partenaire, "
                        "la commune rurale de Sokone au Sénégal. Parler de l'engagement des jeunes")
    assert themed.ours == "Plouzévet" and themed.partner == "Sokone" and themed.country == "Sénégal"
    assert themed.themes == ["l'engagement des jeunes"] and not any("site" in f for f in themed.facts)


def test_other_towns_are_examples_and_labels_leave_prose() -> None:
    assert elsewhere("La coopération de Chambéry avec Ouahigouya a montré que les agents gagnaient en savoir-faire.",
                     PRESS) == "Chambéry"
    assert elsewhere("Enfin, comme le montre l’exemple de Chécy, en coopération avec Bangui.", PRESS) == "Chécy"
    assert elsewhere("La ville de Saint-Aubin-sur-Loire agit.", PRESS) == ""  # our own town is no example
    assert unlabelled("Loi Thiollière : la loi Thiollière de 2007 a ouvert l'aide d'urgence aux collectivités.") \
        == "La loi Thiollière de 2007 a ouvert l'aide d'urgence aux collectivités."
    held = "Premiers usages du « 1 % déchets » : la Ville de Paris a été la première à le voter, au profit de Brazzaville."
    assert unlabelled(held) == held  # the label holds what « le » stands for
    kept = "Taux 2025, revus à la baisse : le cofinancement de la DCTCIV est plafonné à 70 % du coût total."
    assert unlabelled(kept) == kept  # a dated label says when the fact holds


def test_a_quote_holding_a_quote_takes_inner_marks() -> None:
    from assistant.compose.sentences import quoted

    assert quoted("« Il faut leur faire goûter » résume l’un des groupes de travail.") \
        == "« “Il faut leur faire goûter” résume l’un des groupes de travail. »"
    assert quoted("« Ce n’est pas avec des murs. »") == "« Ce n’est pas avec des murs. »"


def test_a_press_brief_with_figures_is_a_brief_its_speaker_and_themes_are_read() -> None:
    from assistant.conversation import understand

    brief_text = ("Communiqué de presse à faire : le conseil municipal de Villedieu-sur-Indre (2 900 hab.) a voté le "
                  "12 juin 2025 l'application du 1 % eau, soit environ 8 000 € par an, pour un forage à Tiébélé "
                  "(Burkina Faso). Mettre une citation du maire, Jean-Pierre Morel.")
    assert understand(brief_text, "article").intent != "compute"  # its figures are facts, not a sum to do
    assert understand(brief_text, "question").mode == "article"
    brief = read_brief(brief_text)
    assert (brief.ours, brief.partner, brief.speaker) == ("Villedieu-sur-Indre", "Tiébélé", "Jean-Pierre Morel, maire")
    assert not any("citation" in f for f in brief.facts)
    sanitation = "Communiqué : notre projet d'assainissement avec Comè (Bénin)"
    assert headline(read_brief(sanitation), sanitation).endswith(": l'eau et l'assainissement")


def test_the_latest_year_of_a_fact_and_the_facts_a_later_one_updates() -> None:
    from assistant.compose.sentences import superseded
    from assistant.dates import fact_year
    from assistant.documents import Chunk, Passage
    from assistant.sentences import split_passage

    assert fact_year("L'appel 2022 portait sur des projets de 12 à 36 mois ; l'appel 2018 demandait 7 %.", "2025-09-08") == 2022
    assert fact_year("En 2016, un appel « Climat 2 » sera peut-être ouvert.", "2015-10-27") == 2015  # announced, not held
    text = ("Appels 2024 : cofinancement pouvant aller jusqu'à 90 % pour les pays les moins avancés. "
            "Taux 2025, revus à la baisse : le cofinancement est plafonné à 70 % du coût total pour les PMA.")
    sents = split_passage(Passage(chunk=Chunk(id="c", text=text, source="s", title="t", date="2025-09-08"), score=0.0))
    assert [s.text[:10] for s in sents if id(s) in superseded(sents)] == ["Appels 202"]


def test_la_ville_stands_for_the_town_named_before_it_in_its_passage() -> None:
    from assistant.compose.places import place_of
    from assistant.documents import Chunk, Passage
    from assistant.sentences import split_passage

    text = ("La coopération de Chambéry avec Ouahigouya a montré que les agents gagnaient en savoir-faire. "
            "Mille lycéens de la ville participent à une course solidaire au profit du Burkina Faso. "
            "Un diagnostic territorial permet de communiquer sur les retombées pour le territoire de la collectivité.")
    sents = split_passage(Passage(chunk=Chunk(id="c", text=text, source="s", title="t"), score=0.0))
    assert [place_of(s, PRESS) for s in sents] == ["Chambéry", "Chambéry", ""]


def test_the_standfirst_keeps_the_budget_and_leaves_out_the_brief_to_the_writer() -> None:
    """Review 9 (blind, 2026-11-28): the budget breakdown was dropped, « Il faut expliquer… » was kept as a fact, and
    « la Ville de Beaulieu-sur-Vienne » was not read as ours."""
    from assistant.compose.brief import read_brief, standfirst

    brief = read_brief("un article sur notre projet au Burkina Faso avec la commune de Boussé : réhabilitation de 6 "
                       "forages, de janvier 2025 à décembre 2027. Budget total 148 000 € : 45 000 € du syndicat, 70 000 € "
                       "de l'agence de l'eau. Il faut expliquer simplement ce qu'est ce 1 %. Envoi prévu aux abonnés.")
    lead = standfirst(brief.facts)
    assert "Budget total 148 000 € : 45 000 € du syndicat" in lead
    assert "expliquer" not in lead and "Envoi" not in lead and brief.date == "janvier 2025"
    news = read_brief("Communiqué de presse : la communauté de communes du Val d'Oust signe une convention avec la "
                      "commune de Kolda au Sénégal, financée par le 1 % déchets (15 000 € par an). Signature le 12 mars.")
    assert standfirst(news.facts).startswith("La communauté de communes du Val d'Oust signe")  # the news first
    assert read_brief("un communiqué : la Ville de Beaulieu-sur-Vienne est lauréate de l'appel 2025 pour son projet "
                      "avec la commune de Dogbo au Bénin.").ours == "Beaulieu-sur-Vienne"


def test_what_the_writer_wants_is_no_fact_of_the_project() -> None:
    request = ("Pour le bulletin de décembre, j'aimerais un texte d'environ 250 mots qui explique aux habitants à quoi sert "
               "notre jumelage avec Ségou au Mali. Merci !")
    brief = read_brief(request)
    assert brief.facts == [] and brief.partner == "Ségou"
    assert not read_brief("Il faudrait un texte court pour la presse.").facts


WATER = ("Pour le magazine municipal, j'aimerais un article d'environ 300 mots qui explique aux habitants comment notre "
         "syndicat finance son partenariat eau avec une commune du Bénin : d'où vient l'argent, est-ce que ça pèse sur "
         "la facture, et le rôle de l'agence de l'eau ?")


def test_the_questions_readers_will_ask_are_read_from_the_request_and_are_not_its_facts() -> None:
    from assistant.compose.asks import as_heading, reader_questions

    asked = reader_questions(WATER)
    assert "d'où vient l'argent" in asked and "est-ce que ça pèse sur la facture" in asked
    assert as_heading("d'où vient l'argent") == "D'où vient l'argent ?"
    assert as_heading("le rôle de l'agence de l'eau") == "Le rôle de l'agence de l'eau"
    assert not any("argent" in f for f in read_brief(WATER).facts)  # what to answer, not a fact of the project
    kandi = ("Pouvez-vous me rédiger un article pour le bulletin sur notre projet avec Kandi ? Ton sobre, avec une "
             "phrase pour expliquer aux habitants d'où vient l'argent.")
    assert reader_questions(kandi) == ["d'où vient l'argent"]
    law = ("j'aimerais un petit article sur la loi de 2021 sur le développement solidaire : qu'est-ce qu'elle a changé "
           "concrètement pour les collectivités ?")
    point = reader_questions(law)[0]
    assert as_heading(point, read_brief(law).facts[0]).startswith("Ce que la loi de 2021 sur le développement solidaire a changé")
    assert reader_questions("Communiqué : notre commune adhère à Cités Unies France") == []
    aside = reader_questions("Un article qui explique comment c'est financé (qui paie quoi ?) et pour combien de temps.")
    assert aside and not any("(" in q for q in aside)  # a heading never keeps half an aside


def test_a_tool_named_with_its_number_frames_the_funding_paragraph() -> None:
    from assistant.compose.tools import named_tools

    assert [t.id for t in named_tools("financés en partie par le 1 % eau de notre syndicat")] == ["oudin"]
    assert [t.id for t in named_tools("un article sur la loi de 2021")] == ["loi2021"]
    assert named_tools("un projet européen avec la ville de Dschang") == []  # « européen » names no fund


def test_an_opener_pointing_at_an_unshown_event_is_dropped_from_the_quote() -> None:
    from assistant.documents import Chunk, Passage
    from assistant.sentences import split_passage

    text = ("A l’issue de ce débat, les élus en charge de l’action internationale peuvent présenter une stratégie claire "
            "en début de mandature.")
    sents = split_passage(Passage(chunk=Chunk(id="c", text=text, source="s", title="t"), score=0.0))
    assert sents[0].text.startswith("Les élus en charge de l’action internationale peuvent présenter")


def test_a_headline_names_the_partner_country_when_no_town_is_named() -> None:
    press = ("Communiqué de presse : notre communauté de communes est retenue par le ministère pour un projet "
             "patrimoine avec une fédération de municipalités au Liban")
    assert headline(read_brief(press), press) == "Notre coopération avec le Liban : la culture"
    visit = "Article sur l'accueil en mairie d'une délégation de notre ville partenaire de Côte d'Ivoire"
    assert headline(read_brief(visit), visit) == "Notre coopération avec la Côte d'Ivoire"
    network = "Communiqué : notre commune adhère à Cités Unies France"
    assert read_brief(network).partner == ""  # a network one joins is no partner town


def test_a_label_with_three_words_after_it_is_no_sentence_for_an_article() -> None:
    from assistant.compose.article import says_something
    from assistant.documents import Chunk, Passage
    from assistant.sentences import split_passage

    text = ("Potentiel du « 1 % eau » : les sources divergent.\n\n"
            "Assiette du « 1 % eau » : au maximum 1 % des recettes propres de chaque budget annexe consacré à l'eau.")
    label, rule = split_passage(Passage(chunk=Chunk(id="c", text=text, source="s", title="t"), score=0.0))
    assert not says_something(label) and says_something(rule)


def test_what_a_press_release_must_explain_in_a_few_sentences_is_a_part_of_it(assistant) -> None:  # type: ignore[no-untyped-def]
    from assistant.compose.asks import reader_questions
    from assistant.formats import short_form

    request = ("Communiqué de presse : notre agglomération vient d'obtenir la FICOL pour un projet d'assainissement "
               "avec Ségou. Je voudrais expliquer en deux phrases ce qu'est la FICOL et donner un ordre de grandeur "
               "du nombre de projets financés en France.")
    assert short_form(request) is None  # the sentences are for one part, the release is whole
    assert reader_questions(request)[:2] == ["ce qu'est la FICOL", "combien de projets financés en France"]
    answer = assistant.answer(request, mode="article", generate=False)
    what_it_is = answer.answer.split("### Ce qu'est la FICOL", 1)[1].split("###", 1)[0]
    assert "créée en 2014" in what_it_is  # the sentence that says what it is, not its amounts
    assert "COMMUNIQUÉ DE PRESSE" in answer.answer


def test_the_call_that_funds_the_project_answers_who_pays_and_not_a_sibling_call(assistant) -> None:  # type: ignore[no-untyped-def]
    request = ("Un article pour le bulletin municipal sur notre projet d'assainissement avec la commune de Fatick au "
               "Sénégal, retenu à l'appel à projets franco-sénégalais 2024. Il faut expliquer comment c'est financé.")
    answer = assistant.answer(request, mode="article", generate=False)
    assert "au moins 20 % du financement" in answer.answer
    assert "franco-libanais" not in answer.answer and "franco-palestinien" not in answer.answer


def test_an_article_on_hosting_a_volunteer_says_what_reciprocity_is_and_pads_with_no_funding(assistant) -> None:  # type: ignore[no-untyped-def]
    """Review 14: « ce qu'est la réciprocité et situe cet accueil… » was said missing beside the sentence defining it,
    and the DAECT's selection rates filled a funding paragraph nobody asked for."""
    from assistant.compose.asks import reader_questions

    request = ("Notre commune accueille en septembre Awa, volontaire sénégalaise en service civique en réciprocité, "
               "via une structure agréée. Peux-tu rédiger un article pour le bulletin municipal qui explique aux "
               "habitants ce qu'est la réciprocité et situe cet accueil dans un mouvement national ?")
    assert reader_questions(request) == ["ce qu'est la réciprocité"]
    answer = assistant.answer(request, mode="article", generate=False)
    assert "### Ce qu'est la réciprocité" in answer.answer and "ne répondent pas" not in answer.answer
    assert "Un cadre clair et des financements partagés" not in answer.answer
    # A request that speaks of money keeps its funding paragraph.
    funded = assistant.answer("Article pour le bulletin sur notre jumelage avec Tiznit, cofinancé par le ministère.",
                              mode="article", generate=False)
    assert "financements partagés" in funded.answer


def test_an_article_on_one_tool_quotes_no_other_tool_and_no_note_on_missing_figures(assistant) -> None:  # type: ignore[no-untyped-def]
    request = "article pour le bulletin municipal sur la loi du 4 aout 2021 et ce qu'elle change pour les communes"
    answer = assistant.answer(request, mode="article", generate=False)
    body = answer.answer.split("**Sources**")[0]
    assert body.startswith("## La loi du 4 août 2021")  # the subject titles it, not a generic headline
    assert "### Ce qu'elle change pour les communes" in body
    assert "1 % mobilité" not in body and "n'a été trouvé" not in body


def test_an_example_of_another_town_asked_beside_a_rebuttal_is_told_as_theirs(assistant) -> None:  # type: ignore[no-untyped-def]
    """Review 14: « Si tu as l'exemple concret d'une autre ville qui en a tiré un bénéfice chez elle, je prends » got
    no example."""
    from assistant.compose.example import asks_example

    request = ("Un élu d'opposition répète : « L'argent des habitants doit rester ici, on a des écoles à rénover. » "
               "Donne-moi 3 arguments. Si tu as l'exemple concret d'une autre ville qui en a tiré un bénéfice chez "
               "elle, je prends.")
    assert asks_example(request) and not asks_example("Donne-moi 3 arguments, ton posé.")
    answer = assistant.answer(request, mode="contre-argument", generate=False)
    example = answer.sections[0]["example"]
    assert example.startswith("(") and "[" in example  # a town, then its cited sentence
    assert "**Un exemple ailleurs** (" in answer.answer
    plain = assistant.answer("L'argent des habitants doit rester ici, on a des écoles à rénover.", mode="contre-argument",
                             generate=False)
    assert "Un exemple ailleurs" not in plain.answer


def test_a_readers_question_ends_where_an_instruction_starts_and_is_not_said_missing_once_answered(assistant) -> None:  # type: ignore[no-untyped-def]
    """Review 15 (blind): « ce qu'il peut financer, et citer un ou deux chiffres nationaux » was one question, said
    missing beside « Actions finançables par le « 1 % eau » : … »."""
    from assistant.compose.asks import reader_questions

    request = ("Rédigez un communiqué de presse pour le Syndicat des eaux de la Haute-Sèvre : le comité syndical vient de "
               "voter 0,8 % des recettes du budget eau potable pour deux villages du Bénin. Le texte doit expliquer ce "
               "que permet la loi Oudin-Santini, sur quel budget se fait le prélèvement et ce qu'il peut financer, et "
               "citer un ou deux chiffres nationaux récents.")
    assert "ce qu'il peut financer" in reader_questions(request)
    answer = assistant.answer(request, mode="article", generate=False)
    assert "Actions finançables" in answer.answer and "ne répondent pas à : « ce qu'il peut financer" not in answer.answer


def test_layout_asks_are_not_facts_and_each_quote_asked_gets_its_placeholder() -> None:
    """Review 20: « Avec un titre accrocheur… » was printed as the standfirst; review 19: two quotes asked, one given."""
    from assistant.compose.brief import KEY_FIGURES_ASKED, quotes_asked

    brief = read_brief("Je prépare le bulletin municipal de printemps de La Chapelle-sur-Vilaine. Depuis 2022, la commune "
                       "rénove les latrines de deux écoles de Dapaong, au Togo. Avec un titre accrocheur et un intertitre "
                       "ou deux. Environ 2 500 signes.")
    assert brief.ours == "La Chapelle-sur-Vilaine"
    assert brief.facts == ["Depuis 2022, la commune rénove les latrines de deux écoles de Dapaong, au Togo"]
    linked = read_brief("Je suis chargée de mission dans une métropole et on vient de signer la convention FICOL pour notre "
                        "projet avec la ville de Porto-Novo (Bénin) : 1,1 M€ au total. Je voudrais un post LinkedIn.")
    assert linked.facts[0].startswith("on vient de signer la convention FICOL") and linked.partner == "Porto-Novo"
    assert read_brief("un projet avec la municipalité de Deir el-Qamar (Liban)").partner == "Deir el-Qamar"
    asked = "Il faut une citation du président et une du vice-président chargé de l'environnement, et un encadré « chiffres clés »."
    assert quotes_asked(asked) == ["président", "vice-président chargé de l'environnement"]
    assert quotes_asked("Ton institutionnel, une citation du maire (à inventer, sobre), une page maximum.") == ["maire"]
    assert KEY_FIGURES_ASKED.search(asked) and not KEY_FIGURES_ASKED.search("un article avec quelques chiffres")


def test_a_practitioners_tip_and_a_figure_said_twice_stay_out_of_public_texts() -> None:
    from assistant.compose.article import repeats_figures
    from assistant.compose.sentences import PRACTITIONER_ADVICE

    assert PRACTITIONER_ADVICE.search("Rappeler ce que représente vraiment la part des actions internationales dans le "
                                      "budget global de la commune permet de nuancer les critiques financières.")
    assert PRACTITIONER_ADVICE.search("Enfin, pourquoi ne pas chercher à associer d’autres collectivités du même territoire ?")
    assert not PRACTITIONER_ADVICE.search("Il faut dire que l’action internationale est un formidable outil de management.")
    assert not PRACTITIONER_ADVICE.search("La collectivité française doit apporter au moins 10 % du budget global.")
    shown = {"L'agence de l'eau Loire-Bretagne a soutenu 300 projets pour 18,5 millions d'euros entre 2019 et 2024."}
    assert repeats_figures("L'agence indique avoir soutenu 300 projets pour 18,5 millions d'euros entre 2019 et 2024.", shown)
    assert not repeats_figures("En 2024, 31,7 millions d'euros ont été mobilisés.", shown)  # a year in common only


def test_an_instruction_typed_without_accents_is_not_the_title() -> None:
    """fresh15, tune half: « ecris un article sur les 20 ans du VSI » was titled « Ecris un article sur… »."""
    from assistant.compose.article import topic

    assert topic("ecris un article sur les 20 ans du VSI pour notre magazine municipal") == "Les 20 ans du VSI"
    assert topic("Rédige-moi un article sur le FICOL") == "Le FICOL"


def test_what_to_explain_is_no_part_of_the_title_and_it_names_what_was_said_before() -> None:
    """Fresh17 (tune half): « …la ville vient d'adhérer a Cités Unies France, explique ce que c'est »: titled on the
    news, with « ce qu'est Cités Unies France » as the readers' question; a twinning is titled as one."""
    from assistant.compose.article import topic
    from assistant.compose.asks import reader_questions

    request = "redige un article pour le bulletin municipal : la ville vient d'adhérer a Cités Unies France, explique ce que c'est"
    assert topic(request) == "La ville vient d'adhérer a Cités Unies France"
    assert read_brief(request).facts == ["la ville vient d'adhérer a Cités Unies France"]
    assert reader_questions(request) == ["ce qu'est Cités Unies France"]
    twinning = "Un édito sur nos 20 ans de jumelage avec la ville de Bad Salzdetfurth en Allemagne"
    assert headline(read_brief(twinning), twinning).startswith("Notre jumelage avec ")


def test_an_article_asked_in_few_characters_is_written_short() -> None:
    from assistant.formats import short_form, short_full_text

    edito = "Un édito du maire pour le magazine, ton personnel, sur nos 20 ans de jumelage, environ 1500 signes"
    assert short_full_text(edito) and short_form(edito) is None
    assert not short_full_text("Un article pour le bulletin sur notre jumelage, 4 000 signes")


def test_the_key_figures_box_names_our_amounts_as_the_request_does() -> None:
    """Review 22, q2205 (read after the blind review): « 40 000 € de subvention pour un projet de 80 000 € » were both
    labelled « Notre projet »."""
    from assistant.compose.article import _key_figures_box

    brief = read_brief("Communiqué : notre commune est lauréate, 40 000 € de subvention pour un projet de 80 000 € avec "
                       "la ville de Goris.")
    box = _key_figures_box(brief, [], lambda sentences: "")
    assert box[1:3] == ["- Subvention : 40 000 €", "- Projet : 80 000 €"]


def test_a_partner_in_apposition_and_the_ending_the_writer_asks_for() -> None:
    """Review 22, q2204 (read after the blind review): « …de Ndiaganiao, notre commune partenaire au Sénégal » left
    « [À compléter : le nom du partenaire] » and a fragment in the standfirst; « Finir par un appel aux habitants pour la
    soirée… » was quoted as a fact and never done."""
    from assistant.compose.brief import ending_asked

    request = ("un article pour le bulletin sur l'inauguration de la borne-fontaine de Ndiaganiao, notre commune "
               "partenaire au Sénégal. Le projet a coûté 18 000 €. Finir par un appel aux habitants pour la soirée de "
               "restitution du 14 juin à la salle des fêtes.")
    brief = read_brief(request)
    assert (brief.partner, brief.country) == ("Ndiaganiao", "Sénégal")
    assert standfirst(brief.facts).startswith("L'inauguration de la borne-fontaine de Ndiaganiao, notre commune partenaire")
    assert not any("Finir" in f for f in brief.facts)
    assert ending_asked(request) == "**Rendez-vous** : La soirée de restitution du 14 juin à la salle des fêtes. Venez nombreux !"


def test_what_a_speech_should_say_and_what_to_explain_are_no_facts_to_print() -> None:
    """Review 23: « le discours du maire…, chaleureux mais pas niais : un hommage aux bénévoles…, un mot sur les échanges
    scolaires… » lists what to say, « Phrases courtes, faciles à lire à voix haute » how to say it, and « rappeler sur
    quoi repose légalement ce type de dépense » what to explain; none is a fact of the news. The figures listed after
    « qui explique le budget 2025 : » are."""
    speech = read_brief("Le 14 juin 2025 on fête les 30 ans du jumelage entre Val-d'Yvette et Bad Lindenau, en Allemagne. "
                        "Peux-tu m'écrire le discours du maire, 5 minutes à l'oral, chaleureux mais pas niais : un hommage "
                        "aux bénévoles du comité de jumelage, un mot sur les échanges scolaires. Phrases courtes, faciles "
                        "à lire à voix haute.")
    assert speech.facts == ["Le 14 juin 2025 on fête les 30 ans du jumelage entre Val-d'Yvette et Bad Lindenau, en "
                            "Allemagne"]
    assert speech.themes and speech.themes[0].startswith("un hommage aux bénévoles")
    budget = read_brief("J'ai besoin d'un article qui explique le budget international 2025 : 22 000 € au total, dont "
                        "12 000 € pour la coopération avec Tsévié au Togo. Ton pédagogique, rappeler sur quoi repose "
                        "légalement ce type de dépense, et pas de misérabilisme sur le Togo.")
    assert budget.facts == ["22 000 € au total, dont 12 000 € pour la coopération avec Tsévié au Togo"]



def test_a_speech_reads_out_no_list(assistant) -> None:  # type: ignore[no-untyped-def]
    """Review 23: a twinning anniversary's speech read out « franco-sénégalais du 10 au 21 mars ; franco-libanais du
    7 avril au 3 juin ; … », a list of the ministry's call dates. (Searching its « why » paragraphs with the project in
    a few words kept the calls out of them, but the reviewer found the speech worse: it lost the fund it was asked to
    name. Not kept.)"""
    speech = assistant.answer("Le 14 juin 2025 on fête les 30 ans du jumelage entre Val-d'Yvette (9 000 habitants) et "
                              "Bad Lindenau, en Allemagne, en présence d'une délégation de 40 personnes. Peux-tu m'écrire "
                              "le discours du maire, 5 minutes à l'oral environ, chaleureux mais pas niais : un hommage "
                              "aux bénévoles du comité de jumelage, un mot sur les échanges scolaires, et une ouverture "
                              "vers l'avenir (on aimerait monter un projet avec le Fonds citoyen franco-allemand).",
                              mode="article").answer
    said = speech.split("**Sources**")[0]
    assert "Texte à dire" in said and "Fonds citoyen" in said
    assert not any(unit.count(";") >= 3 for unit in said.split("[")), said


def test_an_article_asked_for_the_cost_per_inhabitant_gives_it(assistant) -> None:  # type: ignore[no-untyped-def]
    """Review 23: « Où va votre argent ? … 22 000 € au total… (18 000 habitants)… donner le coût par habitant » gave no
    cost per inhabitant. It is computed exactly for the readers."""
    article = assistant.answer("Pour le magazine municipal de Montfaucon-sur-Lys (18 000 habitants), j'ai besoin d'un "
                               "article qui explique le budget international 2025 : 22 000 € au total, dont 12 000 € pour "
                               "la coopération avec Tsévié au Togo. Ton pédagogique, donner le coût par habitant.",
                               mode="article").answer
    assert ("**Par habitant** : 22 000 € pour 18 000 habitants, soit 1,22 € par habitant et par an."
            in article.replace("\u202f", " "))
    plain = assistant.answer("Pour le magazine municipal (18 000 habitants), un article sur notre coopération avec "
                             "Tsévié au Togo, 12 000 € par an.", mode="article").answer
    assert "**Par habitant**" not in plain


def test_the_details_listed_for_a_point_and_the_texts_to_present_are_asked() -> None:
    """Review 24: « comment marche ce cofinancement (taux 2025, part minimale de la commune, dates de dépôt) » lost its
    three details with the brackets; « une phrase qui présente la FICOL (création, …) », « un rappel d'un projet FICOL
    déjà mené… » and « dis ce que ça suppose pour la commune » were not read as things to explain."""
    from assistant.compose.asks import point_details, reader_questions

    request = ("Explique simplement aux habitants comment marche ce cofinancement (taux 2025, part minimale de la "
               "commune, dates de dépôt), et annonce qu'on aimerait accueillir en mairie un jeune volontaire béninois en "
               "service civique : dis ce que ça suppose pour la commune.")
    points = reader_questions(request)
    assert points[0] == "comment marche ce cofinancement"
    assert point_details(request, points[0]) == ["taux 2025", "part minimale de la commune", "dates de dépôt"]
    assert points[1] == ("Accueillir en mairie un jeune volontaire béninois en service civique : ce que ça suppose "
                         "pour la commune")
    press = ("Je veux une phrase qui présente la FICOL (création, fourchette de subvention, conditions) et un rappel "
             "d'un projet FICOL déjà mené par une petite structure.")
    assert reader_questions(press) == ["ce qu'est la FICOL", "un projet FICOL déjà mené par une petite structure"]
    assert point_details(press, "ce qu'est la FICOL") == ["création", "fourchette de subvention", "conditions"]
    assert reader_questions("rappeler sur quoi repose légalement ce type de dépense") == [
        "sur quoi repose légalement ce type de dépense"]


def test_what_to_explain_and_where_to_publish_are_no_news_and_the_commune_says_its_name() -> None:
    """Review 24: the standfirst printed « Explique simplement aux habitants… », « Dis ce que ça suppose… » and
    « L'ENT, à destination des élèves »."""
    from assistant.compose.article import _opening

    brief = read_brief("Pour le bulletin municipal de Rochebrune-sur-Aude, rédige un article. Sujet : le conseil "
                       "municipal a voté 18 000 € pour la coopération avec Dassa-Zoumè. Explique simplement aux habitants "
                       "comment marche ce cofinancement, et annonce qu'on aimerait accueillir un volontaire : dis ce que "
                       "ça suppose pour la commune.")
    lead = " ".join(_opening(brief, "Titre", press=False))
    assert "Explique" not in lead and "Dis ce" not in lead
    assert "Rochebrune-sur-Aude aimerait accueillir un volontaire." in lead
    school = read_brief("Le collège nous demande un texte à afficher et à publier sur l'ENT, à destination des élèves "
                        "de 11 à 15 ans.")
    assert not any("ENT" in f for f in school.facts)
    # Review 25: a speech opened on « Bonjour, je travaille au cabinet du maire… ».
    greeted = read_brief("Bonjour, je travaille au cabinet du maire de Sainte-Aude (6 500 habitants). En juin on fête "
                         "les 40 ans du jumelage avec Kenzingen. Éléments à utiliser : trois échanges scolaires par an.")
    assert not any("Bonjour" in f or "Éléments" in f for f in greeted.facts)
    assert any("40 ans du jumelage" in f for f in greeted.facts)


def test_an_articles_listed_details_are_each_answered_from_the_current_rules(assistant) -> None:  # type: ignore[no-untyped-def]
    """Review 24: the 2024 rate, a call's general scope and the 2022 deadline answered « taux 2025, part minimale de
    la commune, dates de dépôt »; the 2024 rate then contradicted the 2025 one a paragraph later."""
    article = assistant.answer(
        "Pour le bulletin municipal de Rochebrune-sur-Aude, rédige un article. Sujet : le conseil municipal a voté "
        "18 000 € pour la coopération avec Dassa-Zoumè (Bénin) et autorisé le maire à candidater à l'appel à projets "
        "généraliste du ministère de l'Europe et des Affaires étrangères. Explique simplement aux habitants comment "
        "marche ce cofinancement (taux 2025, part minimale de la commune, dates de dépôt).", mode="article").answer
    section = article.split("### Comment marche ce cofinancement ?", 1)[1].split("###", 1)[0]
    assert "Taux 2025" in section and "au moins 10 %" in section and "du 7 avril au 30 mai 2025" in section
    assert "90 %" not in article.split("**Sources**")[0]


def test_a_financing_plan_asked_to_be_checked_is_checked_against_the_quoted_rule(assistant) -> None:  # type: ignore[no-untyped-def]
    """Review 24 (q2406): « budget total 640 000 €, subvention AFD demandée 420 000 €… Vérifie au passage si notre plan
    de financement respecte la règle de contribution minimale » was not checked."""
    from assistant.checks import answer_checks
    from assistant.compose.plan_check import plan_check_line, plan_figures

    request = ("Communiqué de presse de la communauté de communes du Pays de Vernelle. Nous déposons une lettre "
               "d'intention à l'appel à idées FICOL de l'AFD : budget total 640 000 €, subvention AFD demandée 420 000 €. "
               "Vérifie au passage si notre plan de financement respecte la règle de contribution minimale des "
               "collectivités et dis-le-moi en dehors du communiqué.")
    assert plan_figures(request) == (640_000, 420_000)
    assert plan_figures("budget total 640 000 €, subvention demandée 420 000 €") is None  # no check asked
    short = plan_check_line(100_000, 95_000, "La collectivité française doit apporter au moins 10 % du budget global.", 1)
    assert "il manque 5 000 €" in short.replace("\u202f", " ")
    answer = assistant.answer(request, mode="article")
    checked = answer.answer.split("**Pour vous, hors texte**", 1)[1].replace("\u202f", " ")
    assert "220 000 € sur 640 000 €, soit 34,4 %" in checked and "au moins 30 %, votre plan la respecte" in checked
    assert answer_checks(answer)["figure_faithfulness"] == 1.0


LAVAUR = ("Je suis chargé de com à Lavaur-les-Côteaux, 14 000 habitants dans le Tarn. Pour le bulletin municipal de mars, "
          "je dois écrire un article d'environ 3 500 signes sur notre partenariat avec la commune de Ndiaganiao, au "
          "Sénégal : maraîchage et cantine scolaire, budget total 62 000 €, la ville apporte 20 % dont une partie en temps "
          "d'agents. Je voudrais replacer ça dans le contexte national (combien de collectivités engagées aujourd'hui) et "
          "un intertitre « Combien ça coûte aux Vauréens ? »")


def test_where_the_writer_works_is_ours_and_the_themes_come_in_the_order_told() -> None:
    """Review 25, q2505: the title read « Notre coopération avec Lavaur-les-Côteaux : la formation des agents et la
    jeunesse », the writer's own town as the partner and « temps d'agents » as training."""
    from assistant.compose.asks import asked_headings, reader_questions
    from assistant.compose.brief import headline, read_brief

    brief = read_brief(LAVAUR)
    assert (brief.ours, brief.partner, brief.country) == ("Lavaur-les-Côteaux", "Ndiaganiao", "Sénégal")
    assert headline(brief, LAVAUR) == "Lavaur-les-Côteaux et Ndiaganiao (Sénégal) : l'agriculture et la jeunesse"
    assert asked_headings(LAVAUR) == ["Combien ça coûte aux Vauréens ?"]
    assert "combien de collectivités engagées aujourd'hui" in reader_questions(LAVAUR)


def test_an_asked_heading_on_the_cost_gets_the_readers_cost_and_today_s_count(assistant) -> None:  # type: ignore[no-untyped-def]
    article = assistant.answer(LAVAUR, mode="article").answer.replace("\u202f", " ")
    heading = article.index("### Combien ça coûte aux Vauréens ?")
    assert article.index("12 400 € pour 14 000 habitants, soit 0,89 € par habitant", heading) > heading
    assert "par habitant et par an" not in article  # a project's total is no yearly amount
    national = article.index("### Combien de collectivités engagées aujourd'hui ?")
    assert "4 762 collectivités" in article[national:national + 400]


ARGENTAN = ("Communiqué de presse à rédiger pour le SMICTOM du Pays d'Argentan (Orne, 62 communes, 48 000 habitants). Le "
            "comité syndical a voté hier d'affecter 0,4 % de ses ressources, soit 23 000 €, à un projet de pré-collecte "
            "des déchets avec la commune urbaine de Mahajanga, à Madagascar, via le dispositif « 1 % déchets ». Ton "
            "institutionnel, une citation du président à inventer. Je voudrais rappeler la loi qui permet ça, que Paris "
            "a été pionnière, et que le dispositif reste peu utilisé en France (chiffres à l'appui) pour montrer que nous "
            "sommes parmi les premiers.")


def test_the_syndicate_that_writes_and_the_points_to_recall_are_read() -> None:
    """Review 25, q2506: « [Commune] » stood for the SMICTOM, the title named no partner, and none of the three points
    to recall had a paragraph of its own."""
    from assistant.compose.asks import recalled_points
    from assistant.compose.brief import read_brief

    brief = read_brief(ARGENTAN)
    assert (brief.ours, brief.partner, brief.country) == ("SMICTOM du Pays d'Argentan", "Mahajanga", "Madagascar")
    assert recalled_points(ARGENTAN) == ["la loi qui permet ça", "Paris a été pionnière",
                                         "le dispositif reste peu utilisé en France"]


def test_a_press_release_recalls_each_point_asked_under_its_own_heading(assistant) -> None:  # type: ignore[no-untyped-def]
    release = assistant.answer(ARGENTAN, mode="article").answer
    assert "_SMICTOM du Pays d'Argentan, le [date d'envoi]_" in release
    assert "### La loi qui permet le « 1 % déchets »" in release and "L1115-2" in release
    assert "### Paris a été pionnière" in release and "la Ville de Paris a été la première" in release
