"""Is this question about something else altogether (a passport, the swimming pool's hours, a recipe)?

The documents' sentences are all about international action, so every question finds a passage at a cosine of
0.82 to 0.85, off-topic or not: « Comment renouveler mon passeport en mairie ? » was answered with the CNCD's
« nommés pour trois ans renouvelables » (paraphrase set, tune half). Nearest neighbours over two small sets of
questions tell the two apart better: everyday town-hall and general questions on one side, questions on the domain
on the other. Only a question clearly nearer the first set, naming nothing of the domain, is off-topic.
"""

from __future__ import annotations

import threading
import weakref

import numpy as np

OFF_TOPIC = "hors du champ"  # the reason given when a question is refused as off-topic

OFF_TOPIC_QUESTIONS = (
    "Comment renouveler ma carte d'identité ?", "Quels sont les horaires de la mairie le samedi ?",
    "Comment obtenir un acte de naissance ?", "Comment inscrire mon enfant à l'école maternelle ?",
    "Quel est le prix de la cantine scolaire ?", "Quand passe le camion des encombrants dans mon quartier ?",
    "Les jours de collecte des poubelles jaunes ?", "Comment déposer un permis de construire pour une véranda ?",
    "Où se garer gratuitement en centre-ville ?", "Quel est le montant de la taxe foncière cette année ?",
    "Comment réserver la salle des fêtes pour un mariage ?", "La piscine est-elle ouverte pendant les vacances ?",
    "Comment signaler un nid-de-poule dans ma rue ?", "Qui contacter pour un arbre tombé sur la route ?",
    "Comment s'inscrire sur les listes électorales ?", "Où trouver le menu de la cantine ?",
    "Quel temps fera-t-il ce week-end ?", "Donne-moi une recette de quiche lorraine.",
    "Qui a gagné le match de foot hier ?", "Combien coûte un abonnement de bus ?",
    "Comment adopter un chien à la SPA ?", "Quels médecins prennent de nouveaux patients ?",
    "Comment payer ma facture d'eau en ligne ?", "À quelle heure ferme la déchetterie ?",
    "Comment contester une amende de stationnement ?", "Quel est le programme du cinéma ce soir ?",
    "Comment faire une demande de logement social ?", "Qui est l'auteur de Germinal ?",
    "Comment changer l'adresse sur ma carte grise ?", "Quand ouvrent les inscriptions au centre de loisirs ?",
)

ON_TOPIC_QUESTIONS = (
    "Qu'est-ce que la coopération décentralisée ?", "Quels financements pour un projet avec une commune africaine ?",
    "Qui peut demander une subvention de l'AFD pour un partenariat ?", "Combien de collectivités sont engagées à l'international ?",
    "Que dit la loi sur l'action extérieure des collectivités ?", "Comment fonctionne le 1 % eau ?",
    "Quel est le taux de cofinancement du ministère des Affaires étrangères ?", "À quoi sert la CNCD ?",
    "Comment monter un jumelage avec une ville étrangère ?", "Combien touche un volontaire de solidarité internationale ?",
    "Quelles sont les dates de l'appel à projets du Quai d'Orsay ?", "Une commune peut-elle signer une convention avec une ville étrangère ?",
    "Que représente l'aide publique au développement des collectivités ?", "Quel rôle joue Cités Unies France ?",
    "Peut-on financer des puits au Sénégal avec le budget de l'eau ?", "Quels fonds européens pour les jumelages ?",
    "Comment associer les jeunes à un projet de solidarité internationale ?", "Qu'a changé la loi de 2021 sur le développement solidaire ?",
    "Comment présenter le coût de la coopération aux habitants ?", "Que finance le FEXTE ?",
    "Quelle part du projet la commune doit-elle apporter ?", "Quels pays sont éligibles à l'aide au développement ?",
    "Combien la région donne-t-elle à ses partenaires au Maroc ?", "Qui gère le 1 % déchets ?",
    "Comment répondre à un opposant qui critique notre partenariat au Burkina Faso ?",
    "Quelle est l'histoire de la coopération entre villes françaises et africaines ?",
    "Quels résultats pour les projets d'eau et d'assainissement à l'étranger ?", "Comment déclarer notre aide au développement ?",
    "Combien d'argent les collectivités ont-elles versé après le tsunami ?", "Qui finance les échanges de jeunes avec l'étranger ?",
)

NEIGHBOURS = 2
# The mean cosine of the nearest off-topic questions must exceed that of the nearest domain ones by this much.
# Calibrated on the tune halves: domain questions stay below 0.03; a passport, the weather, football, above 0.05.
MARGIN = 0.05

_lock = threading.Lock()
_vectors: "weakref.WeakKeyDictionary[object, tuple[np.ndarray, np.ndarray]]" = weakref.WeakKeyDictionary()


def reference_vectors(embeddings) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
    """Both sets' vectors, once per embeddings object (questions, so embedded as queries); ingestion and the
    warm-up call this, so that a fresh server reads them from the embedding cache."""
    with _lock:
        if embeddings not in _vectors:
            off = np.asarray(embeddings.embed_fixed_queries(list(OFF_TOPIC_QUESTIONS)), dtype=np.float32)
            on = np.asarray(embeddings.embed_fixed_queries(list(ON_TOPIC_QUESTIONS)), dtype=np.float32)
            _vectors[embeddings] = (off, on)
        return _vectors[embeddings]


def off_topic_margin(query_vector: np.ndarray, embeddings) -> float:  # type: ignore[no-untyped-def]
    """How much nearer the question sits to everyday off-topic questions than to questions on the domain."""
    off, on = reference_vectors(embeddings)
    vector = np.asarray(query_vector, dtype=np.float32)
    near_off = np.sort(off @ vector)[-NEIGHBOURS:].mean()
    near_on = np.sort(on @ vector)[-NEIGHBOURS:].mean()
    return float(near_off - near_on)


def is_off_topic(query_vector: np.ndarray, embeddings) -> bool:  # type: ignore[no-untyped-def]
    return off_topic_margin(query_vector, embeddings) >= MARGIN
