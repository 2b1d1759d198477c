"""Incremental ingestion against a real Chroma store in a temporary directory."""

import json
import shutil
import sqlite3
from pathlib import Path

from assistant.index import Index
from assistant.ingestion import ingest_paths
from assistant.lexical import Bm25Index
from tests.conftest import ROOT, make_settings


def _copy_corpus(tmp_path: Path) -> Path:
    """The two founding documents: these tests are about the index's bookkeeping, not the corpus's size."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("reperes-cadre-et-financements-aict.md", "synthese-journee-cooperation-decentralisee-2015.txt",
                 "synthese-journee-cooperation-decentralisee-2015.txt.meta.json"):
        shutil.copy(ROOT / "corpus" / name, corpus / name)
    return corpus


def _chroma_ids(index: Index) -> set[str]:
    return set(index.collection.get(include=[])["ids"])


def test_second_run_adds_nothing_and_store_matches_manifest(tmp_path: Path, fresh_data_dir: Path) -> None:
    corpus = _copy_corpus(tmp_path)
    index = Index(make_settings(fresh_data_dir))
    first = ingest_paths(index, [corpus])
    assert first.chunks_added > 20 and not first.refused
    second = ingest_paths(index, [corpus])
    assert second.chunks_added == 0 and second.chunks_removed == 0
    assert second.chunks_unchanged == first.chunks_added
    assert _chroma_ids(index) == set(index.manifest["chunks"])
    assert len(index.bm25.ids) == len(index.manifest["chunks"])


def test_edit_changes_only_that_file_and_delete_removes_its_chunks(tmp_path: Path, fresh_data_dir: Path) -> None:
    corpus = _copy_corpus(tmp_path)
    index = Index(make_settings(fresh_data_dir))
    ingest_paths(index, [corpus])
    md = corpus / "reperes-cadre-et-financements-aict.md"
    txt_key = str((corpus / "synthese-journee-cooperation-decentralisee-2015.txt").resolve())
    txt_chunks = list(index.manifest["files"][txt_key]["chunk_ids"])
    md.write_text(md.read_text(encoding="utf-8") + "\n\n## 7. Ajout\n\nUne nouvelle section ajoutée par le test sur le jumelage avec Tombouctou.\n", encoding="utf-8")
    edited = ingest_paths(index, [corpus])
    statuses = {f.source: f.status for f in edited.files}
    assert statuses["reperes-cadre-et-financements-aict.md"] == "updated"
    assert statuses["synthese-journee-cooperation-decentralisee-2015.txt"] == "unchanged"
    assert 1 <= edited.chunks_added <= 3 and edited.chunks_removed <= edited.chunks_added
    assert index.manifest["files"][txt_key]["chunk_ids"] == txt_chunks
    assert any("Tombouctou" in c.text for c in index.all_chunks())

    md.unlink()
    deleted = ingest_paths(index, [corpus])
    assert [f.status for f in deleted.files if f.status == "removed"] == ["removed"]
    assert all(c.source != md.name for c in index.all_chunks())
    assert _chroma_ids(index) == set(index.manifest["chunks"]) == set(txt_chunks)


def test_naming_a_file_touches_nothing_else(tmp_path: Path, fresh_data_dir: Path) -> None:
    corpus = _copy_corpus(tmp_path)
    index = Index(make_settings(fresh_data_dir))
    ingest_paths(index, [corpus])
    before = dict(index.manifest["chunks"])
    extra = tmp_path / "note.md"
    extra.write_text("---\ntitle: Note\ndate: 2025-01-01\n---\n\nLa ville de Test coopère avec Kayes depuis 2019 pour l'eau potable.\n", encoding="utf-8")
    report = ingest_paths(index, [extra])
    assert [f.status for f in report.files] == ["added"]
    assert set(before) <= set(index.manifest["chunks"])
    assert len(index.manifest["files"]) == 3
    note = [c for c in index.all_chunks() if c.source == "note.md"][0]
    assert (note.title, note.date) == ("Note", "2025-01-01")


def test_reopening_the_store_uses_the_same_embeddings(fresh_data_dir: Path) -> None:
    from assistant.pipeline import Assistant

    index = Index(make_settings(fresh_data_dir))
    ingest_paths(index, [ROOT / "corpus"])
    again = Assistant(make_settings(fresh_data_dir))  # a new client on the same persistent store
    passages = again.search.search("Quel est le montant des subventions FICOL ?", 5)
    assert passages and "FICOL" in passages[0].chunk.text


def test_a_bm25_index_saved_before_the_capitalised_words_is_rebuilt(tmp_path: Path) -> None:
    """An install from before `Bm25Index.proper` loads nothing stale: the index is rebuilt from the manifest."""
    built = Bm25Index.build(["a", "b"], ["La ville de Chambéry coopère.", "Un appel à projets."], "g1")
    assert "chambéry" in built.proper
    built.save(tmp_path)
    assert Bm25Index.load(tmp_path, "g1").proper == built.proper  # type: ignore[union-attr]
    meta = json.loads((tmp_path / "ids.json").read_text(encoding="utf-8"))
    del meta["proper"]
    (tmp_path / "ids.json").write_text(json.dumps(meta), encoding="utf-8")
    assert Bm25Index.load(tmp_path, "g1") is None


def test_the_shipped_vectors_cover_the_shipped_corpus(corpus_data_dir: Path) -> None:
    """corpus/.vectors.sqlite spares a fresh machine a minute of embeddings; after an edit of corpus/, of the
    chunking or of the fixed texts, `python -m assistant vectors` rewrites it."""
    from tests.conftest import SESSION_INGEST

    assert SESSION_INGEST["computed"] == 0, (
        f"{SESSION_INGEST['computed']} vecteurs manquaient à corpus/.vectors.sqlite : lancez `python -m assistant vectors`")


def test_a_seeded_data_directory_still_embeds_what_the_seed_lacks(tmp_path: Path) -> None:
    """The seed is only a cache: a document it has never seen is embedded, and the cache already there is kept."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(ROOT / "corpus" / ".vectors.sqlite", corpus / ".vectors.sqlite")
    (corpus / "note.md").write_text("# Note\n\nLa commune de Testville coopère avec Ségou depuis 2019.\n", encoding="utf-8")
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    index = Index(make_settings(data_dir, AICT_CORPUS_DIR=str(corpus)))
    assert (data_dir / "embeddings-cache.sqlite").stat().st_size == (corpus / ".vectors.sqlite").stat().st_size
    report = ingest_paths(index, [corpus])
    assert report.chunks_added == 1 and not report.refused
    assert index.embeddings.computed >= 1
    rows = lambda path: sqlite3.connect(str(path)).execute("SELECT COUNT(*) FROM vectors").fetchone()[0]  # noqa: E731
    seeded = rows(corpus / ".vectors.sqlite")
    Index(make_settings(data_dir, AICT_CORPUS_DIR=str(corpus)))  # reopening does not copy the seed over the cache
    assert rows(data_dir / "embeddings-cache.sqlite") == seeded + index.embeddings.computed


def test_a_damaged_seed_is_ignored_and_the_corpus_embedded_as_before(tmp_path: Path) -> None:
    """A truncated checkout (or a Git LFS pointer) in place of corpus/.vectors.sqlite must not stop the app."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / ".vectors.sqlite").write_text("version https://git-lfs.github.com/spec/v1\n", encoding="utf-8")
    (corpus / "note.md").write_text("# Note\n\nLa commune de Testville coopère avec Ségou depuis 2019.\n", encoding="utf-8")
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    index = Index(make_settings(data_dir, AICT_CORPUS_DIR=str(corpus)))
    report = ingest_paths(index, [corpus])
    assert report.chunks_added == 1 and not report.refused and index.embeddings.computed >= 1
