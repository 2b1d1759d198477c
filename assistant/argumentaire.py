"""The built-in argumentaire: common objections to AICT, linked to their best passages.

Links are computed at indexing time and stored with the index generation they
belong to, so a corpus change recomputes them.
"""

from __future__ import annotations

import copy
import json
import os
import threading
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistant.index import Index

if TYPE_CHECKING:
    from assistant.pipeline import Assistant
    from assistant.retrieve import HybridSearch


@dataclass(frozen=True)
class Objection:
    id: str
    text: str
    kind: str


OBJECTIONS: tuple[Objection, ...] = (
    Objection("cout", "C'est de l'argent public gaspillé à l'étranger.", "cout"),
    Objection("danseuse", "L'action internationale, c'est la danseuse du maire.", "politique"),
    Objection("etat", "Ce n'est pas le rôle d'une commune : la politique étrangère, c'est l'État.", "competence"),
    Objection("retombees", "Les habitants n'en voient aucune retombée locale.", "utilite"),
    Objection("crise", "Avec la crise et la baisse des dotations, ce n'est pas la priorité.", "priorites"),
    Objection("murs", "Plutôt que d'aider ailleurs, il faudrait protéger nos frontières et fermer la porte aux migrants.", "migrations"),
    Objection("voyages", "Ces missions à l'étranger ne sont que des voyages d'agrément pour les élus.", "voyages"),
    Objection("inefficace", "Ces projets sont inefficaces : rien ne change chez les partenaires.", "aide_inefficace"),
    Objection("corruption", "L'argent versé finit dans la corruption chez les partenaires.", "risque"),
    Objection("evaluation", "Personne n'évalue ces actions : on ne sait pas ce qu'elles produisent.", "utilite"),
    Objection("militants", "La coopération n'intéresse qu'une poignée de militants.", "adhesion"),
    Objection("agents", "Les missions internationales font perdre du temps aux services.", "services"),
)


def _links_path(index: Index):  # type: ignore[no-untyped-def]
    return index.data_dir / "argumentaire.json"


_links_lock = threading.Lock()
_replies_lock = threading.Lock()
# Per shared Assistant: (index generation, replies). Forgotten with the Assistant.
_replies: "weakref.WeakKeyDictionary[Assistant, tuple[str, list[dict[str, Any]]]]" = weakref.WeakKeyDictionary()


def refresh_links(index: Index, per_objection: int = 5, search: "HybridSearch | None" = None) -> dict[str, Any]:
    """Recompute the objection → passages links when the index generation changed (ingestion does it,
    so a server normally only reads them)."""
    from assistant.retrieve import HybridSearch

    path = _links_path(index)
    with _links_lock:
        try:
            current = json.loads(path.read_text(encoding="utf-8"))
            if current.get("generation") == index.generation:
                return current
        except (OSError, ValueError):
            pass
        search = search or HybridSearch(index, index.settings)
        links = {}
        if not index.is_empty():
            for obj in OBJECTIONS:
                links[obj.id] = [
                    {"chunk_id": p.chunk.id, "source": p.chunk.source, "page": p.chunk.page, "score": round(p.score, 5)}
                    for p in search.search(obj.text, per_objection)
                ]
        data = {"generation": index.generation, "links": links}
        # A name of its own: the CLI and the app may both write this file at once.
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
        return data


def prepared_replies(assistant: "Assistant") -> list[dict[str, Any]]:
    """Each objection with its counter-argument, composed from the current corpus.

    Composed once per index generation and kept with the shared Assistant (the server's warm-up
    composes them in the background), so the Argumentaire page opens without waiting.
    """
    generation = assistant.index.generation
    with _replies_lock:
        kept = _replies.get(assistant)
        if kept is None or kept[0] != generation:
            kept = (generation, _compose_replies(assistant))
            _replies[assistant] = kept
        return copy.deepcopy(kept[1])


def _compose_replies(assistant: "Assistant") -> list[dict[str, Any]]:
    from assistant.taxonomy import OBJECTION_KINDS

    links = refresh_links(assistant.index, search=assistant.search)["links"]
    out = []
    for obj in OBJECTIONS:
        answer = assistant.answer(obj.text, mode="contre-argument", generate=False)
        out.append(
            {
                "id": obj.id,
                "objection": obj.text,
                "kind": obj.kind,
                "kind_label": OBJECTION_KINDS[obj.kind].label,
                "linked_passages": links.get(obj.id, []),
                "answer": answer.answer,
                "citations": [c.__dict__ for c in answer.citations],
                "abstained": answer.abstained,
            }
        )
    return out
