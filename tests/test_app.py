"""The Streamlit app in-process with `AppTest`: ask, switch mode, open a source, upload, calculator, export, feedback."""

import io
import re
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assistant.index import Index
from assistant.ingestion import ingest_paths
from assistant.ui.export import to_docx, to_markdown
from assistant.ui.uploads import safe_filename
from tests.conftest import ROOT, SHIPPED_DOCUMENTS, make_settings

APP = str(ROOT / "app.py")


def _app(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> AppTest:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "AICT_MODEL", "OPENAI_MODEL", "AICT_ADMIN_PASSWORD", "AICT_ADMIN_PASSWORD_HASH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AICT_DATA_DIR", str(data_dir))
    monkeypatch.setenv("AICT_CORPUS_DIR", str(ROOT / "corpus"))
    return AppTest.from_file(APP, default_timeout=120).run()


def _all_markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_ask_and_open_a_source(monkeypatch, corpus_data_dir) -> None:  # type: ignore[no-untyped-def]
    at = _app(monkeypatch, corpus_data_dir)
    assert not at.exception
    assert any("Exemples" in m.value for m in at.markdown)
    at.chat_input[0].set_value("Quels outils financiers l'AFD propose-t-elle aux collectivités ?").run()
    assert not at.exception
    text = _all_markdown(at)
    assert "FICOL" in text and "[1]" in text
    first = at.expander[0]
    assert first.label.startswith("[1] ")
    passage = "\n".join(m.value for m in first.markdown)
    assert "<mark>" in passage  # the cited words are highlighted
    assert "##" not in "\n".join(m.value for e in at.expander for m in e.markdown)  # headings never show raw
    from assistant.documents import Citation
    from assistant.ui.sources import highlighted_html
    shown = highlighted_html(Citation(n=1, source="a.md", title="A", page=None, date="", text="## Se jeter à l'eau\n\nUn texte."))
    assert "##" not in shown and "aict-heading" in shown
    opened = next(b.proto for b in at.get("link_button") if b.proto.label.startswith("Ouvrir le document complet"))
    assert opened.url.startswith("app/static/documents/") and opened.url.endswith(".txt")  # a .md shows as text
    source = first.caption[0].value.removeprefix("Document : ").split(" — ")[0]
    served = ROOT / "static" / opened.url.removeprefix("app/static/")
    assert served.read_text(encoding="utf-8") == (ROOT / "corpus" / source).read_text(encoding="utf-8")


def test_stale_source_has_a_badge(monkeypatch, corpus_data_dir) -> None:  # type: ignore[no-untyped-def]
    at = _app(monkeypatch, corpus_data_dir)
    at.chat_input[0].set_value("Quels domaines restent de la compétence directe du ministère des Affaires étrangères ?").run()
    assert any("source de 2015 : à vérifier" in e.label for e in at.expander)


def test_switch_mode_to_counter_argument(monkeypatch, corpus_data_dir) -> None:  # type: ignore[no-untyped-def]
    at = _app(monkeypatch, corpus_data_dir)
    at.sidebar.radio(key="mode_label").set_value("Contre-argument").run()
    at.chat_input[0].set_value("C'est de l'argent public gaspillé à l'étranger").run()
    assert not at.exception
    text = _all_markdown(at)
    assert "Trois arguments pour répondre" in text and "Chiffres clés" in text


def test_example_button_asks_a_question(monkeypatch, corpus_data_dir) -> None:  # type: ignore[no-untyped-def]
    at = _app(monkeypatch, corpus_data_dir)
    at.button(key="example-2").click().run()
    assert "Fiche outil" in _all_markdown(at)


def test_export_and_feedback(monkeypatch, corpus_data_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    at = _app(monkeypatch, corpus_data_dir)
    at.chat_input[0].set_value("Qui préside la CNCD ?").run()
    labels = [b.label for b in at.get("download_button")]
    assert "Exporter (.md)" in labels and "Exporter (.docx)" in labels
    feedback_file = corpus_data_dir / "feedback.jsonl"
    before = feedback_file.read_text(encoding="utf-8").count("\n") if feedback_file.exists() else 0
    at.feedback(key="fb-1").set_value(0).run()
    rows = feedback_file.read_text(encoding="utf-8").splitlines()
    assert len(rows) == before + 1 and json.loads(rows[-1])["vote"] == "down"
    assert "Qui préside" not in rows[-1] and "question" not in json.loads(rows[-1])  # no personal data: not even the question


def test_calculator(monkeypatch, corpus_data_dir) -> None:  # type: ignore[no-untyped-def]
    at = _app(monkeypatch, corpus_data_dir)
    at.sidebar.radio(key="page").set_value("Calculateur").run()
    at.text_input(key="calc_aict").set_value("30 000")
    at.text_input(key="calc_total").set_value("20 000 000")
    at.text_input(key="calc_pop").set_value("20000").run()
    assert "représente 1,50 € par habitant et par an, soit 0,15 % du budget" in at.success[0].value
    assert [m.value for m in at.metric] == ["1,50 €", "0,15 %"]
    at.text_input(key="calc_aict").set_value("18000,50").run()  # a comma is a decimal mark, never a thousands one
    assert "représente 0,90 € par habitant" in at.success[0].value  # 18 000,50 €, not 1 800 050 €
    at.text_input(key="calc_aict").set_value("dix mille").run()
    assert "n'est pas un nombre" in at.warning[0].value


def test_upload_indexes_with_progress(monkeypatch, fresh_data_dir) -> None:  # type: ignore[no-untyped-def]
    ingest_paths(Index(make_settings(fresh_data_dir)), [ROOT / "corpus"])
    at = _app(monkeypatch, fresh_data_dir)
    at.sidebar.radio(key="page").set_value("Corpus").run()
    assert "toute personne qui accède à l'application peut" in at.warning[0].value  # no password configured
    note = "---\ntitle: Rapport annuel 2025\ndate: 2025-03-01\n---\n\nEn 2025, la ville de Testville a consacré 18 000 euros à sa coopération avec Kayes, au Mali, pour l'accès à l'eau potable.\n"
    at.file_uploader(key="uploader").set_value([("../../rapport annuel é.md", note.encode(), "text/markdown"),
                                                 ("vide.pdf", b"", "application/pdf")]).run()
    at.button(key="ingest").click().run()
    assert not at.exception
    assert any("ajouté" in s.value and "rapport annuel" in s.value for s in at.success)
    assert any("vide.pdf" in e.value and "vide" in e.value for e in at.error)
    saved = list((fresh_data_dir / "uploads").iterdir())
    assert [p.name for p in saved] == ["rapport-annuel-é.md"]
    assert Index(make_settings(fresh_data_dir)).stats()["documents"] == SHIPPED_DOCUMENTS + 1
    audit = [json.loads(line) for line in (fresh_data_dir / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(a["actor"], a["action"], a["file"]) for a in audit] == [("anonyme", "added", "../../rapport annuel é.md")]


def test_argumentaire_page_copies_into_chat(monkeypatch, corpus_data_dir) -> None:  # type: ignore[no-untyped-def]
    at = _app(monkeypatch, corpus_data_dir)
    at.sidebar.radio(key="page").set_value("Argumentaire").run()
    assert len(at.expander) >= 10
    sources = [m.value for m in at.markdown if m.value.startswith("<details class='aict-source'>")]
    assert sources and any("<mark>" in v for v in sources)  # every prepared reply's [n] can be opened
    at.button(key="use-cout").click().run()
    assert not at.exception
    assert "Trois arguments pour répondre" in _all_markdown(at)
    assert at.sidebar.radio(key="mode_label").value == "Contre-argument"  # the sidebar shows the mode used


def test_exports_contain_answer_and_sources(assistant) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    answer = assistant.answer("Qui préside la CNCD ?")
    md = to_markdown(answer)
    assert "Premier ministre" in md and "## Sources" in md and "[1]" in md
    doc = Document(io.BytesIO(to_docx(answer)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Premier ministre" in text and "Sources" in text


@pytest.mark.parametrize(("raw", "safe"), [
    ("../../x.pdf", "x.pdf"), ("..\\..\\evil.md", "evil.md"), ("rapport annuel é.md", "rapport-annuel-é.md"),
    ("/etc/passwd", "passwd"), ("a\x00b.txt", "ab.txt"), ("....", "document"),
])
def test_safe_filenames(raw, safe) -> None:  # type: ignore[no-untyped-def]
    assert safe_filename(raw) == safe


def test_generative_answer_streams_in_the_app(monkeypatch, corpus_data_dir, fake_openai) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("AICT_DATA_DIR", str(corpus_data_dir))
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-app-SECRET")
    monkeypatch.setenv("AICT_MODEL", "fake-model")
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert any("fake-model" in s.value for s in at.sidebar.success)  # endpoint reachable
    at.chat_input[0].set_value("Qui préside la CNCD ?").run()
    assert not at.exception
    assert any("openai:fake-model" in c.value for c in at.caption)
    assert fake_openai.requests[-1]["body"]["stream"] is True
    everything = _all_markdown(at) + "".join(c.value for c in at.caption) + "".join(s.value for s in at.sidebar.success)
    assert "sk-app-SECRET" not in everything


def test_follow_up_and_quick_actions_use_the_conversation(monkeypatch, corpus_data_dir) -> None:  # type: ignore[no-untyped-def]
    at = _app(monkeypatch, corpus_data_dir)
    at.chat_input[0].set_value("Que fait la DAECT ?").run()
    at.chat_input[0].set_value("Et jusqu'à quel taux ?").run()
    assert not at.exception
    assert any("Question comprise" in c.value and "DAECT" in c.value for c in at.caption)
    assert "90 %" in _all_markdown(at) or "70 %" in _all_markdown(at)
    words_before = len(at.session_state["history"][-1]["answer"].answer.split("**Sources**")[0].split())
    quick = [b for b in at.button if b.label == "Plus court"]
    quick[-1].click().run()
    assert not at.exception
    shortened = at.session_state["history"][-1]["answer"]
    assert shortened.intent == "shorten" and shortened.citations
    assert len(shortened.answer.split("**Sources**")[0].split()) <= max(words_before, 1)
    [b for b in at.button if b.label == "Version article"][-1].click().run()
    assert at.session_state["history"][-1]["answer"].mode == "article"
    assert at.sidebar.radio(key="mode_label").value == "Article"  # the sidebar follows the mode answered
    # « Plus court » under the first answer shortens that answer, not the latest one (the article).
    at.button(key="quick-1-Plus court").click().run()
    again = at.session_state["history"][-1]["answer"]
    assert again.intent == "shorten" and again.mode == "question" and "Que fait la DAECT" in again.resolved_question


def test_conversation_survives_a_reload_and_can_be_restarted(monkeypatch, corpus_data_dir) -> None:  # type: ignore[no-untyped-def]
    at = _app(monkeypatch, corpus_data_dir)
    at.chat_input[0].set_value("Qui préside la CNCD ?").run()
    conversation_id = at.query_params["c"][0] if isinstance(at.query_params["c"], list) else at.query_params["c"]
    reloaded = AppTest.from_file(APP, default_timeout=120)
    reloaded.query_params["c"] = conversation_id
    reloaded.run()
    assert "Premier ministre" in _all_markdown(reloaded)
    reloaded.sidebar.button(key="new-conversation").click().run()
    assert not reloaded.session_state["history"]
    assert any("Exemples" in m.value for m in reloaded.markdown)


def test_exports_keep_warnings_and_start_articles_with_their_headline(assistant) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    old = assistant.answer("Quels domaines restent de la compétence directe du ministère des Affaires étrangères ?")
    assert "à vérifier : source de 2015" in to_markdown(old)
    article = assistant.answer("Rédige un article sur la coopération décentralisée et la jeunesse", mode="article")
    assert to_markdown(article).startswith("## ")
    first = next(p for p in Document(io.BytesIO(to_docx(article))).paragraphs if p.text.strip())
    assert not first.text.startswith("Demande") and "Assistant AICT" not in first.text


def test_counter_details_fold_away(monkeypatch, corpus_data_dir) -> None:  # type: ignore[no-untyped-def]
    at = _app(monkeypatch, corpus_data_dir)
    at.sidebar.radio(key="mode_label").set_value("Contre-argument").run()
    at.chat_input[0].set_value("C'est de l'argent public gaspillé à l'étranger").run()
    assert any(e.label == "Chiffres clés et conseil" for e in at.expander)
    main = next(m.value for m in at.markdown if "**L'objection**" in m.value)
    assert "À dire en séance" in main and "Chiffres clés" not in main


def test_a_press_release_asked_with_key_figures_and_two_quotes_has_them_unfolded(assistant) -> None:  # type: ignore[no-untyped-def]
    """Review 19: « une citation du président et une du vice-président…, et un encadré « chiffres clés » » were asked;
    one placeholder and no box came back. The box is part of the article: the app never folds it away."""
    from assistant.ui.export import split_details

    answer = assistant.answer(
        "Communiqué de presse pour l'agglomération du Pays de Dreux : le conseil communautaire vient de valider une "
        "convention avec la ville de Battambang au Cambodge, financée par la FICOL de l'AFD à hauteur d'environ "
        "450 000 € sur trois ans. Il faut une citation du président et une du vice-président chargé de "
        "l'environnement, et un encadré « chiffres clés ».", mode="article")
    body = answer.answer.split("**Sources**")[0]
    box = body.split("**Chiffres clés**")[1]
    assert "Notre projet : environ 450 000 € sur trois ans" in box
    assert re.search(r"^- .+\[\d+\]", box, re.M)  # a figure of the documents, cited
    assert "Un exemple ailleurs" not in box and "Exemple de projet" not in box  # not another project's figures
    assert "[Citation du président, à compléter]" in body
    assert "[Citation du vice-président chargé de l'environnement, à compléter]" in body
    assert split_details(body, "article") == (body, "")
