"""An article opens on the user's project: the request read as a clerk would (pure rules, requests as typed)."""

from assistant.compose.article import elsewhere, unlabelled
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
    from assistant.compose.article import place_of
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
    assert read_brief("un communiqué : la Ville de Beaulieu-sur-Vienne est lauréate de l'appel 2025 pour son projet "
                      "avec la commune de Dogbo au Bénin.").ours == "Beaulieu-sur-Vienne"


def test_what_the_writer_wants_is_no_fact_of_the_project() -> None:
    request = ("Pour le bulletin de décembre, j'aimerais un texte d'environ 250 mots qui explique aux habitants à quoi sert "
               "notre jumelage avec Ségou au Mali. Merci !")
    brief = read_brief(request)
    assert brief.facts == [] and brief.partner == "Ségou"
    assert not read_brief("Il faudrait un texte court pour la presse.").facts
