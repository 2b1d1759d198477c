"""Follow-ups rewritten by the configured model: LangChain's condense step over the last turns.

The offline rules (`conversation.py`) stay the default and the fallback. The model's standalone question is
kept only when it passes checks like those its answers pass: one short line, and no name, year or figure
that the conversation does not already contain. Any failure, refusal or delay keeps the rules' rewrite.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.figures import numbers
from assistant.relevance import proper_nouns

if TYPE_CHECKING:
    from assistant.conversation import Turn
    from assistant.settings import Settings

CONDENSE_SYSTEM = (
    "Tu reformules le dernier message d'une conversation en une question autonome, compréhensible sans la "
    "conversation, en français. Remplace les pronoms et les ellipses (« elle », « ce dispositif », « Et jusqu'à "
    "quel taux ? ») par ce qu'ils désignent dans les échanges précédents. N'ajoute aucun fait, nom, chiffre ni date "
    "absent de la conversation. Ne réponds pas à la question. Écris seulement la question reformulée, sur une ligne."
)
MAX_TURNS = 4  # the last two exchanges: enough for a pronoun, little for the model to read
MAX_TURN_CHARS = 600  # an answer's opening says what it was about; its sources do not
MAX_WORDS = 45
CONDENSE_TIMEOUT_S = 10.0


def history_messages(turns: "list[Turn]") -> list[tuple[str, str]]:
    """The last turns as LangChain (role, text) pairs, each answer cut before its sources."""
    out = []
    for turn in turns[-MAX_TURNS:]:
        text = turn.content.split("**Sources**")[0].strip()[:MAX_TURN_CHARS]
        out.append(("human" if turn.role == "user" else "ai", text))
    return out


def checked(text: str, message: str, turns: "list[Turn]") -> str | None:
    """The model's question, or None when it cannot be trusted: empty, long, or naming what nobody said."""
    lines = [line.strip().strip("«»\"“” ").strip() for line in text.strip().splitlines() if line.strip()]
    if not lines or len(lines[0].split()) > MAX_WORDS:
        return None
    question = lines[0]
    said = " ".join([message] + [t.content for t in turns]).lower()
    if any(name.lower() not in said for name in proper_nouns(question)):
        return None
    if numbers(question) - numbers(said):
        return None
    return question if question.endswith("?") else question.rstrip(" .") + " ?"


def condense(settings: "Settings", turns: "list[Turn]", message: str) -> str | None:
    """The follow-up as a standalone question written by the model, checked; None to keep the rules' rewrite."""
    from langchain_core.output_parsers import StrOutputParser
    from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder

    from assistant.generate import chat_model

    prompt = ChatPromptTemplate.from_messages(
        [("system", CONDENSE_SYSTEM), MessagesPlaceholder("history"), ("human", "{question}")])
    chain = prompt | chat_model(settings, streaming=False, timeout_s=min(settings.llm_timeout_s, CONDENSE_TIMEOUT_S),
                                temperature=0.0) | StrOutputParser()
    try:
        text = chain.invoke({"history": history_messages(turns), "question": message})
    except Exception:  # noqa: BLE001 - an unreachable or failing model leaves the rules' rewrite in place
        return None
    return checked(text, message, turns)
