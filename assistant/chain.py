"""The pipeline as LangChain runnables, for integrators who compose chains.

`retriever(assistant)` is a `BaseRetriever` over the hybrid search;
`answer_chain(assistant)` maps {"question", "mode"?, "audience"?} to an `Answer`
with the same retrieval, composition, generation and checks as the app and the CLI.
"""

from __future__ import annotations

from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda

from assistant.documents import Answer
from assistant.pipeline import Assistant
from assistant.retrieve import AictRetriever


def retriever(assistant: Assistant, k: int = 10) -> AictRetriever:
    return AictRetriever(search_engine=assistant.search, k=k)


def answer_chain(assistant: Assistant) -> Runnable[dict[str, Any], Answer]:
    def run(inputs: dict[str, Any]) -> Answer:
        return assistant.answer(inputs["question"], mode=inputs.get("mode", "question"), audience=inputs.get("audience", "elu"))

    return RunnableLambda(run, name="aict_answer")
