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

# The country a partner's adjective names (« une ville allemande » → Allemagne): a count asked of the partners of one
# country is not answered by the national count (eval/paraphrase p161, tune half: « Combien de communes françaises
# sont jumelées avec une ville allemande ? » was answered with 4 800 collectivités in 146 pays).
COUNTRY_OF_DEMONYM = {
    "sénégalais": "Sénégal", "malien": "Mali", "burkinabè": "Burkina Faso", "burkinabé": "Burkina Faso",
    "nigérien": "Niger", "béninois": "Bénin", "togolais": "Togo", "camerounais": "Cameroun", "marocain": "Maroc",
    "libanais": "Liban", "vietnamien": "Vietnam", "laotien": "Laos", "cambodgien": "Cambodge", "tchadien": "Tchad",
    "congolais": "Congo", "gabonais": "Gabon", "brésilien": "Brésil", "chilien": "Chili", "québécois": "Québec",
    "japonais": "Japon", "mexicain": "Mexique", "péruvien": "Pérou", "tunisien": "Tunisie", "palestinien": "Palestine",
    "mauritanien": "Mauritanie", "guinéen": "Guinée", "ivoirien": "Côte d'Ivoire", "polonais": "Pologne",
    "roumain": "Roumanie", "moldave": "Moldavie", "colombien": "Colombie", "chinois": "Chine", "bolivien": "Bolivie",
    "algérien": "Algérie", "arménien": "Arménie", "ukrainien": "Ukraine", "allemand": "Allemagne", "italien": "Italie",
    "espagnol": "Espagne", "indien": "Inde", "éthiopien": "Éthiopie", "malgache": "Madagascar", "haïtien": "Haïti",
    "israélien": "Israël", "cubain": "Cuba", "britannique": "Royaume-Uni", "belge": "Belgique", "suisse": "Suisse",
    "portugais": "Portugal",
}
_PARTNER_OF_A_COUNTRY = re.compile(
    r"\b(?:villes?|communes?|collectivités?|municipalités?|régions?|partenaires?)\s+"
    rf"((?:{'|'.join(sorted(COUNTRY_OF_DEMONYM, key=len, reverse=True))})(?:n?e)?s?)\b", re.I)


def partner_countries(text: str) -> set[str]:
    """« jumelées avec une ville allemande » → {"Allemagne"}."""
    found = set()
    for adjective in _PARTNER_OF_A_COUNTRY.findall(text):
        stem = next(s for s in sorted(COUNTRY_OF_DEMONYM, key=len, reverse=True) if adjective.lower().startswith(s))
        found.add(COUNTRY_OF_DEMONYM[stem])
    return found
