"""Administration without a browser: password hashes, the wait after failures, the audit trail,
document metadata, served copies of documents, and the settings a visitor's view depends on."""

from __future__ import annotations

import hashlib
import io
import json
import sys
import tomllib
from pathlib import Path

import pytest

from assistant.admin import (FIRST_WAIT_S, LoginLimiter, PasswordHashError, attempt_login, check_password,
                             configuration_error, hash_password, parse_hash, verify_password)
from assistant.audit import AuditLog, changes_between
from assistant.cli import main, streamlit_command
from assistant.documents import Answer, Citation
from assistant.index import FileResult, SyncReport
from assistant.metadata import date_in_text, guess_metadata, normalize_date, write_sidecar
from assistant.settings import Settings
from assistant.ui.access import oidc_actor
from assistant.ui.corpus_ops import outcome_of
from assistant.ui.feedback import feedback_row
from assistant.ui.published import document_url, prune, unpublish
from assistant.ui.sources import highlighted_html
from tests.conftest import ROOT

FAST = {"n": 2**10, "r": 8, "p": 1}  # the default cost is for production; tests need speed, not strength


def _settings(**env: str) -> Settings:
    return Settings.from_env({"AICT_DATA_DIR": "/tmp/aict-test-admin", **env})


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_hash_roundtrip_and_format() -> None:
    encoded = hash_password("cheval-agrafe-42", **FAST)
    assert encoded.startswith("scrypt:1024:8:1:") and "$" not in encoded
    assert verify_password("cheval-agrafe-42", encoded)
    assert not verify_password("cheval-agrafe-43", encoded)
    assert hash_password("cheval-agrafe-42", **FAST) != encoded  # a new salt each time


@pytest.mark.parametrize("bad", ["", "bcrypt:1:2:3:4:5", "scrypt:1000:8:1:c2FsdHNhbHQ:a2V5a2V5a2V5a2V5a2V5",
                                 "scrypt:1024:8:1:!!:??", "scrypt:1048576:64:1:c2FsdHNhbHQ:a2V5a2V5a2V5a2V5a2V5"])
def test_malformed_hashes_are_refused(bad: str) -> None:
    with pytest.raises(PasswordHashError):
        parse_hash(bad)
    settings = _settings(AICT_ADMIN_PASSWORD_HASH=bad or "x")
    assert "admin-hash" in configuration_error(settings)
    assert not check_password(settings, "anything")  # an unusable hash locks, it never opens


def test_hash_wins_over_the_plain_password() -> None:
    settings = _settings(AICT_ADMIN_PASSWORD="plain-password", AICT_ADMIN_PASSWORD_HASH=hash_password("hashed-password", **FAST))
    assert check_password(settings, "hashed-password") and not check_password(settings, "plain-password")
    plain = _settings(AICT_ADMIN_PASSWORD="plain-password")
    assert check_password(plain, "plain-password") and not check_password(plain, "plain-passwor")
    assert not check_password(_settings(), "")  # nothing configured: no password is right
    assert "plain-password" not in repr(plain)


def test_five_failures_impose_a_wait_that_holds_even_for_the_right_password() -> None:
    settings, clock = _settings(AICT_ADMIN_PASSWORD="le-bon-mot-de-passe"), Clock()
    limiter = LoginLimiter(clock)
    messages = [attempt_login(settings, f"faux-{i}", limiter).message for i in range(5)]
    assert messages[0] == "Mot de passe incorrect. Encore 4 essais avant une attente."
    assert "patientez 30 secondes" in messages[4]
    clock.now += FIRST_WAIT_S - 1
    held = attempt_login(settings, "le-bon-mot-de-passe", limiter)
    assert not held.ok and "Trop d'essais manqués : patientez 1 seconde" in held.message
    clock.now += 2
    assert not attempt_login(settings, "faux-6", limiter).ok
    assert limiter.wait_s() == pytest.approx(2 * FIRST_WAIT_S)  # each further failure doubles the wait
    clock.now += 2 * FIRST_WAIT_S
    assert attempt_login(settings, "le-bon-mot-de-passe", limiter).ok
    assert limiter.failures == 0 and limiter.wait_s() == 0


def test_admin_hash_cli_reads_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def run(password: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))  # not a tty: the first line is the password
        status = main(["admin-hash"], settings=_settings())
        out, err = capsys.readouterr()
        return status, out, err

    status, out, err = run("un mot de passe solide")
    assert status == 0 and verify_password("un mot de passe solide", out.strip())
    assert "AICT_ADMIN_PASSWORD_HASH=" in err
    status, out, err = run("court")
    assert status == 2 and "trop court" in err and not out


def test_serve_sets_streamlit_upload_cap_from_settings() -> None:
    command = streamlit_command(_settings(AICT_MAX_FILE_MB="7.5"), "127.0.0.1", 8600)
    assert command[command.index("--server.maxUploadSize") + 1] == "8"


def test_streamlit_config_for_visitors() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["toolbarMode"] == "viewer"  # no « Deploy »
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["maxUploadSize"] == Settings.from_env({}).max_file_mb
    assert config["server"]["enableStaticServing"] is True and (ROOT / "static" / "favicon.png").is_file()


def _entry(sha: str, ids: list[str], source: str = "a.md") -> dict:  # type: ignore[type-arg]
    return {"source": source, "sha256": sha, "chunk_ids": ids, "title": "", "date": ""}


def test_changes_between_manifests() -> None:
    before = {"/c/a.md": _entry("s1", ["x", "y"]), "/c/b.md": _entry("s2", ["z"], "b.md"), "/c/same.md": _entry("s3", ["w"])}
    after = {"/c/a.md": _entry("s1b", ["y", "q", "r"]), "/c/same.md": _entry("s3", ["w"]), "/c/new.md": _entry("s4", ["n"], "new.md")}
    changes = {c["path"]: c for c in changes_between(before, after)}
    assert set(changes) == {"/c/a.md", "/c/b.md", "/c/new.md"}
    assert changes["/c/a.md"] == {"action": "updated", "file": "a.md", "path": "/c/a.md", "sha256": "s1b",
                                  "chunks_added": 2, "chunks_removed": 1}
    assert (changes["/c/b.md"]["action"], changes["/c/b.md"]["chunks_removed"], changes["/c/b.md"]["sha256"]) == ("removed", 1, "s2")
    assert changes["/c/new.md"]["action"] == "added"
    retitled = changes_between({"/c/a.md": _entry("s1", ["x"])}, {"/c/a.md": _entry("s9", ["x"])}, action="metadata")
    assert retitled[0]["action"] == "metadata" and retitled[0]["chunks_added"] == 0


def test_audit_log_keeps_the_last_twenty_newest_first(tmp_path: Path) -> None:
    log = AuditLog(tmp_path)
    assert log.recent() == [] and log.record([], "admin") == 0
    for i in range(25):
        log.record([{"action": "added", "file": f"f{i}.md", "path": "", "sha256": "", "chunks_added": i, "chunks_removed": 0}], "admin")
    with log.path.open("a", encoding="utf-8") as fh:
        fh.write("{pas du json\n")
    rows = log.recent()
    assert len(rows) == 20 and rows[0]["file"] == "f24.md" and rows[-1]["file"] == "f5.md"
    assert rows[0]["actor"] == "admin" and rows[0]["at"][:2] == "20"


def test_dates_and_titles_found_in_the_first_page(tmp_path: Path) -> None:
    from tests.test_pdf import write_pdf

    assert date_in_text("Compte rendu\nKoudougou, le 1er mars 2024\nloi de 1992") == "2024-03-01"
    assert date_in_text("Rapport annuel 2024, loi de 1992") == "2024"
    assert date_in_text("Séance de juin 2023") == "2023-06"
    assert date_in_text("le 31/02/2020, puis le 15/06/2021") == "2021-06-15"
    assert date_in_text("référence 2087") == ""
    pdf = write_pdf(tmp_path / "rapport-koudougou-2024.pdf", [
        ["Rapport d'activité du jumelage avec Koudougou", "Conseil municipal du 12 mars 2024"],
        ["Le jumelage a financé quarante-deux forages en 2023."]], header="Ville de Testville")
    # fpdf dates the file today and gives no title: the first page says better, and its running header is no title
    assert guess_metadata(pdf.name, pdf.read_bytes()) == {"title": "Rapport d'activité du jumelage avec Koudougou", "date": "2024-03-12"}
    note = "---\ntitle: Note du maire\ndate: 2025-01-15\n---\nTexte de la note.".encode()
    assert guess_metadata("note.md", note) == {"title": "Note du maire", "date": "2025-01-15"}
    assert guess_metadata("bilan-2023.txt", b"x") == {"title": "Bilan 2023", "date": ""}


def test_dates_are_checked_and_sidecars_merged(tmp_path: Path) -> None:
    assert normalize_date(" 2024-02 ") == "2024-02" and normalize_date("") == ""
    for bad in ("12/03/2024", "2024-13", "2023-02-30", "mars"):
        with pytest.raises(ValueError, match="AAAA, AAAA-MM ou AAAA-MM-JJ"):
            normalize_date(bad)
    doc = tmp_path / "r.pdf"
    (tmp_path / "r.pdf.meta.json").write_text('{"publisher": "Ville de Test", "title": "Ancien"}', encoding="utf-8")
    write_sidecar(doc, " Nouveau titre ", "2024")
    assert json.loads((tmp_path / "r.pdf.meta.json").read_text(encoding="utf-8")) == {
        "publisher": "Ville de Test", "title": "Nouveau titre", "date": "2024"}


def test_refusal_lines_do_not_repeat_the_file_name() -> None:
    report = SyncReport(files=[
        FileResult("/u/broken.pdf", "broken.pdf", "refused", "broken.pdf : ce PDF est endommagé ou tronqué et ne peut pas être lu."),
        FileResult("/u/rapport-annuel.pdf", "rapport annuel.pdf", "refused", "rapport-annuel.pdf : le fichier est vide (0 octet)."),
        FileResult("/u/note.md", "note.md", "added", chunks=3)])
    lines = outcome_of(report).lines
    assert lines[0] == ("error", "**broken.pdf** : refusé — ce PDF est endommagé ou tronqué et ne peut pas être lu.")
    assert lines[1] == ("error", "**rapport annuel.pdf** : refusé — le fichier est vide (0 octet).")
    assert lines[2] == ("success", "**note.md** : ajouté (3 extrait(s))")


def test_passage_headings_are_shown_as_headings_never_as_raw_markdown() -> None:
    citation = Citation(1, "s.md", "T", None, "", "## Se jeter à l'eau à plusieurs\n\nUne commune <b>seule</b> hésite.\n### Fin ###")
    shown = highlighted_html(citation)
    assert "#" not in shown.replace("&#x27;", "")
    assert shown.startswith("<strong class='aict-heading'>Se jeter à l&#x27;eau à plusieurs</strong><br><br>")
    assert "&lt;b&gt;seule&lt;/b&gt;" in shown and shown.endswith("<strong class='aict-heading'>Fin</strong>")


def test_feedback_keeps_no_personal_data() -> None:
    answer = Answer(question="Jean Dupont, 12 rue des Lilas, demande si la mairie finance son projet ?", mode="question",
                    answer="Jean Dupont peut solliciter…", abstained=False,
                    citations=[Citation(1, "a.md", "A", 3, "2024", "texte", section="S")])
    row = feedback_row(answer, "up")
    assert "Dupont" not in json.dumps(row, ensure_ascii=False)
    assert set(row) == {"day", "vote", "mode", "intent", "backend", "abstained", "citations"}
    with pytest.raises(ValueError):
        feedback_row(answer, "bof")


def test_documents_are_served_as_pdf_at_a_page_or_as_utf8_text(tmp_path: Path) -> None:
    static = tmp_path / "static"
    pdf = tmp_path / "rapport.pdf"
    pdf.write_bytes(b"%PDF-1.4 fake but enough to copy")
    url = document_url(str(pdf), 3, static)
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()[:32]
    assert url == f"app/static/documents/{digest}.pdf#page=3"
    assert (static / "documents" / f"{digest}.pdf").read_bytes() == pdf.read_bytes()
    text = tmp_path / "note.txt"
    text.write_bytes("Coopération\nÉté 2024".encode("cp1252"))
    text_url = document_url(str(text), None, static)
    assert text_url and text_url.endswith(".txt")
    assert (static / text_url.removeprefix("app/static/")).read_text(encoding="utf-8") == "Coopération\nÉté 2024"
    sheet = tmp_path / "fiche.md"
    sheet.write_text("---\ntitle: Repères\ndate: 2025-09-16\n---\n\n## Le **principe**\n\n- Un point", encoding="utf-8")
    shown = (static / document_url(str(sheet), None, static).removeprefix("app/static/")).read_text(encoding="utf-8")
    assert shown == "Repères\n=======\nDate des faits : 2025-09-16\n\nLe principe\n-----------\n\n• Un point\n"  # no ## nor **
    unpublish(pdf, static)
    assert not (static / "documents" / f"{digest}.pdf").exists()
    document_url(str(pdf), 1, static)
    assert prune([pdf], static) == 2 and [f.name for f in (static / "documents").iterdir()] == [f"{digest}.pdf"]
    assert document_url(str(tmp_path / "absent.pdf"), 1, static) is None


def test_oidc_account_rules() -> None:
    assert oidc_actor({"is_logged_in": False}, ()) == (None, "")
    assert oidc_actor({"is_logged_in": True, "email": "elue@ville.fr"}, ()) == ("elue@ville.fr", "")
    assert oidc_actor({"is_logged_in": True, "email": "Elue@Ville.fr"}, ("elue@ville.fr",))[0] == "Elue@Ville.fr"
    actor, notice = oidc_actor({"is_logged_in": True, "email": "x@ailleurs.fr"}, ("elue@ville.fr",))
    assert actor is None and "x@ailleurs.fr" in notice and "AICT_ADMIN_EMAILS" in notice
    assert _settings(AICT_ADMIN_EMAILS=" Elue@Ville.fr, dgs@ville.fr ").admin_emails == ("elue@ville.fr", "dgs@ville.fr")
