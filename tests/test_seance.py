"""Issue H: the note de séance (three subjects, JSON, Markdown, DOCX read back) and the sparring critique.

One note per subject is built once for the module (about 15 s each) and shared by the checks.
"""

from __future__ import annotations

import io
import json
import re

import pytest

from assistant.documents import Citation
from assistant.seance import Subject, prepare_note
from assistant.seance.render import critique_markdown, to_docx, to_markdown
from assistant.seance.replies import MAX_REPLY_WORDS, word_count
from assistant.seance.sources import NoteSources, unsupported_figures
from assistant.seance.sparring import critique
from assistant.seance.subject import likely_objections
from tests.conftest import ROOT, run_cli

SUBJECTS = {
    "eau": Subject("Convention de coopération pour l'accès à l'eau potable et l'assainissement à Dapaong", 24000, 31000,
                   52_000_000, "Dapaong"),
    "jeunesse": Subject("Échange de jeunes lycéens avec notre ville partenaire au Sénégal", 12000, 8000, None, "Sénégal"),
    "urgence": Subject("Aide d'urgence de 10 000 € aux sinistrés du séisme au Maroc", 10000, 45000, 60_000_000, "Maroc"),
}


@pytest.fixture(scope="module")
def notes(assistant):  # type: ignore[no-untyped-def]
    return {name: prepare_note(assistant, subject) for name, subject in SUBJECTS.items()}


@pytest.mark.parametrize("name", list(SUBJECTS))
def test_note_has_five_cited_short_objections(notes, name) -> None:  # type: ignore[no-untyped-def]
    note = notes[name]
    assert len(note.objections) >= 5
    for o in note.objections:
        assert o.reply.citations, o.objection
        assert re.search(r"\[\d+\]", o.reply.text)
        assert word_count(o.reply.text) <= MAX_REPLY_WORDS, o.reply.text
    assert len({o.objection for o in note.objections}) == len(note.objections)
    general = [o.kind for o in note.objections if not any(o.objection == t.text for t in likely_objections(note.subject) if t.tailored)]
    assert len(set(general)) == len(general)  # a general objection only for a kind not yet answered


def test_objections_follow_the_subject(notes) -> None:  # type: ignore[no-untyped-def]
    texts = {name: " ".join(o.objection for o in note.objections) for name, note in notes.items()}
    assert "eau potable" in texts["eau"] and "factures d'eau" in texts["eau"]
    assert "échange de jeunes" in texts["jeunesse"]
    assert "aide d'urgence" in texts["urgence"] and "sinistrés" in texts["urgence"]
    assert "Pourquoi une coopération avec Dapaong ?" in texts["eau"]  # the named partner
    assert notes["eau"].themes[0] == "eau et assainissement"
    water_funding = " ".join(i.answer.text for i in notes["eau"].funding)
    assert "1 %" in water_funding or "Oudin" in water_funding  # water points to the 1 % Oudin-Santini


def test_cost_sentence_follows_the_calculator_rule(notes) -> None:  # type: ignore[no-untyped-def]
    assert notes["jeunesse"].cost.sentence == "L'action internationale de notre collectivité représente 1,50 € par habitant et par an."
    assert notes["eau"].cost.sentence == ("L'action internationale de notre collectivité représente moins de 0,80 € "
                                          "par habitant et par an, soit 0,05 % du budget.")
    assert notes["urgence"].cost.sentence.startswith("L'action internationale de notre collectivité représente moins de 0,30 €")
    for note in notes.values():
        assert note.cost.sentence in note.opening.text


def test_every_figure_is_in_its_cited_passages(notes) -> None:  # type: ignore[no-untyped-def]
    for note in notes.values():
        pieces = [o.reply for o in note.objections] + note.key_figures + [i.answer for i in note.funding]
        pieces += [i.answer for i in note.traps if i.answer.citations]
        for piece in pieces:  # « _(document de 2024)_ » is our dating note, not a figure of the source
            claim = re.sub(r"_\([^)]*\)_", " ", piece.text)
            assert not unsupported_figures(claim, piece.citations), piece.text
        # The subject and its cost are the user's own figures; the rest of the speech is quoted.
        speech = note.opening.text.replace(note.cost.sentence, "").replace(note.subject.text, "")
        assert not unsupported_figures(speech, note.opening.citations), speech


def test_sources_are_numbered_once_in_reading_order(notes) -> None:  # type: ignore[no-untyped-def]
    note = notes["eau"]
    markdown = to_markdown(note)
    body = markdown.split("\n## Sources")[0]
    first_use = [int(n) for n in re.findall(r"\[(\d+)\]", body)]
    assert sorted(set(first_use)) == list(range(1, len(note.sources) + 1))
    seen: list[int] = []
    for n in first_use:
        if n not in seen:
            seen.append(n)
    assert seen == sorted(seen)  # numbered as they first appear
    assert [c.n for c in note.sources] == list(range(1, len(note.sources) + 1))


def test_json_shape(notes) -> None:  # type: ignore[no-untyped-def]
    data = notes["urgence"].to_json()
    json.dumps(data, ensure_ascii=False)
    assert set(data) >= {"sujet", "cost", "objections", "key_figures", "opening", "markdown"}
    assert set(data["cost"]) >= {"per_inhabitant", "share_of_budget", "sentence"}
    assert data["cost"]["per_inhabitant"] == pytest.approx(10000 / 45000, abs=1e-4)
    for o in data["objections"]:
        assert set(o) >= {"objection", "kind", "reply", "citations"}
        for c in o["citations"]:
            assert set(c) >= {"n", "source", "title", "page", "date", "text"}
    assert set(data["opening"]) == {"text", "citations"} and data["opening"]["citations"]


def test_docx_reads_back(notes) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    note = notes["eau"]
    doc = Document(io.BytesIO(to_docx(note)))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0].startswith("Note de séance")
    for section in ("Le coût, en une phrase", "Intervention liminaire (environ une minute)",
                    "Les objections probables et les réponses", "Questions pièges", "Sources"):
        assert section in headings
    text = "\n".join(p.text for p in doc.paragraphs)
    assert note.objections[0].objection in text and note.cost.sentence in text
    sources = text.split("Sources")[-1]
    assert f"[{len(note.sources)}]" in sources and "2024" in sources
    assert "à vérifier : source de 2015" in text  # old figures keep their warning on paper


def test_note_sources_renumber_markers() -> None:
    def cit(n: int, chunk: str) -> Citation:
        return Citation(n=n, source="a.md", title="A", page=None, date="2024", text=f"texte {chunk}", chunk_id=chunk)

    sources = NoteSources()
    text_a, used_a = sources.renumber("x [1] y [2]", [cit(1, "c1"), cit(2, "c2")])
    text_b, used_b = sources.renumber("z [1] w [3]", [cit(1, "c2"), cit(2, "c9")])  # [3] points nowhere
    assert (text_a, text_b) == ("x [1] y [2]", "z [2] w ")
    assert [c.n for c in used_b] == [2] and len(sources.citations) == 2


# -- sparring -----------------------------------------------------------------------------------
def _pairs(name: str) -> list[dict]:
    return [json.loads(line) for line in (ROOT / "eval" / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("pairs", ["critique_tune.jsonl", "critique_pairs.jsonl"])
def test_critique_orders_every_weak_strong_pair(assistant, pairs) -> None:  # type: ignore[no-untyped-def]
    """critique_tune.jsonl was written with the scorer; critique_pairs.jsonl by a helper who never saw it."""
    wrong = []
    for item in _pairs(pairs):
        weak = critique(assistant, item["objection"], item["weak"]).score
        strong = critique(assistant, item["objection"], item["strong"]).score
        if not strong > weak:
            wrong.append((item["id"], weak, strong))
    assert not wrong


def test_critique_of_a_bare_disagreement(assistant) -> None:  # type: ignore[no-untyped-def]
    objection = "C'est de l'argent public gaspillé à l'étranger."
    bare = critique(assistant, objection, "Je ne suis pas d'accord, c'est important pour nous.")
    good = critique(assistant, objection, "Rapportée au budget, la dépense représente quelques centimes par habitant. "
                                          "Et l'appel à projets du ministère comme la FICOL de l'AFD la cofinancent.")
    assert bare.score < 0.2 and good.score >= bare.score + 0.4
    assert bare.covered == [] and len(bare.missing) >= 2
    assert all(m["citations"] for m in bare.missing)  # each missing argument comes with its passages
    assert bare.suggestion["text"] and bare.suggestion["citations"]
    assert {"modeste", "cofinancement"} <= set(good.covered)
    assert 0.0 <= bare.score <= 1.0 and 0.0 <= good.score <= 1.0


def test_invented_figures_are_unsupported(assistant) -> None:  # type: ignore[no-untyped-def]
    result = critique(assistant, "Ça ne rapporte rien à nos entreprises.",
                      "Nos entreprises y ont gagné 40 millions d'euros et la DAECT cofinance jusqu'à 70 % des projets.")
    assert result.unsupported == ["40 millions"] and result.supported == ["70 %"]
    assert "Chiffres introuvables" in critique_markdown(result)


def test_cli_seance_and_critique(corpus_data_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    docx_path, md_path = tmp_path / "note.docx", tmp_path / "note.md"
    done = run_cli(["seance", "Subvention de 18 000 € au comité de jumelage avec Ouahigouya", "--montant", "18 000",
                    "--habitants", "26 000", "--partenaire", "Ouahigouya", "--json", "--docx", str(docx_path),
                    "--md", str(md_path)], corpus_data_dir)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["cost"]["sentence"].endswith("moins de 0,70 € par habitant et par an.")
    assert len(data["objections"]) >= 5 and data["markdown"] == md_path.read_text(encoding="utf-8")
    assert "Ouahigouya" in data["markdown"].split("## Ce que disent les documents sur Ouahigouya")[1]
    assert docx_path.read_bytes()[:2] == b"PK"
    bad = run_cli(["seance", "Jumelage", "--montant", "dix mille"], corpus_data_dir)
    assert bad.returncode == 2 and "n'est pas un nombre" in bad.stderr and "Traceback" not in bad.stderr
    done = run_cli(["critique", "--objection", "C'est le rôle de l'État, pas de la commune.",
                    "--reponse", "L'article L1115-1 du CGCT nous autorise à agir.", "--json"], corpus_data_dir)
    data = json.loads(done.stdout)
    assert set(data) >= {"score", "covered", "missing", "unsupported", "suggestion"} and "loi" in data["covered"]


# -- app pages ----------------------------------------------------------------------------------
def test_app_prepares_a_note(monkeypatch, corpus_data_dir) -> None:  # type: ignore[no-untyped-def]
    from tests.test_app import _all_markdown, _app

    at = _app(monkeypatch, corpus_data_dir)
    at.sidebar.radio(key="page").set_value("Préparer une séance").run()
    at.text_input(key="seance_amount").set_value("dix mille").run()
    at.button(key="seance_prepare").click().run()
    assert any("Indiquez l'objet" in w.value for w in at.warning) and any("n'est pas un nombre" in w.value for w in at.warning)
    at.text_input(key="seance_subject").set_value("Subvention au comité de jumelage avec Ouahigouya")
    at.text_input(key="seance_amount").set_value("18 000")
    at.text_input(key="seance_population").set_value("26 000").run()
    at.button(key="seance_prepare").click().run()
    assert not at.exception
    text = _all_markdown(at)
    assert "Les objections probables et les réponses" in text and "moins de 0,70 € par habitant" in text
    assert {"Télécharger la note (.docx)", "Télécharger la note (.md)"} <= {b.label for b in at.get("download_button")}
    assert any("<details" in m.value for m in at.markdown)  # sources open on click


def test_app_training_rounds(monkeypatch, corpus_data_dir) -> None:  # type: ignore[no-untyped-def]
    from tests.test_app import _all_markdown, _app

    at = _app(monkeypatch, corpus_data_dir)
    at.sidebar.radio(key="page").set_value("Entraînement").run()
    at.text_input(key="training_subject").set_value("Projet d'eau potable au Burkina Faso").run()
    first = at.session_state["training_objection"]
    assert "eau" in first.lower() or "habitants" in first.lower()  # tailored to the subject
    assert f"« {first} »" in _all_markdown(at)
    at.button(key="training_submit").click().run()
    assert any("Écrivez votre réponse" in w.value for w in at.warning)
    at.text_area(key="training_reply").set_value("Je ne suis pas d'accord, c'est important pour nous.")
    at.button(key="training_submit").click().run()
    assert not at.exception
    text = _all_markdown(at)
    assert "Note :" in text and "Ce qui manque, sources à l'appui" in text and "Une réponse plus solide" in text
    at.button(key="training_next").click().run()
    assert at.session_state["training_objection"] != first and at.session_state["training_reply"] == ""
    assert len(at.session_state["training_rounds"]) == 1 and at.metric[0].value.endswith("/ 100")
