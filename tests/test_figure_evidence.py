"""A figure question is answered only by a sentence that gives a figure of its kind for what it names."""

from assistant.figure_evidence import figure_asked


def test_the_kind_of_figure_asked_is_read_from_asking_forms_only() -> None:
    assert figure_asked("Quel est le budget de la coopération à Lille ?") == "amount"
    assert figure_asked("il a combien de budget, ce fonds ?") == "amount"
    assert figure_asked("en mission on touche combien par mois ?") == "amount"
    assert figure_asked("Jusqu'à quel taux le ministère cofinance-t-il ?") == "rate"
    assert figure_asked("Combien de collectivités sont engagées ?") == "count"
    # « pays » is not « payer », and an envelope handed to an NGO is not an amount asked for.
    assert figure_asked("et l'année d'avant c'était combien pour les pays les plus pauvres ?") is None
    assert figure_asked("Si on verse une enveloppe à une ONG, est-ce de la coopération ?") is None


def test_a_figure_the_documents_give_for_another_body_or_year_is_not_given_as_this_one(assistant) -> None:  # type: ignore[no-untyped-def]
    # Bordeaux Métropole is described (its strategy, its 28 communes), its international budget is not.
    bordeaux = assistant.answer("Quelle somme la métropole de Bordeaux met-elle chaque année dans l'international ?",
                                generate=False)
    assert bordeaux.abstained and "chiffres voisins, mais aucun pour Bordeaux" in bordeaux.notice
    # The rates of 2024 and 2025 are given; a « 2024-2026 » programme does not give the rate of 2026.
    later = assistant.answer("Quel taux de cofinancement le ministère appliquera-t-il aux PMA en 2026 ?", generate=False)
    assert later.abstained
    given = assistant.answer("Quel taux de cofinancement le ministère applique-t-il aux PMA en 2025 ?", generate=False)
    assert not given.abstained and "70 %" in given.answer


def test_the_context_a_follow_up_adds_does_not_make_a_figure_unheld(assistant) -> None:  # type: ignore[no-untyped-def]
    first = "En 2025, jusqu'à quel pourcentage le ministère cofinance-t-il un projet avec un pays très pauvre ?"
    history = [{"role": "user", "content": first},
               {"role": "assistant", "content": assistant.answer(first, generate=False).answer}]
    before = assistant.answer("et l'année d'avant c'était combien ?", history=history, generate=False)
    assert not before.abstained and "90 %" in before.answer
