"""Countries users name, with the article a French sentence puts before them (« avec le Liban », « en Tunisie »).

Shared by the article's headline (a partner country) and the relevance check (a foreign country's own law, which
the documents on French collectivities do not describe).
"""

from __future__ import annotations

import re

COUNTRIES = {
    "le": ("Sénégal", "Mali", "Burkina Faso", "Niger", "Bénin", "Togo", "Cameroun", "Maroc", "Liban", "Vietnam", "Laos",
           "Cambodge", "Tchad", "Congo", "Gabon", "Brésil", "Chili", "Québec", "Japon", "Mexique", "Pérou"),
    "la": ("Tunisie", "Palestine", "Mauritanie", "Guinée", "Côte d'Ivoire", "Pologne", "Roumanie", "Moldavie", "Colombie",
           "Chine", "Bolivie"),
    "l'": ("Algérie", "Arménie", "Ukraine", "Allemagne", "Italie", "Espagne", "Inde", "Éthiopie"),
    "": ("Madagascar", "Haïti", "Israël", "Cuba"),
}
COUNTRY_NAMES = "|".join(re.escape(c) for names in COUNTRIES.values() for c in names)

# What a person from those countries is called (« un jeune Marocain », « des élus Sénégalais »): an origin, not a name
# the documents need to hold (holdout 13, tune half: « recevoir un jeune Marocain en service civique » was refused).
_DEMONYM_STEMS = (
    "sénégalais", "malien", "burkinabè", "burkinabé", "nigérien", "béninois", "togolais", "camerounais", "marocain",
    "libanais", "vietnamien", "laotien", "cambodgien", "tchadien", "congolais", "gabonais", "brésilien", "chilien",
    "québécois", "japonais", "mexicain", "péruvien", "tunisien", "palestinien", "mauritanien", "guinéen", "ivoirien",
    "polonais", "roumain", "moldave", "colombien", "chinois", "bolivien", "algérien", "arménien", "ukrainien",
    "allemand", "italien", "espagnol", "indien", "éthiopien", "malgache", "haïtien", "israélien", "cubain",
    "africain", "européen", "américain", "asiatique",
)
DEMONYM = re.compile(rf"^(?:{'|'.join(_DEMONYM_STEMS)})(?:n?e)?s?$", re.I)
