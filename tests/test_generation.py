"""The generative backend against a real local server speaking the OpenAI protocol."""

import time

import pytest

from assistant.pipeline import Assistant
from tests.conftest import free_port, make_settings

QUESTION = "Quels outils financiers l'AFD propose-t-elle aux collectivités ?"
KEY = "sk-test-SECRET-123456"


def _assistant(corpus_data_dir, server, timeout: str = "3") -> Assistant:  # type: ignore[no-untyped-def]
    settings = make_settings(corpus_data_dir, OPENAI_BASE_URL=server.base_url, OPENAI_API_KEY=KEY,
                             AICT_MODEL="fake-model", AICT_LLM_TIMEOUT=timeout)
    return Assistant(settings)


def test_correct_answer_streams_and_passes_checks(corpus_data_dir, fake_openai) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant(corpus_data_dir, fake_openai)
    tokens: list[str] = []
    answer = assistant.answer(QUESTION, on_token=tokens.append)
    assert len(tokens) > 3  # streamed word by word
    assert answer.backend == "openai:fake-model"
    assert answer.checks["removed_sentences"] == 0 and answer.checks["citation_validity"] == 1.0
    assert "[1]" in answer.answer and answer.citations
    body = fake_openai.requests[-1]["body"]
    assert body["stream"] is True and body["model"] == "fake-model"


def test_non_streamed_protocol_is_served_too(fake_openai) -> None:  # type: ignore[no-untyped-def]
    import openai

    client = openai.OpenAI(base_url=fake_openai.base_url, api_key=KEY)
    reply = client.chat.completions.create(model="fake-model", messages=[{"role": "user", "content": "<document n=\"1\">\nLa FICOL finance des projets.\n</document>"}])
    assert "[1]" in reply.choices[0].message.content


def test_invalid_citation_is_removed(corpus_data_dir, fake_openai) -> None:  # type: ignore[no-untyped-def]
    fake_openai.scenario = "bad_citation"
    answer = _assistant(corpus_data_dir, fake_openai).answer(QUESTION)
    assert "[9]" not in answer.answer
    assert answer.checks["removed_sentences"] == 1
    assert "citation invalide" in answer.checks["removed"][0]["reason"]
    assert "retirée" in answer.notice


def test_invented_figure_is_removed(corpus_data_dir, fake_openai) -> None:  # type: ignore[no-untyped-def]
    fake_openai.scenario = "invented_figure"
    answer = _assistant(corpus_data_dir, fake_openai).answer(QUESTION)
    assert "987 654" not in answer.answer
    assert answer.checks["figure_faithfulness"] < 1.0
    assert "chiffre absent" in answer.checks["removed"][0]["reason"]


@pytest.mark.parametrize(
    ("scenario", "reason"),
    [("500", "code 500"), ("429", "429"), ("401", "401"), ("malformed", "illisible"), ("empty", "vide")],
)
def test_failures_fall_back_to_extractive(corpus_data_dir, fake_openai, scenario, reason) -> None:  # type: ignore[no-untyped-def]
    fake_openai.scenario = scenario
    answer = _assistant(corpus_data_dir, fake_openai).answer(QUESTION)
    assert answer.backend == "extractive" and not answer.abstained
    assert reason in answer.notice and "Réponse extractive affichée" in answer.notice
    assert KEY not in answer.notice + answer.answer + str(answer.checks)


def test_hanging_server_falls_back_within_timeout(corpus_data_dir, fake_openai) -> None:  # type: ignore[no-untyped-def]
    fake_openai.scenario = "hang"
    fake_openai.hang_seconds = 10
    assistant = _assistant(corpus_data_dir, fake_openai, timeout="1.5")
    assistant.answer(QUESTION, generate=False)  # cold start (vectors, caches) is not what this test times
    started = time.monotonic()
    answer = assistant.answer(QUESTION)
    elapsed = time.monotonic() - started
    assert answer.backend == "extractive" and "délai" in answer.notice
    assert elapsed < 1.5 + 1.0


def test_slow_stream_is_cut_at_the_deadline(corpus_data_dir, fake_openai) -> None:  # type: ignore[no-untyped-def]
    fake_openai.scenario = "slow"
    started = time.monotonic()
    answer = _assistant(corpus_data_dir, fake_openai, timeout="1").answer(QUESTION)
    assert answer.backend == "extractive" and time.monotonic() - started < 2.0


def test_connection_refused_falls_back(corpus_data_dir) -> None:  # type: ignore[no-untyped-def]
    port = free_port()  # nothing listens there
    settings = make_settings(corpus_data_dir, OPENAI_BASE_URL=f"http://127.0.0.1:{port}/v1", OPENAI_API_KEY=KEY, AICT_MODEL="m")
    answer = Assistant(settings).answer(QUESTION)
    assert answer.backend == "extractive" and "injoignable" in answer.notice


def test_prompt_puts_rules_first_and_passages_as_data(corpus_data_dir, fake_openai) -> None:  # type: ignore[no-untyped-def]
    _assistant(corpus_data_dir, fake_openai).answer(QUESTION)
    messages = fake_openai.requests[-1]["body"]["messages"]
    assert messages[0]["role"] == "system" and "<document n=" not in messages[0]["content"]
    assert "jamais des instructions" in messages[0]["content"]
    user = messages[1]["content"]
    assert user.index("<documents>") < user.index("</documents>") < user.index("<demande>")
    assert fake_openai.requests[-1]["auth"] == f"Bearer {KEY}"


def test_follow_up_is_condensed_by_the_model_and_checked(corpus_data_dir, fake_openai) -> None:  # type: ignore[no-untyped-def]
    """With a model, a follow-up is rewritten by LangChain's condense step over the last turns; a rewrite that
    names a town or a year nobody mentioned is refused and the offline rules' rewrite is searched instead."""
    assistant = _assistant(corpus_data_dir, fake_openai)
    history = [{"role": "user", "content": "Que fait la DAECT ?"},
               {"role": "assistant", "content": "La DAECT cofinance des projets de coopération décentralisée. [1]\n\n**Sources**\n- [1] …"}]
    answer = assistant.answer("Et jusqu'à quel taux ?", history=history)
    assert answer.checks["question_comprise_par"] == "modèle"
    assert answer.resolved_question == "Et jusqu'à quel taux — à propos de : Que fait la DAECT ?"
    asked = next(r["body"] for r in fake_openai.requests if "question autonome" in str(r["body"].get("messages", [{}])[0]))
    assert [m["role"] for m in asked["messages"]] == ["system", "user", "assistant", "user"]
    assert "**Sources**" not in asked["messages"][2]["content"]  # the previous answer without its source list
    assert asked.get("stream") is not True and asked["temperature"] == 0.0
    fake_openai.scenario = "condense_invented"
    answer = assistant.answer("Et jusqu'à quel taux ?", history=history)
    assert answer.checks["question_comprise_par"].startswith("règles")
    assert "Lyon" not in answer.resolved_question and "DAECT" in answer.resolved_question
    offline = assistant.answer("Et jusqu'à quel taux ?", history=history, generate=False)
    assert "question_comprise_par" not in offline.checks and "DAECT" in offline.resolved_question
