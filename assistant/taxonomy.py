"""A French taxonomy of objections to AICT and of the arguments that answer them.

Claim lines and headings come from here; the evidence under them always comes
from the documents. The kinds follow the usual attacks in a council debate:
on cost, legitimacy, usefulness, local priorities, politics.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ObjectionKind:
    id: str
    label: str  # shown to the user: "coût"
    description: str  # restates what the objection attacks
    examples: tuple[str, ...]  # phrasings used to recognise the kind
    arguments: tuple[str, ...]  # ids of Argument, strongest first


@dataclass(frozen=True)
class Argument:
    id: str
    claim: str  # one-line claim, said in the user's name
    query: str  # what to look for in the documents
    closing: str  # a sentence to say aloud: a proposal, never a fact about the user's own commune
    prefer_figures: bool = False


ARGUMENTS: dict[str, Argument] = {a.id: a for a in (
    Argument(
        "modeste",
        "C'est un effort modeste et mesurable, qu'il faut chiffrer par habitant.",
        "part des actions internationales dans le budget global de la commune montant par habitant nuancer les critiques financières",
        "Rapportons cette dépense au budget et au nombre d'habitants : chacun pourra juger sur pièces.",
        prefer_figures=True,
    ),
    Argument(
        "cofinancement",
        "Chaque euro engagé attire des cofinancements de l'État et de l'AFD.",
        "cofinancement appel à projets DAECT AFD FICOL FEXTE millions d'euros subventions collectivités",
        "Appuyons-nous sur l'État et l'AFD, qui cofinancent les projets solides : la collectivité ne paie pas seule.",
        prefer_figures=True,
    ),
    Argument(
        "retombees",
        "Elle a des retombées concrètes pour notre territoire et ses acteurs.",
        "impact positif de la coopération sur le territoire cohésion sociale acteurs économiques attractivité rayonnement",
        "Cette coopération doit profiter d'abord à notre territoire : à ses entreprises, ses associations et ses habitants.",
    ),
    Argument(
        "loi",
        "C'est une compétence que la loi reconnaît et encadre.",
        "loi cadre juridique article L1115-1 du CGCT autorise les collectivités actions internationales coopération",
        "La loi donne cette compétence aux collectivités : l'exercer avec sérieux fait partie de notre rôle.",
    ),
    Argument(
        "jeunesse",
        "Elle ouvre le territoire au monde, à commencer par ses jeunes.",
        "jeunes du territoire mobiliser la jeunesse citoyenneté ouverture société civile associations",
        "Associons nos jeunes et nos associations : c'est une ouverture sur le monde que peu d'autres politiques leur offrent.",
    ),
    Argument(
        "services",
        "C'est un outil de management qui fait grandir nos services.",
        "formidable outil de management agents services transversalité se réinterroger développeurs territoriaux",
        "Pour nos agents, c'est une occasion d'apprendre et de faire évoluer leurs pratiques.",
    ),
    Argument(
        "diplomatie",
        "Elle prolonge l'action de l'État, qui la soutient.",
        "action diplomatique de l'État ambassades réseau diplomatique responsabilité globale diplomatie des territoires",
        "L'État lui-même compte sur les collectivités pour porter la voix de la France.",
    ),
    Argument(
        "solidarite",
        "Ce n'est pas un luxe : les défis du monde frappent aussi à notre porte.",
        "ce n'est pas un luxe impératif écarts aggravés conflits défis globaux solidarité internationale restrictions budgétaires",
        "Ce n'est pas un luxe : c'est une responsabilité que nous pouvons assumer à notre mesure.",
    ),
    Argument(
        "pilotage",
        "Une politique sérieuse se pilote : stratégie votée, bilan annuel, évaluation.",
        "stratégie claire en début de mandat soumise au vote bilan documenté chaque année évaluation",
        "Je propose que cette politique soit votée, suivie et évaluée devant vous chaque année.",
    ),
    Argument(
        "expertise",
        "C'est un échange de savoir-faire entre collectivités, pas de la charité.",
        "expertise savoir-faire échanges entre collectivités réciprocité relations humaines partenaires compétences techniques",
        "Partageons notre savoir-faire de service public : nous pouvons en apprendre autant que nous en donnons.",
    ),
)}


OBJECTION_KINDS: dict[str, ObjectionKind] = {k.id: k for k in (
    ObjectionKind(
        "cout", "coût",
        "l'objection porte sur le coût : l'argent public serait mieux employé ici",
        ("c'est de l'argent public gaspillé à l'étranger", "cela coûte trop cher aux contribuables",
         "on dépense l'argent des impôts pour d'autres pays"),
        ("modeste", "cofinancement", "retombees"),
    ),
    ObjectionKind(
        "priorites", "priorités locales",
        "l'objection oppose l'action internationale aux besoins locaux en temps de crise",
        ("avec la baisse des dotations c'est un luxe", "en pleine crise il y a d'autres priorités ici",
         "occupons-nous d'abord de nos quartiers et de nos écoles"),
        ("solidarite", "modeste", "retombees"),
    ),
    ObjectionKind(
        "competence", "légitimité et compétence",
        "l'objection conteste que ce soit le rôle d'une collectivité plutôt que de l'État",
        ("ce n'est pas le rôle d'une commune", "la politique étrangère relève de l'État",
         "une mairie n'a pas à faire de diplomatie"),
        ("loi", "diplomatie", "expertise"),
    ),
    ObjectionKind(
        "utilite", "utilité et efficacité",
        "l'objection doute des résultats : l'action serait inutile ou sans effet mesuré",
        ("ça ne sert à rien", "on ne voit aucun résultat", "personne n'évalue ces projets", "c'est inefficace"),
        ("retombees", "pilotage", "expertise"),
    ),
    ObjectionKind(
        "politique", "image et politique",
        "l'objection y voit une affaire personnelle ou de prestige de l'exécutif",
        ("c'est la danseuse du maire", "ce sont des voyages d'agrément pour les élus", "du tourisme institutionnel"),
        ("pilotage", "retombees", "jeunesse"),
    ),
    ObjectionKind(
        "risque", "risque et contrôle",
        "l'objection craint que l'argent soit détourné ou mal contrôlé chez le partenaire",
        ("l'argent finit dans la corruption là-bas", "on ne contrôle pas l'usage des fonds à l'étranger"),
        ("pilotage", "cofinancement", "expertise"),
    ),
    ObjectionKind(
        "adhesion", "adhésion des habitants",
        "l'objection dit que la coopération n'intéresse qu'un petit cercle",
        ("cela n'intéresse qu'une poignée de militants", "les habitants ne sont pas concernés"),
        ("jeunesse", "retombees", "pilotage"),
    ),
    ObjectionKind(
        "services", "charge pour les services",
        "l'objection voit dans l'action internationale une charge pour les agents",
        ("les missions à l'étranger font perdre du temps aux services", "nos agents ont mieux à faire"),
        ("services", "retombees", "pilotage"),
    ),
    ObjectionKind(
        "migrations", "migrations et frontières",
        "l'objection lie la coopération aux migrations et préfère se protéger",
        ("il vaut mieux construire des murs", "cela encourage l'immigration"),
        ("solidarite", "diplomatie", "jeunesse"),
    ),
)}

ADVICE_QUERY = "stratégie claire en début de mandat soumise au vote bilan documenté chaque année montant par habitant communication"
FIGURES_QUERY = "chiffres nombre de collectivités engagées partenaires pays projets millions d'euros"
