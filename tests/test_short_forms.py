"""Requests for a short form (a comment, a post, « en 4 phrases », a LinkedIn version) get that text, cited."""

import re

from assistant.formats import short_form


def test_the_short_form_asked_is_read_from_the_request() -> None:
    comment = short_form("un habitant a posté ça sous notre publication : « c'est pas légal ». Il me faut une réponse "
                         "en commentaire, courte, factuelle.")
    assert comment is not None and comment.label == "Commentaire" and not comment.alongside
    lines = short_form("Petit post Facebook (4-5 lignes) pour annoncer l'arrivée de notre volontaire")
    assert lines is not None and lines.label == "Post (4-5 lignes)" and lines.max_words == 5 * 14
    sentences = short_form("Comment je lui explique simplement, en trois phrases max ?")
    assert sentences is not None and sentences.max_words == 3 * 22
    both = short_form("Communiqué de presse pour la signature de la convention + une version courte pour LinkedIn")
    assert both is not None and both.alongside and both.label == "Post LinkedIn"
    spoken = short_form("j'aimerais une réponse orale de 2-3 minutes, posée, avec des chiffres")
    assert spoken is not None and spoken.spoken and spoken.max_words == 3 * 130
    assert short_form("Rédige un discours de 10 minutes pour l'inauguration") is None  # too long to be a short form
    assert short_form("Le maire hésite et me demande une note.").kind == "note"
    assert short_form("je dois lui répondre par mail avant ce soir").kind == "email"
    assert short_form("il a écrit un mail au maire pour se plaindre") is None  # how the objection came, not the reply
    assert short_form("j'ai lu une note de synthèse du ministère") is None
    # A full text of a given length, or no form at all, is not a short form.
    assert short_form("Rédige un article de 300 mots sur notre jumelage avec Tiznit pour le bulletin") is None
    assert short_form("L'opposition dit que la coopération coûte trop cher. Que répondre ?") is None
    assert short_form("Quels sont les taux de cofinancement du ministère en 2025 ?") is None
    # A reply counted in characters is short; an article counted so is the article, kept short.
    signs = short_form("J'ai besoin d'une réponse publiable, 800 caractères max, ton posé.")
    assert signs is not None and signs.max_words == 800 // 7
    assert short_form("Un article de 800 signes pour le bulletin sur notre jumelage") is None
    # Review 26, q2603: « …800 signes maximum, plus une version plus développée pour la réunion publique »: both.
    both_lengths = short_form("une réponse courte pour la page Facebook, 800 signes maximum, plus une version plus "
                              "développée pour la réunion publique")
    assert both_lengths is not None and both_lengths.alongside


def _asked(assistant, request: str, mode: str = "contre-argument"):  # type: ignore[no-untyped-def]
    """The answer, its body and its « Sources » list."""
    answer = assistant.answer(request, mode=mode)
    body, _, sources = answer.answer.partition("**Sources**")
    return answer, body, sources


def test_a_comment_asked_for_an_objection_is_short_cited_and_in_our_voice(assistant) -> None:  # type: ignore[no-untyped-def]
    answer, body, sources = _asked(assistant, "une habitante a écrit sous notre post Facebook : « Depuis quand une "
                                   "mairie fait de la politique étrangère ? C'est le boulot de l'État. » Il me faut une "
                                   "réponse en commentaire, courte et factuelle.")
    assert "**Commentaire**" in body and "Trois arguments" not in body
    pasted = body.split("\n\n")[2]  # header, label, then the text to paste
    assert len(pasted.split()) <= 90 and re.search(r"\[\d+\]", pasted)
    assert pasted.startswith(("Nous ", "Notre ", "Cette ", "C'est ", "Ce ", "La ", "L'"))  # our own opening, not a quote
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", pasted)}
    assert cited and cited == {c.n for c in answer.citations}  # only what the comment cites is listed
    by_n = {c.n: c.text for c in answer.citations}
    for quote, n in re.findall(r"« (.{20,}?) » \[(\d+)\]", pasted):
        assert quote[:60] in by_n[int(n)].replace("\n", " ")  # each quote is its passage's own words
    assert all(f"[{n}]" in sources for n in cited)


def test_a_press_release_with_a_linkedin_version_gets_both(assistant) -> None:  # type: ignore[no-untyped-def]
    _, body, _ = _asked(assistant, "Communiqué de presse + une version courte pour LinkedIn : notre commune de Valmont a "
                                   "signé le 3 mars 2025 une convention FICOL avec l'AFD pour un projet d'eau avec la "
                                   "commune de Kindia (Guinée).", mode="article")
    press, _, linkedin = body.partition("### Post LinkedIn")
    assert "COMMUNIQUÉ DE PRESSE" in press and linkedin.strip()
    assert "FICOL" in press.split("### Un cadre clair")[-1]  # the funding paragraph is about the tool the project uses
    assert len(linkedin.split()) <= 90 and re.search(r"\[\d+\]", linkedin)


def test_a_comment_request_typed_in_question_mode_is_answered_as_a_rebuttal(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.answer("quelqu'un a commenté notre publication : « La mairie n'a pas à faire de diplomatie, "
                              "c'est le rôle de l'État. » Il me faut une réponse en commentaire, courte.")
    assert answer.mode == "contre-argument" and not answer.abstained
    assert "**Commentaire**" in answer.answer and "ressemble à une objection" in answer.notice


def test_an_oral_reply_of_two_minutes_reads_aloud_with_our_figure(assistant) -> None:  # type: ignore[no-untyped-def]
    answer, body, _ = _asked(assistant, "L'opposition répète que « chaque euro envoyé au Togo est un euro pris aux familles "
                                   "d'ici ». Nous sommes 9 000 habitants et versons 30 000 € par an. Il me faut une "
                                   "réponse orale de 2 minutes.")
    assert "**Texte à dire (2 minutes)**" in body and "Trois arguments" not in body
    said = body.split("\n\n")[2:-1]  # header and label first, the sources last
    paragraphs = [p for p in said if p.strip()]
    assert len(paragraphs) >= 3 and sum(len(p.split()) for p in paragraphs) <= 2 * 130
    assert "par habitant" in paragraphs[0]  # the official's own figure, put per inhabitant, comes first
    assert "développe" not in body and "développe" in answer.notice  # how to get more is said beside the text
    assert re.search(r"\[\d+\]", " ".join(paragraphs[1:]))


def test_a_note_for_the_mayor_lays_the_rebuttal_out_as_a_note(assistant) -> None:  # type: ignore[no-untyped-def]
    _, body, _ = _asked(assistant, "Un adjoint répète en bureau que « la coopération avec Dschang c'est 25 000 € par an "
                                   "jetés par les fenêtres ». Nous sommes 12 000 habitants. Le maire me demande une note.")
    for heading in ("**Objet** : réponse à l'objection « La coopération avec Dschang", "**En une phrase**",
                    "**Éléments de réponse**"):
        assert heading in body
    assert "par habitant" in body.split("**Éléments de réponse**")[0]  # the official's figure is in the one-liner
    assert len(re.findall(r"^\d\. .+\[\d+\]", body, re.M)) >= 2  # each answer with its proof
    assert "À dire en séance" not in body


def test_a_post_never_reads_out_the_request_nor_says_one_figure_twice(assistant) -> None:  # type: ignore[no-untyped-def]
    from assistant.compose.short_text import _one_per_quantity

    _, body, _ = _asked(assistant, "Je suis chargée de com dans une agglo, on accueille pour 6 mois une jeune Marocaine en "
                                   "service civique en réciprocité. Il me faut un post LinkedIn assez institutionnel.",
                        mode="article")
    post = body.split("**Post LinkedIn**")[1]
    assert "accueille pour 6 mois" in post  # the user's fact opens the post
    assert "Il me faut" not in post and "Je suis chargée" not in post and re.search(r"\[\d+\]", post)
    from assistant.compose.short_text import _standalone

    # A fact sheet's label is not read out, unless it dates the fact.
    assert _standalone("« Conditions d'éligibilité : pour candidater, une collectivité doit déclarer chaque année son "
                       "APD. » [4]").startswith("« Pour candidater")
    assert _standalone("« Taux 2025, revus à la baisse : le cofinancement de la DCTCIV est plafonné à 70 % du coût "
                       "total. » [2]").startswith("« Taux 2025")
    assert _one_per_quantity(["4 818 collectivités dans 146 pays [1]", "on estime à 4800 le nombre de collectivités "
                              "engagées [2]", "63 projets dans 34 pays [3]"]) == ["4 818 collectivités dans 146 pays [1]"]


def test_a_short_text_numbers_its_sources_from_one(assistant) -> None:  # type: ignore[no-untyped-def]
    """Review 9 (blind): a three-sentence post citing only « [2] » read as if a source were missing."""
    answer, body, sources = _asked(assistant, "Sous notre post Facebook sur la venue de la délégation de Podor (Sénégal), "
                                              "un habitant a écrit : « Au lieu d'envoyer notre fric en Afrique occupez "
                                              "vous des francais ». Il me faut 3 phrases maxi, ton posé.")
    used = sorted({int(n) for n in re.findall(r"\[(\d+)\]", body)})
    assert used and used == list(range(1, len(used) + 1))
    assert [c.n for c in answer.citations] == used and sources.count("\n- [") == len(used)


def test_a_part_of_the_text_counted_in_sentences_is_not_its_length() -> None:
    from assistant.formats import short_full_text

    assert short_form("Un article d'environ 300 mots pour le bulletin. Ton sobre, avec une phrase pour expliquer aux "
                      "habitants d'où vient l'argent.") is None
    assert short_form("Un article sur notre jumelage, avec une phrase du maire") is None
    assert short_form("3 lignes pour le site sur notre jumelage").max_words == 42  # « pour le site »: where it goes
    press = ("Communiqué de presse à préparer : notre communauté de communes est retenue par le ministère. Il faudrait "
             "un texte court, avec une citation du président.")
    assert short_form(press) is None and short_full_text(press)  # the press release itself, kept short
    assert not short_full_text("Communiqué de presse + une version courte pour LinkedIn")
    # « Prévoir en plus une version de trois ou quatre phrases » (review 20): the full text, and the short one after.
    assert short_form("Nous souhaitons un argumentaire juridique pour la séance. Prévoir en plus une version de trois ou "
                      "quatre phrases pour le communiqué du cabinet.").alongside
    # « rappeler en une ligne le cadre légal » in a press release: one part's length (review 20).
    assert short_form("Communiqué de presse à rédiger : la Ville est lauréate de l'appel franco-libanais 2025. Je voudrais "
                      "rappeler en une ligne le cadre légal de la coopération décentralisée. Une page maximum.") is None


def test_a_label_is_kept_before_a_pronoun_that_would_stand_for_nothing() -> None:
    """Review 20: « Projets éligibles à la FICOL : ils doivent… » came out in a post as « Ils doivent… »."""
    from assistant.compose.short_text import _standalone

    assert _standalone("Projets éligibles à la FICOL : ils doivent nourrir un dialogue entre collectivités sur des "
                       "sujets partagés.").startswith("Projets éligibles à la FICOL : ils")
    assert _standalone("Conditions d'éligibilité des collectivités : pour candidater, une collectivité doit déclarer son "
                       "aide chaque année.").startswith("Pour candidater")


def test_a_letter_to_the_paper_and_a_speech_with_no_length_are_forms_of_their_own() -> None:
    letter = short_form("Un collectif a écrit dans le journal. Je dois répondre par un courrier des lecteurs, ton posé.")
    assert letter is not None and letter.kind == "letter"
    speech = short_form("Il me faudrait 3-4 arguments solides et une courte intervention que l'adjoint puisse lire en séance.")
    assert speech is not None and speech.spoken and speech.alongside and speech.max_words == 130
    # An intervention the objection came from is no text to write.
    assert short_form("Une intervention de l'opposition au dernier conseil disait que ça coûte trop cher, que répondre ?") is None


def test_a_longer_version_asked_beside_the_short_one_comes_too() -> None:
    both = short_form("Il me faut un commentaire court sous le post, et une version plus détaillée pour le maire.")
    assert both is not None and both.alongside
    assert not short_form("Il me faut un commentaire court sous le post.").alongside
    newsletter = short_form("Un post Facebook (court) + un petit texte pour la newsletter sur notre volontaire béninoise")
    assert newsletter is not None and newsletter.alongside  # the newsletter's text is written too, not only the post


def test_the_figure_an_objection_quotes_is_checked_first_and_leads_the_short_reply(assistant) -> None:  # type: ignore[no-untyped-def]
    request = ("Sur Facebook : « les collectivités ont claqué 126 millions d'euros dans l'aide au développement en 2021 "
               "alors que nos services publics ferment ». Il me faut un commentaire court, et une version plus "
               "détaillée pour l'élue.")
    answer, body, _ = _asked(assistant, request)
    checked = body.split("**Le chiffre cité, dans les documents** :", 1)[1].split("\n", 1)[0]
    assert "126,7 millions" in checked and "72,3 millions" in checked  # what the total holds: refugees received here
    short = body.split("### Commentaire", 1)[1] if "### Commentaire" in body else body.split("**Commentaire**", 1)[1]
    assert "126,7 millions" in short


def test_a_post_asked_with_emojis_gets_them_and_no_other_text_does(assistant) -> None:  # type: ignore[no-untyped-def]
    """Review 22, q2206 (read after the blind review): « ton léger avec 2 ou 3 emojis » got none. Emojis of the
    request's theme open and close the post; a post that does not ask for them gets none."""
    from assistant.compose.emojis import with_emojis

    assert with_emojis("Texte.", "un post avec des emojis sur notre forage au Mali") == "💧 Texte. 🤝"
    assert with_emojis("Texte.", "un post sur notre forage au Mali") == "Texte."
    post = assistant.answer("Un post Facebook rapide avec quelques emojis : notre conseil a voté une convention avec la "
                            "commune de Tambacounda au Sénégal pour l'accès à l'eau dans deux écoles.", mode="article")
    text = post.answer.split("**Sources**")[0]
    assert "💧" in text and "🤝" in text
    plain = assistant.answer("Un post Facebook rapide : notre conseil a voté une convention avec la commune de "
                             "Tambacounda au Sénégal pour l'accès à l'eau dans deux écoles.", mode="article")
    assert "🤝" not in plain.answer
