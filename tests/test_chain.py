"""The LangChain interfaces: a retriever returning Documents, and a runnable answering like the app."""

from assistant.chain import answer_chain, retriever


def test_retriever_returns_documents_with_metadata(assistant) -> None:  # type: ignore[no-untyped-def]
    docs = retriever(assistant, k=5).invoke("Qui préside la CNCD ?")
    assert len(docs) == 5
    assert "Premier ministre" in docs[0].page_content
    assert {"source", "title", "date", "page", "id", "score"} <= set(docs[0].metadata)


def test_answer_chain_batches(assistant) -> None:  # type: ignore[no-untyped-def]
    answers = answer_chain(assistant).batch([
        {"question": "Qui préside la CNCD ?"},
        {"question": "FICOL", "mode": "fiche"},
    ])
    assert "Premier ministre" in answers[0].answer and answers[1].mode == "fiche"
