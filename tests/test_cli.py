"""The CLI as a user runs it: real processes, real index, JSON shapes, evaluation thresholds."""

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHIPPED_DOCUMENTS, run_cli


def test_ask_json_shape(corpus_data_dir: Path) -> None:
    proc = run_cli(["ask", "Quels outils financiers l'AFD propose-t-elle aux collectivités ?", "--json"], corpus_data_dir)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    for key in ("id", "question", "mode", "answer", "abstained", "citations", "retrieved", "backend", "latency_ms"):
        assert key in data
    assert data["mode"] == "question" and data["backend"] == "extractive" and data["abstained"] is False
    assert data["citations"] and {"n", "source", "title", "page", "date", "text"} <= set(data["citations"][0])
    assert len(data["retrieved"]) == 10
    assert {"source", "page", "score", "text"} <= set(data["retrieved"][0])
    scores = [r["score"] for r in data["retrieved"]]
    assert scores == sorted(scores, reverse=True)
    assert "FICOL" in data["answer"] or "FEXTE" in data["answer"]


def test_batch_writes_one_object_per_line(tmp_path: Path, corpus_data_dir: Path) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text(
        '{"id": "a", "question": "Qui préside la CNCD ?"}\n'
        '{"id": "b", "question": "C\'est de l\'argent public gaspillé à l\'étranger", "mode": "contre-argument"}\n'
        "pas du json\n",
        encoding="utf-8",
    )
    proc = run_cli(["batch", str(batch)], corpus_data_dir)
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r.get("id") for r in rows[:2]] == ["a", "b"]
    assert rows[1]["mode"] == "contre-argument"
    assert "error" in rows[2] and "Ligne 3" in rows[2]["error"]
    assert proc.returncode == 1


def test_stats_json(corpus_data_dir: Path) -> None:
    proc = run_cli(["stats", "--json"], corpus_data_dir)
    data = json.loads(proc.stdout)
    assert data["documents"] == SHIPPED_DOCUMENTS and data["chunks"] > 20
    shipped = sorted(p.name for p in (ROOT / "corpus").iterdir() if p.suffix in (".md", ".txt"))
    assert sorted(data["sources"]) == shipped and len(shipped) == 8


def test_eval_meets_the_dev_thresholds(corpus_data_dir: Path) -> None:
    proc = run_cli(
        # With the eight-document corpus one dev objection (k02) finds its passage at rank 6: recall@5 is 17/18.
        ["eval", str(ROOT / "eval" / "dev.jsonl"), "--min-recall5", "0.94", "--min-mrr", "0.85", "--min-facts", "0.8",
         "--min-abstention", "1", "--max-in-scope-abstentions", "1"],
        corpus_data_dir,
    )
    print(proc.stdout)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "recall@5" in proc.stdout


def test_eval_fails_below_thresholds(corpus_data_dir: Path) -> None:
    proc = run_cli(["eval", str(ROOT / "eval" / "dev.jsonl"), "--min-mrr", "1.01"], corpus_data_dir)
    assert proc.returncode == 1 and "Seuils non atteints" in proc.stderr


def test_ingest_cli_prints_summary_and_is_incremental(fresh_data_dir: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import clean_env

    first = subprocess.run([sys.executable, "ingest.py"], cwd=ROOT, env=clean_env(fresh_data_dir), capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert "8 fichier(s)" in first.stdout and "ajouté(s)" in first.stdout
    audit = [json.loads(line) for line in (fresh_data_dir / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    shipped = sorted(p.name for p in (ROOT / "corpus").iterdir() if p.suffix in (".md", ".txt"))
    assert sorted((a["actor"], a["action"], a["file"]) for a in audit) == [("cli", "added", name) for name in shipped]
    assert all(len(a["sha256"]) == 64 and a["chunks_added"] > 0 and a["chunks_removed"] == 0 for a in audit)
    second = subprocess.run([sys.executable, "ingest.py"], cwd=ROOT, env=clean_env(fresh_data_dir), capture_output=True, text=True, timeout=300)
    assert "extraits : 0 ajouté(s), 0 supprimé(s)" in second.stdout
    assert "Indexation" in second.stderr  # the progress bar
    assert len((fresh_data_dir / "audit.jsonl").read_text(encoding="utf-8").splitlines()) == SHIPPED_DOCUMENTS  # nothing changed, nothing logged


def test_paraphrase_test_half_holds_its_floor(corpus_data_dir: Path) -> None:
    """The test half of eval/paraphrase.jsonl (never tuned on), at the level measured on the eight-document corpus.
    Near-miss abstention fell from 0.53 to 0.41 when the six Repères sheets joined the corpus (they hold passages
    close to several near-miss questions). Floors raised on 2026-11-28 just under the level measured then (near-miss
    abstention .53 after the relevance rules of that day; 0.7 in the fourth session of 2026-11-28, measured .765 once figure questions need a
    figure of their kind for what they name). MRR 0.70 and false refusals 4 % since the tenth session, when the question's
    vector began to include its wording in the documents' words (measured MRR 0.726, 2 refusals of 84). Issue G's targets (recall@5 0.95, MRR 0.85, facts 0.90…) are higher:
    see docs/evaluation.md."""
    proc = run_cli(
        ["eval", str(ROOT / "eval" / "paraphrase.jsonl"), "--split", "test", "--min-recall5", "0.89", "--min-mrr", "0.70",
         "--min-facts", "0.76", "--min-abstention", "0.7", "--max-false-abstention", "0.04", "--min-gold-cited", "0.75"],
        corpus_data_dir, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Moitié « test »" in proc.stdout


def test_newcomer_questions_on_the_repères_sheets(corpus_data_dir: Path) -> None:
    """eval/newcomer.jsonl: questions a new official asks about the funding tools and rules (written from the sheets
    by a helper who never saw the code)."""
    proc = run_cli(["eval", str(ROOT / "eval" / "newcomer.jsonl"), "--min-recall5", "0.95", "--min-facts", "0.85",
                    "--max-false-abstention", "0.05"], corpus_data_dir, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("name, near_miss_floor, refusal_ceiling", [("holdout14", 0.9, 0.05), ("holdout15", 0.85, 0.05),
                                                                     ("holdout16", 0.8, 0.05), ("holdout17", 0.8, 0.05),
                                                                     ("holdout18", 0.66, 0.05)])
def test_the_newest_question_sets_keep_their_tune_half_gains(assistant, name: str, near_miss_floor: float,  # type: ignore[no-untyped-def]
                                                             refusal_ceiling: float) -> None:
    """Sets written by a helper from the cleaned documents and measured before any change. holdout4's tune half went
    from near-miss abstention 0.125 to 0.625 and from 3 to 1 false refusals of 31 in the fourth session of 2026-11-28
    (figure questions, objection kinds); holdout5's from 0.250 to 0.750 in the fifth (towns typed in lower case,
    bounds and deadlines of a named year); holdout6's from 0.600 to 1.000, and from 5 to 1 false refusals of 24, in the
    sixth (another country's communes, the press's metonyms, an objection whose kind finds no proof); holdout7's from
    3 to 0 false refusals of 23 in the seventh (a region's countries as alternatives, a full-coverage question below
    the meaning floor), its near-miss abstention unchanged at 0.400. In the seventh session holdout5's near-miss
    abstention fell to 0.625: one near-miss had been refused only because « Pouvez-vous », opening a sentence, was
    read as a town the documents lack. holdout8's rose from 0.500 to 0.800 in the eighth (a figure asked of a funding
    tool must be given for that tool, not a sibling one; a membership fee or an allowance must be named by its
    evidence). holdout4's floor (0.6) ran until the seventh session, holdout5's (0.6) until the eighth; their halves
    are still reported. holdout11's tune half went from 5 to 3 false refusals of 27 in the eleventh session (a name
    the user gives of their own situation, before the question, is not what is asked); holdout12's from 1 to 0 of 21
    in the twelfth (the same, said in a first-person clause before a comma: « Mon asso… au Togo…, le Fonjep peut
    nous filer combien ? »). holdout6's floor (0.8) ran until the twelfth session. In the thirteenth, holdout8's
    near-miss abstention rose to 1.000 and holdout11's to 0.750 (the winners of a call the documents only count,
    another country's equivalent of a French law); holdout13's false refusals fell from 1 to 0 of 18 (« un jeune
    Marocain » names an origin); holdout7's floor (0.4) ran until then. In the fourteenth, holdout14's near-miss
    abstention rose from 0.333 to 1.000 (« Marseille, elle met combien… ? » names Marseille; « combien de communes
    bretonnes… ? » asks a count for Brittany); holdout8's floor (0.9) ran until then. In the fifteenth, holdout15's
    false refusals fell from 3 to 0 of 25 (a decade asks no year, « pour la durée du mandat » asks no length, a third
    person's plan told before the question is the situation); holdout11's floor (0.7, 0.12) ran until then. In the
    sixteenth, holdout16 was measured at 0.800 and 0 of 20 before any change, and kept there while its fact coverage
    rose from 0.923 to 1.000 (« le ministère des affaires étrangères » is the DAECT). In the seventeenth, holdout17's
    false refusals fell from 2 to 0 of 22, its near-miss abstention kept at 0.833; holdout12's floor (0.8, 0.05) ran
    until then. In the eighteenth, holdout18 was measured at 1.000 (3 near-misses) and 0 of 15 before any change, and
    kept there; holdout13's floor (0.8, 0.05) ran until then. Their test halves are reported in docs/benchmarks.md,
    never tuned on.
    Evaluated in-process on the shared index: the CLI's own floors are exercised by the paraphrase test above."""
    from assistant.evaluation import evaluate, load_items, split_of
    items = [it for it in load_items(ROOT / "eval" / f"{name}.jsonl") if split_of(it["id"]) == "tune"]
    abstention = evaluate(assistant, items).abstention
    assert abstention["out_of_scope_accuracy"] >= near_miss_floor, abstention
    assert abstention["false_abstention_rate"] <= refusal_ceiling, abstention
