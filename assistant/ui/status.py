"""What the sidebar says about the answering backend; never the key."""

from __future__ import annotations

from assistant.generate import endpoint_label, probe
from assistant.settings import Settings


def backend_status(settings: Settings, check: bool = True) -> dict[str, object]:
    if not settings.generative:
        return {
            "generative": False,
            "label": "Réponses extractives, hors ligne",
            "detail": "Chaque phrase est citée telle qu'elle figure dans les documents.",
            # For administrators only: a visitor can do nothing with a variable name.
            "admin_hint": "Configurez OPENAI_BASE_URL et AICT_MODEL pour utiliser un modèle génératif (voir le README).",
            "reachable": None,
        }
    ok, detail = probe(settings) if check else (None, "")
    return {
        "generative": True,
        "label": f"Modèle génératif : {settings.openai_model} ({endpoint_label(settings)})",
        "detail": detail,
        "reachable": ok,
    }
