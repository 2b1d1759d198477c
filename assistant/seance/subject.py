"""The deliberation an official defends on one evening, and the themes its words point to.

A note de séance is tailored by the subject's own words: water points to the 1 % Oudin-Santini,
youth to the youth arguments, an emergency vote to the law's humanitarian clause. The themes
below hold what changes with the subject: the objections an opponent is likely to raise, the
questions pièges, and the funding leads to look for. Their wording is ours; every answer to
them still comes from the documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.cost import CostFigures, cost_per_inhabitant, euros


@dataclass(frozen=True)
class Subject:
    """What the council votes on, as typed in the form or on the command line."""

    text: str
    amount: float | None = None  # euros per year
    population: int | None = None
    budget: float | None = None  # the collectivité's total budget, euros per year
    partner: str = ""

    def cost(self) -> CostFigures | None:
        """The Calculateur's rule applied to the deliberation, when amount and population are known."""
        if self.amount is None or not self.population:
            return None
        return cost_per_inhabitant(self.amount, self.budget, int(self.population))

    def amount_text(self) -> str:
        return euros(self.amount) if self.amount is not None else ""

    def where(self) -> str:
        """« avec Ouahigouya », or « à l'étranger » when no partner is named."""
        return f"avec {self.partner}" if self.partner else "à l'étranger"


@dataclass(frozen=True)
class LikelyObjection:
    text: str
    kind: str
    weight: float  # how likely an opponent raises it for this subject (a prior, not a measure)
    tailored: bool = True  # drawn from the subject's own words (its amount, theme or partner)


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    cues: re.Pattern[str]
    objections: tuple[LikelyObjection, ...]
    questions: tuple[str, ...]  # « questions pièges » to prepare
    funding: tuple[str, ...]  # questions whose answers are funding leads
    extra: tuple[str, ...] = field(default=())


def _cues(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


THEMES: tuple[Theme, ...] = (
    Theme(
        "eau", "eau et assainissement",
        _cues(r"\beau\b|assainissement|potable|puits|forages?\b|latrines|hydraulique|adduction"),
        (LikelyObjection("Pourquoi payer l'eau potable à l'étranger alors que nos propres réseaux ont besoin de travaux ?", "priorites", 0.95),
         LikelyObjection("Ce sont les factures d'eau de nos habitants qui vont financer des puits à l'autre bout du monde.", "cout", 0.9)),
        ("Le budget de l'eau peut-il légalement financer une action à l'étranger ?",),
        ("Qu'est-ce que le 1 % eau de la loi Oudin-Santini ?", "Comment les agences de l'eau soutiennent-elles les projets de solidarité internationale ?"),
    ),
    Theme(
        "jeunesse", "jeunesse et échanges",
        _cues(r"jeunes|jeunesse|lycée|collège|scolaire|étudiant|échange|volontari|service civique|chantier"),
        (LikelyObjection("Un échange de jeunes, ce sont des vacances payées par le contribuable.", "voyages", 0.9),
         LikelyObjection("Seule une poignée de jeunes en profitera, pas les autres.", "adhesion", 0.85)),
        ("Qu'est-ce que les jeunes du territoire y gagnent concrètement ?",),
        ("Quels appels à projets soutiennent la mobilité internationale des jeunes ?",),
    ),
    Theme(
        "urgence", "aide d'urgence",
        _cues(r"urgence|humanitaire|séisme|tremblement de terre|catastrophe|inondation|cyclone|ouragan|sinistr|"
              r"réfugiés?|reconstruction|guerre|famine|sécheresse"),
        (LikelyObjection("L'aide d'urgence, c'est le travail de l'État et des ONG, pas celui d'une commune.", "competence", 0.95),
         LikelyObjection("Dans le chaos d'une catastrophe, personne ne contrôlera où va notre argent.", "risque", 0.9),
         LikelyObjection("Il y a aussi des sinistrés chez nous : aidons-les d'abord.", "priorites", 0.85)),
        ("Une commune a-t-elle le droit de voter une aide humanitaire pour un pays étranger ?",),
        ("Comment l'État cofinance-t-il l'action humanitaire des collectivités ?",),
    ),
    Theme(
        "jumelage", "jumelage",
        _cues(r"jumelage|jumelée?s?\b|comité de jumelage|ville jumelle"),
        (LikelyObjection("Le jumelage, ce sont surtout des voyages pour les élus et le comité.", "voyages", 0.85),
         LikelyObjection("Le comité de jumelage n'intéresse qu'une poignée d'habitants, toujours les mêmes.", "adhesion", 0.8)),
        ("À quoi sert encore un jumelage aujourd'hui ?",),
        (),
    ),
    Theme(
        "economie", "développement économique",
        _cues(r"entreprises?|économi|agricult|filière|commerce|emploi|formation professionnelle|tourisme"),
        (LikelyObjection("Qu'est-ce que nos entreprises et nos emplois y gagnent ?", "emploi", 0.85),),
        (),
        ("Comment associer les entreprises du territoire à une coopération ?",),
    ),
)

# The objections every deliberation meets, whatever its theme (cost first: it is the one always heard).
GENERAL_OBJECTIONS: tuple[LikelyObjection, ...] = tuple(LikelyObjection(text, kind, weight, tailored=False) for text, kind, weight in (
    ("Ce n'est pas le rôle d'une commune : la politique étrangère, c'est l'État.", "competence", 0.75),
    ("Avec la baisse des dotations, ce n'est vraiment pas la priorité.", "priorites", 0.72),
    ("Personne n'évalue ces actions : on ne sait pas ce qu'elles produisent.", "utilite", 0.7),
    ("Les habitants n'en voient aucune retombée locale.", "utilite", 0.68),
    ("L'argent versé finit dans la corruption chez les partenaires.", "risque", 0.62),
    ("Ces missions à l'étranger ne sont que des voyages d'agrément pour les élus.", "voyages", 0.6),
    ("L'aide au développement n'a jamais marché : rien ne change chez les partenaires.", "aide_inefficace", 0.55),
    ("La coopération n'intéresse qu'une poignée de militants.", "adhesion", 0.5),
))

GENERAL_QUESTIONS: tuple[str, ...] = (
    "Sur quelle base légale une collectivité peut-elle mener une action de coopération internationale ?",
    "Comment rendre compte chaque année de l'action internationale devant le conseil ?",
)

GENERAL_FUNDING: tuple[str, ...] = (
    "Jusqu'à quel taux la DAECT cofinance-t-elle les projets de coopération décentralisée ?",
    "Qu'est-ce que la facilité FICOL de l'AFD ?",
)


def themes_of(subject: Subject) -> list[Theme]:
    """The themes the subject's words point to, in the order of THEMES."""
    text = f"{subject.text} {subject.partner}"
    return [t for t in THEMES if t.cues.search(text)]


def likely_objections(subject: Subject) -> list[LikelyObjection]:
    """Candidates for the note, most likely first: the cost objection in the subject's own figures, the
    themes' objections, the partner's, then the general ones."""
    out: list[LikelyObjection] = []
    if subject.amount is not None:
        out.append(LikelyObjection(f"{subject.amount_text()} {subject.where()}, c'est de l'argent public gaspillé "
                                   "alors que nos habitants ont d'autres besoins.", "cout", 1.0))
    else:
        out.append(LikelyObjection("C'est de l'argent public gaspillé à l'étranger.", "cout", 1.0, tailored=False))
    for theme in themes_of(subject):
        out += theme.objections
    if subject.partner:
        out.append(LikelyObjection(f"Pourquoi une coopération avec {subject.partner} ? Nous n'avons aucun lien avec eux et nos habitants n'ont rien à y gagner.",
                                   "utilite", 0.78))
    out += GENERAL_OBJECTIONS
    return sorted(out, key=lambda o: -o.weight)


def trick_questions(subject: Subject) -> list[str]:
    questions = [q for t in themes_of(subject) for q in t.questions]
    return questions + list(GENERAL_QUESTIONS)


def funding_questions(subject: Subject) -> list[str]:
    questions = [q for t in themes_of(subject) for q in t.funding]
    return questions + list(GENERAL_FUNDING)
