"""The pipeline as LangChain runnables, for integrators who compose chains.

`retriever(assistant)` is a `BaseRetriever` over the hybrid search;
`answer_chain(assistant)` maps {"question", "mode"?, "audience"?} to an `Answer`
with the same retrieval, composition, generation and checks as the app and the CLI.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda

from assistant.documents import Answer
from assistant.pipeline import Assistant


# Here rather than in retrieve.py: LangChain's retriever module takes about a second to import, which every CLI call
# and every app start would pay for a class that only integrators use.
class AictRetriever(BaseRetriever):
    """The hybrid search as a LangChain retriever, for chains built by integrators."""

    search_engine: Any
    k: int = 10

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [
            Document(
                page_content=p.chunk.text,
                metadata={**p.chunk.metadata(), "id": p.chunk.id, "score": p.score, "dense": p.dense},
            )
            for p in self.search_engine.search(query, self.k)
        ]


def retriever(assistant: Assistant, k: int = 10) -> AictRetriever:
    return AictRetriever(search_engine=assistant.search, k=k)


def answer_chain(assistant: Assistant) -> Runnable[dict[str, Any], Answer]:
    def run(inputs: dict[str, Any]) -> Answer:
        return assistant.answer(inputs["question"], mode=inputs.get("mode", "question"), audience=inputs.get("audience", "elu"))

    return RunnableLambda(run, name="aict_answer")
