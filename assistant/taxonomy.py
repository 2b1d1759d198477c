"""A French taxonomy of objections to AICT and of the arguments that answer them.

Claim lines and headings come from here; the evidence under them always comes
from the documents. The kinds follow the usual attacks in a council debate:
on cost, legitimacy, usefulness, local priorities, politics.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass


@dataclass(frozen=True)
class ObjectionKind:
    id: str
    label: str  # shown to the user: "coût"
    description: str  # restates what the objection attacks
    examples: tuple[str, ...]  # phrasings used to recognise the kind
    arguments: tuple[str, ...]  # ids of Argument, strongest first
    # Words the objection must contain for this kind: a kind whose phrasings sit close to many others
    # (« vu la situation … il faut rompre ») is only taken when its subject is named.
    cue: str = ""
    # Words that settle the kind when said (« c'est même pas légal », « le préfet va retoquer »): the complaint is
    # about the law, whatever money it also mentions. Unlike `cue`, their absence rules nothing out.
    signal: str = ""


@dataclass(frozen=True)
class Argument:
    id: str
    claim: str  # one-line claim, said in the user's name
    query: str  # what to look for in the documents
    closing: str  # a sentence to say aloud: a proposal, never a fact about the user's own commune
    prefer_figures: bool = False
    # Other wordings of the claim and of the closing line: an official reading several replies should not meet
    # the same sentence in each. The claim above stays the one whose meaning is matched against the evidence.
    claims: tuple[str, ...] = ()
    closings: tuple[str, ...] = ()

    def worded_for(self, objection: str) -> tuple[str, str]:
        """(claim, closing) in one of their wordings, stable for a given objection."""
        pick = zlib.crc32(f"{self.id} {objection}".encode("utf-8"))
        claims, closings = (self.claim, *self.claims), (self.closing, *self.closings)
        return claims[pick % len(claims)], closings[(pick >> 8) % len(closings)]


ARGUMENTS: dict[str, Argument] = {a.id: a for a in (
    Argument(
        "oudin",
        "La loi Oudin-Santini le permet, dans une limite stricte, sur décision des élus.",
        "loi Oudin-Santini au maximum 1 % des recettes propres budget annexe eau potable assainissement décision "
        "politique des élus de la collectivité compétente",
        "Votons ce 1 % en conseil, dans la limite que fixe la loi, et présentons-en le bilan chaque année.",
        claims=("Le « 1 % eau » est prévu par la loi, plafonné et voté par les élus.",),
        closings=("Au plus 1 % du budget de l'eau, voté en conseil et suivi chaque année : assumons ce choix encadré.",),
    ),
    Argument(
        "dechets",
        "La loi le prévoit pour les déchets aussi : au plus 1 % des ressources du service, sur décision des élus.",
        "1 % déchets article L1115-2 du CGCT communes EPCI syndicats collecte et traitement des déchets des ménages "
        "taxe ou redevance d'enlèvement des ordures ménagères jusqu'à 1 % des ressources de ces services",
        "Votons ce 1 % en conseil, dans la limite que fixe la loi, et présentons-en le bilan chaque année.",
        claims=("Le « 1 % déchets » est prévu par la loi, plafonné et voté par les élus.",),
        closings=("Au plus 1 % des ressources du service des déchets, voté en conseil et suivi : un choix encadré par la loi.",),
    ),
    Argument(
        "modeste",
        "C'est un effort modeste et mesurable, qu'il faut chiffrer par habitant.",
        "part des actions internationales dans le budget global de la commune montant par habitant nuancer les critiques financières",
        "Rapportons cette dépense au budget et au nombre d'habitants : chacun pourra juger sur pièces.",
        prefer_figures=True,
        claims=("Rapporté au budget et au nombre d'habitants, l'effort reste modeste.", 'Chiffrée par habitant, la dépense est mesurée et vérifiable.'),
        closings=('Mettons les chiffres sur la table : le coût par habitant parle de lui-même.',),
    ),
    Argument(
        "cofinancement",
        "Chaque euro engagé attire des cofinancements de l'État et de l'AFD.",
        "cofinancement appel à projets DAECT DCTCIV taux plafonné AFD FICOL FEXTE millions d'euros subventions collectivités",
        "Appuyons-nous sur l'État et l'AFD, qui cofinancent les projets solides : la collectivité ne paie pas seule.",
        prefer_figures=True,
        claims=("Nous ne payons pas seuls : l'État et l'AFD cofinancent.", "Nos projets attirent des financements extérieurs, de l'État comme de l'AFD."),
        closings=("Cherchons systématiquement des cofinancements : c'est un effet de levier pour notre budget.",),
    ),
    Argument(
        "retombees",
        "Elle a des retombées concrètes pour notre territoire et ses acteurs.",
        "impact positif de la coopération sur le territoire cohésion sociale acteurs économiques attractivité rayonnement",
        "Cette coopération doit profiter d'abord à notre territoire : à ses entreprises, ses associations et ses habitants.",
        claims=('Notre territoire en tire des bénéfices concrets.', 'Ce que nous engageons là-bas revient aussi ici, à nos acteurs locaux.'),
        closings=("Jugeons cette coopération à ce qu'elle apporte ici, à nos associations, nos entreprises et nos habitants.",),
    ),
    Argument(
        "loi",
        "C'est une compétence que la loi reconnaît et encadre.",
        # The sentence that grants the power, not the articles' numbers: « article L1115-1 » drew the rules on
        # conventions and the 2021 rewrite before « le CGCT autorise les collectivités… » (holdout 7, tune half).
        "loi cadre juridique code général des collectivités territoriales CGCT autorise les collectivités et leurs "
        "groupements à mener des actions internationales de coopération base légale",
        "La loi donne cette compétence aux collectivités : l'exercer avec sérieux fait partie de notre rôle.",
        claims=('La loi nous donne expressément cette compétence.', "Ce n'est pas une fantaisie : c'est un cadre légal, précis et contrôlé."),
        closings=("Nous exerçons une compétence que la loi nous reconnaît, dans le cadre qu'elle fixe.",),
    ),
    # « hors des compétences du Département ; la diplomatie, c'est le job de l'État » (review 20, R3: one argument
    # only, and « ce qui nous est interdit » left unsaid): the law's limits, kept, are part of the answer.
    Argument(
        "limites",
        "La loi fixe aussi des limites, et nous les respectons.",
        "article L1115-5 interdit en principe à une collectivité de conclure une convention avec un État étranger "
        "exceptions limitées autorités locales étrangères",
        "Nous coopérons de collectivité à collectivité, jamais d'État à État : c'est exactement ce que la loi prévoit.",
        claims=("Ce que la loi interdit, nous ne le faisons pas : pas de convention avec un État étranger.",),
        closings=("Nous ne traitons pas avec des États : nous coopérons avec des collectivités, comme la loi le prévoit.",),
    ),
    Argument(
        "jeunesse",
        "Elle ouvre le territoire au monde, à commencer par ses jeunes.",
        "jeunes du territoire mobiliser la jeunesse citoyenneté ouverture société civile associations",
        "Associons nos jeunes et nos associations : c'est une ouverture sur le monde que peu d'autres politiques leur offrent.",
        claims=("C'est une ouverture sur le monde pour nos jeunes.", "Nos jeunes y gagnent une expérience qu'ils trouveraient difficilement ailleurs."),
        closings=("Donnons à nos jeunes l'occasion de s'engager et de s'ouvrir au monde.",),
    ),
    Argument(
        "services",
        "C'est un outil de management qui fait grandir nos services.",
        "formidable outil de management agents services transversalité se réinterroger développeurs territoriaux",
        "Pour nos agents, c'est une occasion d'apprendre et de faire évoluer leurs pratiques.",
        claims=('Nos agents y gagnent en compétences.', 'Nos services en sortent plus compétents et plus transversaux.'),
        closings=("Faisons-en aussi une occasion de formation pour nos agents.",),
    ),
    Argument(
        "diplomatie",
        "Elle prolonge l'action de l'État, qui la soutient.",
        "action diplomatique de l'État ambassades réseau diplomatique responsabilité globale diplomatie des territoires",
        "L'État lui-même compte sur les collectivités pour porter la voix de la France.",
        claims=("L'État y voit un relais de sa propre action extérieure.", 'Nous agissons en cohérence avec la diplomatie de la France, qui nous soutient.'),
        closings=("Nous agissons aux côtés de l'État, pas à sa place.",),
    ),
    Argument(
        "solidarite",
        "Ce n'est pas un luxe : les défis du monde frappent aussi à notre porte.",
        "ce n'est pas un luxe impératif écarts aggravés conflits défis globaux solidarité internationale restrictions budgétaires",
        "Ce n'est pas un luxe : c'est une responsabilité que nous pouvons assumer à notre mesure.",
        claims=('Les grands défis du monde nous concernent aussi, ici.', "La solidarité internationale n'est pas un supplément d'âme : c'est une réponse à des défis communs."),
        closings=('Assumons cette solidarité à notre échelle : elle nous engage et nous honore.',),
    ),
    Argument(
        "pilotage",
        "Une politique sérieuse se pilote : stratégie votée, bilan annuel, évaluation.",
        "stratégie claire en début de mandat soumise au vote bilan documenté chaque année évaluation",
        "Je propose que cette politique soit votée, suivie et évaluée devant vous chaque année.",
        claims=("Cette politique se vote, se suit et s'évalue.", 'Stratégie votée, bilan chaque année : tout est sur la table.'),
        closings=('Votons une stratégie, suivons-la, et rendons-en compte chaque année.',),
    ),
    Argument(
        "developpement_local",
        "Aider au développement local, là-bas, c'est agir sur les causes des départs.",
        "limiter les réfugiés climatiques économiques pas avec des murs aidant le développement au niveau local intérêts mutuels gagnant-gagnant",
        "Ce n'est pas avec des murs qu'on répond aux départs, mais en aidant nos partenaires à se développer chez eux.",
        claims=('Soutenir le développement sur place répond mieux aux départs que les murs.', "Agir là-bas sur les causes, c'est la réponse la plus sérieuse aux migrations."),
        closings=("Aider nos partenaires à se développer chez eux, c'est aussi agir pour nous.",),
    ),
    Argument(
        "controle",
        "L'argent est suivi : versé par tranches, sur pièces, sous le contrôle de l'État.",
        "subvention versée par tranches annuelles conditionnée rapport d'avancement convention transmise au préfet "
        "représentant de l'État contrôle suivi et évaluation du budget",
        "Je propose que chaque versement soit conditionné à un rapport, et que ce rapport soit présenté ici.",
        claims=("Chaque euro versé est tracé : tranches, rapports, contrôle de l'État.",
                "Les fonds ne partent pas sans contrôle : ils sont versés sur justificatifs."),
        closings=("Rendons public, chaque année, ce qui a été versé, pour quoi, et avec quels résultats.",),
    ),
    Argument(
        "lien",
        "Quand les États s'éloignent, le lien entre nos populations tient.",
        "maintien des relations de population à population relations bilatérales suspendues reprise des relations "
        "diplomatiques pays en crise zone rouge fragiles",
        "Gardons le lien avec les habitants de notre ville partenaire : c'est quand tout est difficile qu'il compte le plus.",
        claims=("C'est dans les crises que le lien entre collectivités compte le plus.",
                "Les relations entre États peuvent se couper ; celles entre nos habitants tiennent."),
        closings=("Ne laissons pas tomber nos partenaires au moment où ils en ont le plus besoin.",),
    ),
    Argument(
        "reseaux",
        "La solidarité n'a pas de taille : les petites collectivités ne sont pas seules.",
        "collectivités de plus petite taille peuvent compter sur plusieurs réseaux Cités Unies France réseaux régionaux "
        "multi-acteurs monter des projets la solidarité n'a pas de taille mutualiser",
        "Appuyons-nous sur les réseaux et sur nos voisins : une petite commune n'a pas à tout porter seule.",
        claims=("Une petite commune peut agir : des réseaux existent pour l'aider.",
                "Ce n'est pas réservé aux grandes villes : les petites collectivités agissent, en réseau."),
        closings=("Agissons à notre mesure, avec les réseaux qui accompagnent les petites collectivités.",),
    ),
    Argument(
        "continuite",
        "Une coopération partagée par tous survit aux changements de majorité.",
        "poursuivre sa coopération malgré une alternance politique élus de l'opposition sensibilisés associés en amont "
        "appropriation pérennité accords de partenariat pluri-acteurs protègent la coopération",
        "Associons dès maintenant l'opposition, nos agents et nos associations : c'est ce qui fait durer une coopération.",
        claims=("Une coopération ancrée dans le territoire ne dépend pas d'une seule équipe.",
                "Ce qui fait durer une coopération, c'est qu'elle appartient à tous, pas à une majorité."),
        closings=("Faisons de cette coopération l'affaire de tous, majorité comme opposition.",),
    ),
    Argument(
        "economie",
        "Nos entreprises et nos acteurs économiques y trouvent leur compte.",
        "entreprises premières impliquées acteurs économiques attractivité du territoire chambre de commerce synergies privé public retour sur investissement",
        "Mettons nos entreprises, nos écoles et nos universités dans la boucle : l'ouverture internationale profite aussi à l'emploi ici.",
        claims=('Nos entreprises et nos acteurs économiques en profitent aussi.', "L'ouverture internationale sert aussi l'économie de notre territoire."),
        closings=('Associons nos entreprises à cette coopération : elles y ont leur place.',),
    ),
    Argument(
        "proximite",
        "De collectivité à collectivité, l'aide est concrète, suivie et de proximité.",
        "relations humaines de population à population réciprocité coopération de proximité maîtrise d'ouvrage des collectivités partenaires services publics locaux",
        "Travaillons de collectivité à collectivité, avec des projets concrets et suivis : c'est l'inverse d'un chèque en blanc.",
        claims=("D'une collectivité à l'autre, l'aide est directe et suivie.", "C'est une aide de proximité, suivie projet par projet, pas un chèque en blanc."),
        closings=('Privilégions des projets concrets, suivis de collectivité à collectivité.',),
    ),
    Argument(
        "cles_en_main",
        "Pas besoin d'un service international : des programmes « clés en main » accueillent les collectivités sans moyens humains.",
        "appel clés en main associations groupements d'intérêt public montent des programmes collectivités peu "
        "expérimentées manquant de moyens humains ne souhaitant pas s'engager seules au moins 3 collectivités",
        "Rejoignons un programme « clés en main » porté par un réseau : nous y participons sans monter un service.",
        claims=("Une commune sans service international peut rejoindre un programme « clés en main ».",),
        closings=("Engageons-nous dans un programme collectif : d'autres le portent, nous y prenons notre part.",),
    ),
    Argument(
        "hors_plafond",
        "La loi a sorti ces dépenses de l'encadrement des dépenses de fonctionnement.",
        "loi 2021-1031 exclut les dépenses de solidarité internationale des collectivités de tout objectif national "
        "d'encadrement de leurs dépenses réelles de fonctionnement dispositif de Cahors hors plafond",
        "Vérifions-le ensemble : la loi de 2021 exclut ces dépenses de solidarité internationale de l'encadrement national.",
        claims=("Ces dépenses ne comptent pas dans l'encadrement national : la loi de 2021 les en a exclues.",),
        closings=("La loi de 2021 a réglé la question : la solidarité internationale est hors de l'encadrement national.",),
    ),
    Argument(
        "refugies",
        "Les totaux ont grossi surtout parce qu'ils comptent l'accueil des réfugiés en France.",
        "depuis 2016 cette APD inclut l'aide aux réfugiés accueillis en France ce qui gonfle fortement les totaux "
        "comparer les montants hors réfugiés d'une année sur l'autre",
        "Comparons les montants hors réfugiés, d'une année sur l'autre : c'est la seule comparaison honnête.",
        prefer_figures=True,
        claims=("La hausse tient d'abord à l'aide aux réfugiés accueillis chez nous, désormais comptée.",),
        closings=("Regardons les chiffres hors réfugiés : la hausse n'a pas le sens qu'on lui prête.",),
    ),
    Argument(
        "expertise",
        "C'est un échange de savoir-faire entre collectivités, pas de la charité.",
        "expertise savoir-faire échanges entre collectivités réciprocité relations humaines partenaires compétences techniques",
        "Partageons notre savoir-faire de service public : nous pouvons en apprendre autant que nous en donnons.",
        claims=('Nous échangeons des savoir-faire, nous ne faisons pas la charité.', "C'est un partage de compétences entre services publics, dans les deux sens."),
        closings=('Échangeons nos savoir-faire : chacun y apprend quelque chose.',),
    ),
)}


OBJECTION_KINDS: dict[str, ObjectionKind] = {k.id: k for k in (
    ObjectionKind(
        "cout", "coût",
        "l'objection porte sur le coût : l'argent public serait mieux employé ici",
        ("c'est de l'argent public gaspillé à l'étranger", "cela coûte trop cher aux contribuables",
         "on dépense l'argent des impôts pour d'autres pays", "nos impôts financent des projets à l'autre bout du monde",
         "combien ça nous coûte tout ça ?", "c'est jeter l'argent par les fenêtres",
         "la subvention au comité de jumelage est trop élevée", "les contribuables n'ont pas à payer pour l'étranger",
         "encore une dépense inutile sur le budget de la ville", "on paie des projets ailleurs avec l'argent des habitants",
         "l'argent de la commune part à l'étranger",
         # Who pays: answered by who else pays (holdout 7, tune half).
         "c'est le contribuable d'ici qui paie tout", "personne d'autre ne met un euro dans ces projets",
         # The waste of public money said in so many words is its cost, not its control (dialogues fresh 11, tune).
         "c'est du gaspillage d'argent public"),
        ("modeste", "cofinancement", "retombees"),
        # « la commune va tout payer de sa poche, l'État ne met jamais un centime » (holdout16, tune half): who pays
        # is the complaint, whatever else it names (it was typed « efficacité de l'aide »).
        signal=r"\bde (?:sa|notre|leur|nos|votre|ta) poche\b|\btout payer\b|\bpa(?:ie|ye)(?:r|nt)? (?:tout )?seul|"
               r"\bpersonne (?:d['’]autre )?ne (?:met|donne|verse|paie|paye|apporte)\b|"
               r"\bn['’]?e? ?(?:met|mettent|donne|donnent|verse|versent|paie|paient|paye|payent|apporte|apportent)\b"
               r" (?:jamais |pas |rien)(?:un |une |le moindre |la moindre )?(?:centime|euro|sou|rond|kopeck)s?\b",
    ),
    ObjectionKind(
        "hausse", "hausse de la dépense",
        "l'objection dénonce une dépense d'aide internationale qui augmenterait sans cesse",
        ("l'aide des collectivités au développement a doublé en quelques années", "c'est l'explosion de la dépense",
         "vos chiffres d'aide internationale ont quasiment doublé", "les montants ne cessent d'augmenter",
         "la dépense d'aide internationale s'envole", "on dépense deux fois plus qu'il y a cinq ans",
         "le budget de la coopération a explosé", "chaque année on donne un peu plus à l'étranger",
         "l'aide publique au développement des collectivités bat des records", "ça augmente tous les ans sans contrôle"),
        ("refugies", "modeste", "pilotage"),
        # « les communes font doublon » is no rise in spending.
        cue=r"\bdoubl(?:é|ée|és|ées|e|ent|er|ement)\b|explos|\baugment\w*|s['’]envol|\bhausse\b|\brecords?\b|"
            r"deux fois plus|\btripl\w*|\bgrimp\w*",
    ),
    ObjectionKind(
        "priorites", "priorités locales",
        "l'objection oppose l'action internationale aux besoins locaux",
        ("avec la baisse des dotations c'est un luxe", "en pleine crise il y a d'autres priorités ici",
         "occupons-nous d'abord de nos quartiers et de nos écoles", "aidons d'abord nos pauvres avant ceux des autres pays",
         "il y a des gens qui dorment dans la rue chez nous", "nos routes sont pleines de trous et on aide l'Afrique",
         "charité bien ordonnée commence par soi-même", "la piscine ferme mais on finance des puits au Mali",
         "les habitants ont d'autres urgences que la solidarité internationale",
         "avec l'inflation ce n'est vraiment pas le moment", "on ferme des classes et on part à l'étranger"),
        ("solidarite", "modeste", "retombees"),
        # « 15 000 euros pour Zè alors qu'on a 300 familles aux Restos du cœur, aidons nos pauvres d'abord »: the
        # complaint is about who comes first, whatever amount it quotes (review 10 typed it « coût »).
        signal=r"\b(?:nos|les) (?:pauvres|SDF|sans-abri)\b|\b(?:ici|chez nous|les nôtres) d['’]abord\b|"
               r"\bd['’]abord (?:chez nous|ici|les nôtres|nos)\b|\brestos? du c(?:œ|oe)ur\b|\bcharité bien ordonnée\b|"
               # « …aider des villages au Burkina plutôt que ses propres habitants »
               r"\bplutôt que (?:de |d['’])?(?:ses|nos|leurs|les) (?:propres )?(?:habitants|administrés|concitoyens|pauvres)\b|"
               # « garder cet argent pour les familles de chez nous »
               r"\bgarder (?:cet |l['’]|notre |nos |ces |cette )?(?:argent|sous|euros|somme|budget)\b[^.?!]{0,40}?\bpour "
               r"(?:nos|les nôtres|les (?:familles|habitants|gens|enfants)\b)|"
               # « …alors qu'il y a de la misère chez nous », « …alors que les gens ici galèrent » (fresh16, tune half):
               # the money abroad set against needs here.
               r"\balors qu(?:e|['’])\s*[^.?!]{0,40}?(?:\bici\b|\bchez nous\b|\bde la (?:misère|pauvreté)\b|\bgal[èe]r\w*|"
               r"\bnos (?:habitants|quartiers|écoles|routes|pauvres|familles|anciens|aînés)\b)|"
               # « …on ferait mieux de s'occuper « des nôtres » », « avec la classe de CM1 qui ferme… » (review 21, R1,
               # read after its answers were written: typed « voyages des élus »).
               r"\bs['’]occuper (?:d['’]abord )?(?:«\s*)?(?:des nôtres|de nos \w+|de chez nous|d['’]ici)\b|"
               r"\b(?:classes?|écoles?) qui ferme\w*|\bferme(?:r|nt)? (?:des|une|la|nos) classes?\b|"
               # « en pleine disette budgétaire c'est un luxe » (fresh18, tune half): what comes first, in a word.
               r"\bc['’]est (?:un|du) luxe\b",
    ),
    ObjectionKind(
        "competence", "légitimité et compétence",
        "l'objection conteste que ce soit le rôle ou le droit d'une collectivité",
        ("ce n'est pas le rôle d'une commune", "la politique étrangère relève de l'État",
         "une mairie n'a pas à faire de diplomatie", "c'est aux ONG et à l'État de faire de l'aide au développement",
         "est-ce que c'est seulement légal pour une commune ?", "le maire se prend pour un ministre des affaires étrangères",
         "une région n'a pas de compétence internationale", "ce n'est pas dans nos compétences",
         "la commune sort de son rôle", "l'aide humanitaire c'est le travail des associations, pas de la mairie",
         "les collectivités n'ont pas à signer des accords avec l'étranger",
         "c'est pas le boulot de la mairie"),
        ("loi", "diplomatie", "expertise", "limites"),
        signal=r"\bill[ée]gal\w*|\bpas (?:du tout |m[êe]me )?l[ée]gal\w*|\bl[ée]galit[ée]\b|\bpas le droit\b|\binterdit\w*|"
               r"\bpr[ée]f(?:et|ecture)\b|\bhors (?:de )?(?:ses|nos|leurs|des) comp[ée]tences?\b|"
               r"\bpolitique [ée]trang[èe]re\b|\brel[èe]ve de l['’][ÉéE]tat\b",
    ),
    ObjectionKind(
        "utilite", "utilité et résultats",
        "l'objection doute des résultats : l'action serait inutile ou sans effet mesuré",
        ("ça ne sert à rien", "on ne voit aucun résultat", "personne n'évalue ces projets", "c'est inefficace",
         "quels résultats concrets depuis dix ans ?", "on ne sait même pas ce que ça produit",
         "il n'y a aucun bilan de ces actions", "les habitants n'en voient aucune retombée",
         "c'est du saupoudrage sans effet", "rien ne change grâce à ces projets", "où est le bilan de ce jumelage ?",
         "c'est géré en amateur, sans suivi", "on ne fait jamais le point sur ces conventions",
         "ça n'apporte rien aux habitants d'ici", "on ne voit pas ce que notre ville y gagne"),
        ("retombees", "pilotage", "expertise"),
    ),
    ObjectionKind(
        "aide_inefficace", "efficacité de l'aide",
        "l'objection juge que l'aide au développement est un puits sans fond qui ne change rien chez les partenaires",
        ("l'Afrique c'est un puits sans fond", "l'aide au développement n'a jamais marché",
         "des décennies d'aide et rien n'a changé là-bas", "on donne depuis cinquante ans et ils sont toujours pauvres",
         "l'aide entretient la dépendance", "c'est de la charité qui ne résout rien",
         "ces pays ne se développent pas malgré l'argent reçu", "l'argent de l'aide ne va jamais aux populations",
         "c'est du néocolonialisme", "ce n'est pas à nous de développer ces pays", "ces projets ne changent rien chez les partenaires",
         "nos petits projets, c'est une goutte d'eau dans l'océan",
         # Paternalism is the same doubt about what aid does there (holdout10, tune half, was typed « voyages »).
         "on va donner des leçons aux Africains sur la façon de gérer leurs villes", "ça sent le paternalisme",
         "c'est de la condescendance envers ces pays", "de quel droit on leur explique comment faire chez eux"),
        ("proximite", "expertise", "pilotage"),
    ),
    ObjectionKind(
        "politique", "image et prestige",
        "l'objection y voit une affaire personnelle ou de prestige de l'exécutif",
        ("c'est la danseuse du maire", "c'est pour la photo et le prestige du maire", "c'est une vitrine pour le maire",
         "le maire soigne son image à l'international", "c'est une lubie personnelle de l'adjoint",
         "c'est de la communication politique", "c'est une politique de prestige", "le maire veut se faire un nom",
         "c'est un caprice de l'exécutif", "c'est juste pour briller", "c'est du clientélisme avec la diaspora"),
        ("pilotage", "jeunesse", "controle", "retombees"),
    ),
    ObjectionKind(
        "voyages", "voyages des élus et transparence",
        "l'objection y voit des voyages d'agrément pour les élus, payés par la collectivité, sans transparence",
        ("ce sont des voyages d'agrément pour les élus", "du tourisme institutionnel", "les élus se paient des vacances au soleil",
         "le jumelage ne sert qu'à offrir des voyages aux élus", "encore une délégation partie en voyage aux frais du contribuable",
         "les missions à l'étranger sont des vacances déguisées", "on ne sait pas qui part ni combien ça coûte",
         "les élus voyagent en classe affaires avec notre argent", "ces déplacements manquent de transparence",
         "toujours les mêmes qui partent en mission", "des séjours payés par la mairie pour quelques élus"),
        ("pilotage", "controle", "retombees", "jeunesse"),
    ),
    ObjectionKind(
        "risque", "risque et contrôle",
        "l'objection craint que l'argent soit détourné ou mal contrôlé chez le partenaire",
        ("l'argent finit dans la corruption là-bas", "on ne contrôle pas l'usage des fonds à l'étranger",
         "les fonds sont détournés par les dirigeants locaux", "qui nous garantit que l'argent arrive à destination ?",
         "les régimes corrompus captent l'aide", "on finance des dictatures", "l'argent disparaît dans des poches",
         "il n'y a aucun contrôle sur place", "le partenaire n'est pas fiable", "la situation politique là-bas est instable",
         "on ne sait pas où va l'argent"),
        ("controle", "pilotage", "proximite"),
        signal=r"corromp|corruption|potentats?\b|dans (?:la|leurs?|des|sa|une) poches?\b|"
               # « finance indirectement des groupes armés »: where the money ends up.
               r"\bgroupes? armés?\b|\bterroris\w*|\bdjihad\w*|\bjihad\w*|\bmilices?\b",
    ),
    ObjectionKind(
        "crise", "partenaire dans un pays en crise",
        "l'objection doute qu'on puisse continuer avec un partenaire dans un pays en crise ou sous un régime contesté",
        ("avec la junte au pouvoir il faut tout arrêter", "le pays est en guerre, on ne peut plus y aller",
         "c'est une zone rouge, c'est trop dangereux", "on ne coopère pas avec une dictature militaire",
         "la France a rompu avec ce pays, pourquoi pas nous ?", "vu la situation sécuritaire là-bas il faut rompre",
         "est-il raisonnable de garder ce partenariat avec une junte au pouvoir ?",
         "après le coup d'État il faut suspendre le jumelage", "nos élus ne peuvent plus se rendre sur place",
         "le Quai d'Orsay déconseille formellement d'y aller", "avec les tensions diplomatiques ce partenariat n'a plus de sens",
         "les militaires ont pris le pouvoir, on ne peut plus travailler avec eux"),
        ("lien", "controle", "proximite"),
        cue=r"guerre|junte|coups? d['’]État|putsch|militaires?\b|sécuritaire|zone rouge|terroris|jihad|djihad|conflit|"
            r"rupture diplomatique|rompu|régime|dictat|instab|crise politique|insécurité|déconseill",
    ),
    ObjectionKind(
        "taille", "taille de la collectivité",
        "l'objection juge la collectivité trop petite pour agir à l'international",
        ("une commune de 2 000 habitants n'a pas la taille pour ça", "c'est un truc de grandes villes, pas pour nous",
         "on est un village, pas une métropole", "une petite commune rurale n'a pas les moyens de faire de l'international",
         "nous n'avons ni service ni budget pour ça", "laissons ça à la région ou à la métropole",
         "on n'est pas Lyon ou Bordeaux", "à notre échelle ça ne changera rien",
         "on n'a même pas d'agent pour suivre ça", "une commune de 6000 habitants n'a rien à faire à l'international",
         "c'est trop gros pour une petite mairie"),
        ("reseaux", "cles_en_main", "modeste", "cofinancement"),
        # « une commune de 6000 habitants »; « notre ville de 40 000 habitants » states a size, not a complaint about it
        cue=r"petites? (?:communes?|mairies?|collectivités?)|taille|(?<!\d)(?<!\d[  ])(?:[1-9][  ]?\d{3}|\d{1,3})\s*habitants|"
            r"village|rural|grandes? villes?|métropole|Lyon|Paris|Bordeaux|à notre échelle|trop petit|pas les moyens|ni service",
    ),
    ObjectionKind(
        "adhesion", "adhésion des habitants",
        "l'objection dit que la coopération n'intéresse qu'un petit cercle",
        ("cela n'intéresse qu'une poignée de militants", "les habitants ne sont pas concernés",
         "personne ici ne connaît ce jumelage", "c'est un entre-soi d'associations", "les gens s'en fichent",
         "les habitants n'ont jamais été consultés", "ça ne concerne que quelques initiés",
         "le comité de jumelage, ce sont toujours les mêmes retraités", "les jeunes ne sont pas du tout impliqués",
         "personne n'est au courant de cette coopération", "les citoyens ne voient pas l'intérêt"),
        ("jeunesse", "retombees", "pilotage"),
    ),
    ObjectionKind(
        "services", "charge pour les services",
        "l'objection voit dans l'action internationale une charge pour les agents",
        ("les missions à l'étranger font perdre du temps aux services", "nos agents ont mieux à faire",
         "les services sont débordés", "on mobilise des fonctionnaires pour l'étranger", "cela désorganise les services",
         "le personnel n'a pas le temps pour ça", "on détourne les agents de leur mission",
         "les agents partent en mission au lieu de servir les habitants", "c'est une charge de travail en plus pour la mairie",
         "le service international coûte des postes", "les techniciens ne sont pas là pour ça"),
        ("services", "retombees", "pilotage"),
        # « Nos agents de la voirie et des eaux… on désorganise les services » (holdout16, tune half): the staff are
        # the complaint, whatever service they belong to (it was typed « facture d'eau » for « des eaux »).
        signal=r"\b(?:nos|les|des|ses|leurs) agents\b|\bdésorganis\w*|\bnos (?:services|techniciens)\b",
    ),
    ObjectionKind(
        "migrations", "migrations et valeurs",
        "l'objection lie la coopération aux migrations et préfère se protéger",
        ("il vaut mieux construire des murs", "cela encourage l'immigration", "il faut fermer nos frontières",
         "on aide des pays d'où viennent les migrants", "protégeons d'abord nos frontières",
         "cette coopération attire encore plus d'immigrés", "on finance l'immigration clandestine",
         "aider là-bas, c'est faire venir les gens ici", "ce n'est pas notre culture",
         "il y a déjà trop d'étrangers", "on ne peut pas accueillir toute la misère du monde",
         "l'aide n'a jamais empêché les migrants de venir", "ça n'arrêtera pas l'immigration"),
        ("developpement_local", "solidarite", "diplomatie"),
        # « avec la crise des migrants on ferait mieux de garder l'argent pour nos habitants »: migration is named.
        signal=r"\bmigra\w*|\bimmigr\w*",
    ),
    ObjectionKind(
        "alternance", "continuité après les élections",
        "l'objection prédit que la coopération sera abandonnée dès le prochain changement d'équipe municipale",
        ("tout sera abandonné au prochain mandat", "dès que la majorité change, le projet s'arrête",
         "la prochaine équipe enterrera ce jumelage", "c'est le projet du maire, il partira avec lui",
         "après les municipales, plus personne ne s'en occupera", "une autre majorité arrêtera tout",
         "ces partenariats ne survivent jamais à une alternance", "le prochain maire arrêtera ce partenariat",
         "on investit sur un projet qui ne durera pas au-delà du mandat", "la nouvelle équipe ne suivra pas",
         "tout repose sur un élu, le jour où il part c'est fini"),
        ("continuite", "pilotage", "retombees"),
        cue=r"mandat|alternance|[ée]lections?|municipales|(?:autre|nouvel(?:le)?|nouveau|prochaine?|changement d['’e]) ?(?:[ée]quipe|"
            r"majorit[ée]|maire)|majorit[ée] change|maire (?:part|partira)|[ée]lus? partent|durer|survi|"
            # « le dada du maire : le jour où il part, tout s'arrête » (holdout15, tune half)
            r"\b(?:il|elle) (?:part|partira|s['’]en ira)\b|\btout s['’]arr[êe]te(?:ra)?\b",
    ),
    ObjectionKind(
        "emploi", "emploi et retombées économiques",
        "l'objection doute que l'action internationale rapporte quoi que ce soit à l'économie et à l'emploi locaux",
        ("ça ne crée aucun emploi ici", "qu'est-ce que nos entreprises y gagnent ?", "aucune retombée économique pour la ville",
         "ça ne rapporte rien à notre économie", "nos commerçants n'en voient pas la couleur",
         "on ferait mieux d'investir dans l'emploi local", "les entreprises locales ne sont pas associées",
         "il n'y a aucun retour sur investissement", "c'est de l'argent qui ne revient jamais",
         "ça ne sert pas l'attractivité de la ville", "le chômage d'abord"),
        ("economie", "retombees", "cofinancement"),
    ),
    ObjectionKind(
        "eau", "facture d'eau et « 1 % eau »",
        "l'objection conteste que le budget de l'eau, payé par les usagers, finance la solidarité internationale",
        ("ma facture d'eau n'a pas à payer des puits en Afrique", "on augmente le prix de l'eau pour financer l'étranger",
         "l'argent des abonnés du service de l'eau part à l'étranger", "le 1 % eau c'est un impôt déguisé sur nos factures",
         "les usagers de l'eau n'ont pas à financer la coopération", "le syndicat des eaux n'est pas là pour faire de l'humanitaire",
         "baissez plutôt la facture d'eau au lieu de financer des projets ailleurs",
         "qui a décidé de prélever sur notre facture d'eau pour l'Afrique ?",
         "nos redevances d'assainissement servent à creuser des puits au Mali",
         "l'eau est déjà trop chère ici, et on en donne une partie à l'étranger",
         "le budget de l'eau doit servir à réparer nos réseaux qui fuient"),
        ("oudin", "modeste", "pilotage"),
        cue=r"\beaux?\b|assainissement|Oudin|redevances?|mètres? cubes?|\bm3\b|\bm³|\babonnés\b",
    ),
    # « vous augmentez la TEOM et en même temps vous envoyez notre argent à Madagascar » (review 20): the waste
    # service's own « 1 % », which the law provides for as it does for water.
    ObjectionKind(
        "dechets", "taxe des ordures ménagères et « 1 % déchets »",
        "l'objection conteste que l'argent du service des déchets, payé par les habitants, finance la solidarité internationale",
        ("vous augmentez la taxe des ordures et vous envoyez notre argent à l'étranger",
         "la TEOM n'a pas à financer des projets en Afrique", "nos poubelles paient la coopération internationale",
         "le syndicat des déchets n'est pas là pour faire de l'humanitaire",
         "la redevance d'ordures ménagères part à l'étranger", "baissez la taxe d'enlèvement des ordures au lieu de donner ailleurs",
         "qui a décidé de prendre sur la collecte des déchets pour l'étranger ?",
         "on paie plus cher le ramassage des ordures pour financer d'autres pays",
         "l'argent du tri sélectif sert à des projets à Madagascar", "le SICTOM joue les ONG avec nos impôts",
         "la taxe sur les ordures ménagères n'est pas faite pour la coopération"),
        ("dechets", "modeste", "pilotage"),
        cue=r"déchets|ordures|\bTEOM\b|\bREOM\b|poubelles|collecte|ramassage|\btri\b|SICTOM|SMICTOM|SYCTOM",
    ),
    ObjectionKind(
        "plafond", "plafond des dépenses de fonctionnement",
        "l'objection craint que ces dépenses fassent dépasser l'encadrement des dépenses de fonctionnement imposé par l'État",
        ("avec l'encadrement des dépenses de fonctionnement, on ne peut plus se le permettre",
         "ces dépenses vont nous faire dépasser le plafond fixé par l'État", "l'État nous serre la vis sur le fonctionnement",
         "on est tenus par le contrat de Cahors, pas de place pour ça", "chaque euro de fonctionnement compte face au plafond",
         "la préfecture va nous reprocher de dépasser l'objectif d'évolution des dépenses",
         "on va crever le plafond des dépenses", "avec la limite de hausse des dépenses imposée par l'État, c'est impossible",
         "ces subventions pèsent sur notre enveloppe de fonctionnement encadrée",
         "l'encadrement des dépenses locales interdit ce genre de luxe", "on a un plafond de dépenses à respecter"),
        ("hors_plafond", "modeste", "cofinancement"),
        cue=r"plafond|encadr|Cahors|fonctionnement|serr\w* la vis|limite de hausse|objectif d['’]évolution",
    ),
)}

# When no kind is close enough, the reply keeps the general structure instead of a wrong label.
OTHER_KIND = ObjectionKind(
    "autre", "objection générale",
    "l'objection met en cause l'action internationale de la collectivité",
    (),
    ("loi", "retombees", "pilotage"),
)


# The per-inhabitant advice is the cost argument's own evidence: advice looks elsewhere, so it is not repeated.
ADVICE_QUERY = "stratégie claire en début de mandat soumise au vote bilan documenté chaque année communication pédagogie"
FIGURES_QUERY = "chiffres nombre de collectivités engagées partenaires pays projets millions d'euros"


# Words that name each argument. A reply in a training round uses an argument when it says one of them *and*
# means it; a quote backs an argument's claim when it says one of them, or means it very closely.
ARGUMENT_CUES: dict[str, re.Pattern[str]] = {k: re.compile(v, re.I) for k, v in {
    "modeste": r"par (?:habitant|abonné)|centimes?|euros? par|€ par|part du budget|modeste|\bmoins de \d",
    "cofinancement": r"cofinanc|co-financ|subvention|\bDAECT\b|\bAFD\b|FICOL|FEXTE|ministère|agences? de l'eau|"
                     r"appels? à projets|effet de levier|\blevier|Oudin|1 ?%",
    "retombees": r"retombées|notre territoire|nos entreprises|emplois?|acteurs (?:locaux|économiques)|associations|"
                 r"attractivité|cohésion|diaspora|rayonnement|profite|\brapporte(?:nt)?\b",
    # « De quel droit la mairie fait-elle de la diplomatie ? » (review 22, q2203): the law, before the diplomacy named.
    "loi": r"\bloi\b|légal|juridique|\bCGCT\b|L ?1115|code général|Thiollière|Oudin|1992|autoris|compétence|convention|"
           r"\bde quel droit\b|\b(?:le|pas le|aucun) droit\b",
    # « signer un accord avec le gouvernement malien »: a State, which the law's limits are about.
    "limites": r"L ?1115-5|États? étrangers?|exceptions? limitées|\bgouvernements?\b|\bl['’]État (?:[a-zé]+(?:ien|ain|ais|ois))\b",
    "jeunesse": r"\bjeunes?\b|jeunesse|lycéens?|étudiants?|volontari|service civique|écoles?|collégiens",
    "services": r"\bagents?\b|nos services|savoir-faire professionnel|management|pratiques professionnelles",
    "diplomatie": r"diplomati|ambassade|complémentar\w*|compl[èe]te\w* (?:celle|l['’]action) de l['’]État|action extérieure|voix de la France|\bCNCD\b|l'État (?:soutient|compte|encourage)",
    "solidarite": r"solidarit|\bluxe\b|responsabilité|défis|climat|humanit|impératif",
    "pilotage": r"évalu|bilan|stratégie|\bvot[eé]|transparen|contrôl|suivi|rendre compte|rend compte|rend(?:re)? des comptes|délibér|convention",
    "developpement_local": r"développement local|se développer|causes? des départs|\bmurs?\b|migra|rester (?:au pays|chez eux)|"
                           r"réfugiés",
    "controle": r"tranches?|rapports? (?:d'avancement|intermédiaire|final)|comptes? rendus?|justificati|contrôl|préfet|"
                r"tracé|traçab|versée? sur",
    "lien": r"lien|population à population|relations? (?:humaines|directes|entre (?:nos )?(?:habitants|populations))|crises?|"
            r"conflits|suspendu|zone rouge|maint(?:enir|ien)|garder le contact",
    "reseaux": r"réseaux?|pas de taille|petites? (?:communes?|collectivités)|plus petite taille|mutualis|Cités Unies|"
               r"multi-acteurs",
    "economie": r"entreprises?|économi|emplois?|marchés|chambre de commerce|export|commerçants",
    "continuite": r"alternance|opposition|majorité|pérennité|poursuivre|survi|protègent|appropriation|mandat",
    "proximite": r"de collectivité à collectivité|proximité|maîtrise d'ouvrage|services publics locaux|sur place|"
                 r"population à population|concrets?|relations directes|de société à société|relations humaines|"
                 r"connaissance du terrain|relations? avec (?:une|leurs?|nos) collectivités? partenaires?",
    "cles_en_main": r"clés en main|peu expérimentées|moyens humains|s'engager seules|GIP|groupements d'intérêt public",
    "hors_plafond": r"plafond|plafonnement|encadrement|2021-1031|Cahors|dépenses (?:réelles )?de fonctionnement",
    "oudin": r"Oudin|1 ?% (?:eau|des recettes|de leur budget)|budget annexe|recettes propres|eau potable|assainissement",
    "dechets": r"1 ?% déchets|L ?1115-2|déchets des ménages|ordures ménagères|collecte et (?:le )?traitement",
    "refugies": r"réfugiés|hors réfugiés|gonfle",
    "expertise": r"savoir-faire|expertise|échanges? d'expérience|réciprocité|apprend|compétences techniques|"
                 r"gagnent? en",
}.items()}


# What a quote must name to back an argument whose claim names its actors: « l'État et l'AFD cofinancent » is not
# proved by Senegal cofinancing the ministry's call, nor by a town's own budget.
ARGUMENT_ACTORS: dict[str, re.Pattern[str]] = {
    "cofinancement": re.compile(r"\bDAECT\b|\bDCTCIV\b|\bAFD\b|FICOL|FEXTE|minist[èe]re|\bl['’][ÉE]tat\b|"
                                r"agences? de l['’]eau|Oudin|Agence française de développement", re.I),
}
