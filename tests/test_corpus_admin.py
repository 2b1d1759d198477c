"""The Corpus page in-process with `AppTest`: locked without the password, the wait after five failures,
an administrator's upload, title edit and confirmed removal, each refreshed everywhere and audited."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assistant.index import Index
from assistant.ingestion import ingest_paths
from tests.conftest import ROOT, SHIPPED_DOCUMENTS, make_settings

APP = str(ROOT / "app.py")
PASSWORD = "mot-de-passe-du-test"
BILAN = "Bilan : la ville de Testville a accueilli douze lycéens de Kayes en octobre, avec l'appui du département.".encode()
NOTE = ("---\ntitle: Rapport annuel 2025\ndate: 2025-03-01\n---\n\nEn 2025, la ville de Testville a consacré 18 000 euros "
        "à sa coopération avec Kayes, au Mali, pour l'accès à l'eau potable.\n")


def _corpus_app(monkeypatch: pytest.MonkeyPatch, data_dir: Path, **env: str) -> AppTest:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "AICT_MODEL", "OPENAI_MODEL", "AICT_ADMIN_PASSWORD",
                 "AICT_ADMIN_PASSWORD_HASH", "AICT_ADMIN_EMAILS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AICT_DATA_DIR", str(data_dir))
    monkeypatch.setenv("AICT_CORPUS_DIR", str(ROOT / "corpus"))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.sidebar.radio(key="page").set_value("Corpus").run()
    assert not at.exception
    return at


def _login(at: AppTest, password: str) -> AppTest:
    at.text_input(key="admin_password").input(password)
    return at.button(key="admin_login").click().run()


def _texts(elements) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(e.value for e in elements)


def _sidebar_counts(at: AppTest) -> str:
    return next(c.value for c in at.sidebar.caption if "document(s)" in c.value)


def test_corpus_changes_need_the_password(monkeypatch, corpus_data_dir) -> None:  # type: ignore[no-untyped-def]
    at = _corpus_app(monkeypatch, corpus_data_dir, AICT_ADMIN_PASSWORD=PASSWORD)
    locked = {"ingest", "remove", "reindex", "save_meta"}
    assert not at.file_uploader and not locked & {b.key for b in at.button}
    assert any(b.label == "Télécharger le document" for b in at.get("download_button"))  # reading stays open
    assert "OPENAI_BASE_URL" not in _texts(at.sidebar.caption)  # the configuration hint is for administrators
    _login(at, "pas-le-bon")
    assert "Mot de passe incorrect" in _texts(at.error) and not at.file_uploader
    _login(at, PASSWORD)
    assert "Connecté en tant qu'administrateur" in _texts(at.success)
    assert len(at.file_uploader) == 1 and {"ingest", "remove", "reindex"} <= {b.key for b in at.button}
    assert at.file_uploader[0].proto.max_upload_size_mb == 50 and "50 Mo" in at.file_uploader[0].label
    assert "OPENAI_BASE_URL" in _texts(at.sidebar.caption)
    at.button(key="admin_logout").click().run()
    assert not at.file_uploader and "admin_password" in {t.key for t in at.text_input}


def test_the_wait_after_five_failures_holds(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    at = _corpus_app(monkeypatch, tmp_path / "data", AICT_ADMIN_PASSWORD=PASSWORD)  # its own data dir: its own limiter
    for attempt in range(5):
        _login(at, f"faux-{attempt}")
    assert "patientez 30 secondes" in at.error[0].value
    _login(at, PASSWORD)  # the right password, too early
    assert "Trop d'essais manqués" in at.error[0].value and not at.file_uploader


def test_oidc_configured_without_provider_keeps_the_corpus_locked(monkeypatch, corpus_data_dir) -> None:  # type: ignore[no-untyped-def]
    for name in ("AICT_ADMIN_PASSWORD", "AICT_ADMIN_PASSWORD_HASH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AICT_DATA_DIR", str(corpus_data_dir))
    at = AppTest.from_file(APP, default_timeout=120)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                          "client_id": "aict", "client_secret": "s", "server_metadata_url": "https://idp.invalid/.well-known"}
    at.run()
    at.sidebar.radio(key="page").set_value("Corpus").run()
    assert not at.exception and not at.file_uploader
    assert "toute personne" not in _texts(at.warning)  # not the open, password-less notice
    offers_login = any(b.key == "oidc_login" for b in at.button) or "Authlib" in _texts(at.error)
    assert offers_login and "admin_password" not in {t.key for t in at.text_input}


def _audit(data_dir: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in (data_dir / "audit.jsonl").read_text(encoding="utf-8").splitlines()]


def test_admin_upload_edit_and_confirmed_removal(monkeypatch, fresh_data_dir) -> None:  # type: ignore[no-untyped-def]
    ingest_paths(Index(make_settings(fresh_data_dir)), [ROOT / "corpus"])
    at = _login(_corpus_app(monkeypatch, fresh_data_dir, AICT_ADMIN_PASSWORD=PASSWORD), PASSWORD)
    assert _sidebar_counts(at).startswith(f"{SHIPPED_DOCUMENTS} document(s)")
    at.file_uploader[0].set_value([("rapport annuel.md", NOTE.encode(), "text/markdown"), ("bilan-kayes.txt", BILAN, "text/plain"),
                                   ("broken.pdf", b"%PDF-1.4 tronqu", "application/pdf")]).run()
    assert next(t for t in at.text_input if t.label == "Titre de « rapport annuel.md »").value == "Rapport annuel 2025"
    next(t for t in at.text_input if t.label == "Titre de « bilan-kayes.txt »").input("Bilan de la coopération avec Kayes")
    next(t for t in at.text_input if t.label.startswith("Date") and t.value == "").input("2024-11")  # the bilan's
    at.button(key="ingest").click().run()
    assert not at.exception
    assert "**rapport annuel.md** : ajouté (1 extrait(s))" in _texts(at.success)
    refused = next(e.value for e in at.error if "broken.pdf" in e.value)
    assert refused.count("broken.pdf") == 1 and "refusé — " in refused
    assert _sidebar_counts(at).startswith(f"{SHIPPED_DOCUMENTS + 2} document(s)")  # refreshed by the rerun, like the table and the picker
    table = at.dataframe[0].value
    assert len(table) == SHIPPED_DOCUMENTS + 2 and "rapport annuel.md" in at.selectbox(key="remove_choice").options
    assert table.set_index("Document").loc["bilan-kayes.txt", ["Titre", "Date"]].tolist() == ["Bilan de la coopération avec Kayes", "2024-11"]
    assert not at.file_uploader[0].value  # the picker is emptied for the next upload
    saved = fresh_data_dir / "uploads" / "rapport-annuel.md"
    added = {a["file"]: a for a in _audit(fresh_data_dir)}
    assert (added["rapport annuel.md"]["actor"], added["rapport annuel.md"]["action"], added["rapport annuel.md"]["chunks_added"],
            added["rapport annuel.md"]["chunks_removed"]) == ("admin", "added", 1, 0)
    assert added["rapport annuel.md"]["sha256"] == hashlib.sha256(saved.read_bytes()).hexdigest()
    assert added["bilan-kayes.txt"]["action"] == "added" and "broken.pdf" not in added

    at.selectbox(key="remove_choice").set_value(str(saved)).run()
    next(t for t in at.text_input if t.label == "Titre").input("Bilan 2025 de la coopération")
    next(t for t in at.text_input if t.label.startswith("Date")).input("2025-04")
    at.button(key="save_meta").click().run()
    assert "titre et date enregistrés" in _texts(at.success)
    assert {"Bilan 2025 de la coopération", "2025-04"} <= set(at.dataframe[0].value.iloc[:, 1:3].values.ravel())
    assert _audit(fresh_data_dir)[-1]["action"] == "metadata"

    at.selectbox(key="remove_choice").set_value(str(saved)).run()
    at.button(key="remove").click().run()
    assert "téléversé et ses métadonnées seront supprimés" in _texts(at.warning) and saved.exists()  # asked first
    at.button(key="confirm_remove_button").click().run()
    assert not saved.exists() and not saved.with_name(saved.name + ".meta.json").exists()
    assert _sidebar_counts(at).startswith(f"{SHIPPED_DOCUMENTS + 1} document(s)")
    assert len(at.dataframe[0].value) == SHIPPED_DOCUMENTS + 1
    assert "rapport annuel.md" not in at.selectbox(key="remove_choice").options
    removed = _audit(fresh_data_dir)[-1]
    assert (removed["actor"], removed["action"], removed["chunks_removed"]) == ("admin", "removed", 1)
    shown = at.dataframe[-1].value  # « Dernières modifications »
    assert list(shown["Action"][:3]) == ["retrait", "titre ou date modifiés", "ajout"] and set(shown["Par"][:3]) == {"admin"}
