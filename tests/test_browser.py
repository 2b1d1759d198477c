"""A real browser: `streamlit run app.py` on a free loopback port, driven by Playwright in Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from assistant.index import Index
from assistant.ingestion import ingest_paths
from tests.conftest import ROOT, clean_env, free_port, make_settings, wait_until
from tests.test_pdf import write_pdf

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "mot-de-passe-navigateur"
HOSTILE = """---
title: Compte rendu piégé
date: 2025-05-01
---

Le jumelage de Testville avec Bobo-Dioulasso a été renouvelé en 2025 <script>window.__pwned = 'script'</script> pour trois ans.

La délégation de Testville a visité les écoles partenaires <img src=x onerror="window.__pwned = 'img'"> au printemps.
"""


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    message = f"Chromium est introuvable ({CHROMIUM}) : installez le paquet Debian « chromium »."
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, corpus_data_dir):  # type: ignore[no-untyped-def]
    _require_chromium()
    data_dir = tmp_path_factory.mktemp("browser-data")
    shutil.copy(corpus_data_dir / "embeddings-cache.sqlite", data_dir / "embeddings-cache.sqlite")
    extra = tmp_path_factory.mktemp("extra")
    hostile = extra / "compte-rendu.md"
    hostile.write_text(HOSTILE, encoding="utf-8")
    report = write_pdf(extra / "rapport-koudougou.pdf", [
        ["Rapport d'activité du jumelage avec Koudougou", "Conseil municipal du 12 mars 2024"],
        ["Le jumelage avec Koudougou a financé quarante-deux forages en 2023 dans les villages voisins."]])
    index = Index(make_settings(data_dir))
    ingest_paths(index, [ROOT / "corpus"])
    ingest_paths(index, [hostile, report])
    port = free_port()
    log = open(data_dir / "streamlit.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=clean_env(data_dir, AICT_ADMIN_PASSWORD=PASSWORD, AICT_MAX_FILE_MB="1"), stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).status == 200, what="Streamlit")
    except BaseException:
        proc.kill()
        print((data_dir / "streamlit.log").read_text())
        raise
    yield url
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield instance
        instance.close()


def _ask(page, question: str) -> None:  # type: ignore[no-untyped-def]
    box = page.get_by_test_id("stChatInputTextArea")
    box.wait_for(timeout=60_000)
    box.fill(question)
    box.press("Enter")


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_question_citation_and_source(app_url, browser, tmp_path, width) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(app_url)
    _ask(page, "Quels outils financiers l'AFD propose-t-elle aux collectivités ?")
    answer = page.get_by_test_id("stChatMessage").filter(has_text="[1]").last
    answer.wait_for(timeout=90_000)
    assert "FICOL" in answer.inner_text()
    source = page.get_by_test_id("stExpander").filter(has_text="[1]").first
    source.locator("summary").click()
    passage = source.locator("mark").first
    passage.wait_for(state="visible", timeout=30_000)
    assert len(passage.inner_text()) > 20
    assert "##" not in source.inner_text()  # headings show as headings
    shot = tmp_path / f"reponse-{width}px.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    if os.environ.get("AICT_SCREENSHOT_DIR"):
        shutil.copy(shot, Path(os.environ["AICT_SCREENSHOT_DIR"]) / shot.name)
    page.close()


@pytest.mark.browser
def test_html_in_documents_is_shown_as_text_never_run(app_url, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(app_url)
    _ask(page, "Quand le jumelage de Testville avec Bobo-Dioulasso a-t-il été renouvelé ?")
    page.get_by_test_id("stChatMessage").filter(has_text="[1]").last.wait_for(timeout=90_000)
    source = page.get_by_test_id("stExpander").filter(has_text="Compte rendu piégé").first
    source.locator("summary").click()
    source.get_by_text("<script>", exact=False).first.wait_for(state="visible", timeout=30_000)
    page.wait_for_timeout(1000)
    assert page.evaluate("() => window.__pwned === undefined")
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_two_turn_follow_up_and_reload(app_url, browser, tmp_path, width) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(app_url)
    _ask(page, "Que fait la DAECT ?")
    page.get_by_test_id("stChatMessage").filter(has_text="[1]").last.wait_for(timeout=90_000)
    _ask(page, "Et jusqu'à quel taux ?")
    page.get_by_text("Question comprise", exact=False).first.wait_for(timeout=90_000)
    understood = page.get_by_text("Question comprise", exact=False).first.inner_text()
    assert "DAECT" in understood
    page.get_by_test_id("stChatMessage").filter(has_text="%").last.wait_for(timeout=90_000)
    assert "?c=" in page.url  # the conversation lives in the address…
    shot = tmp_path / f"relance-{width}px.png"
    page.screenshot(path=str(shot), full_page=True)
    if os.environ.get("AICT_SCREENSHOT_DIR"):
        shutil.copy(shot, Path(os.environ["AICT_SCREENSHOT_DIR"]) / shot.name)
    page.reload()  # …so a reload finds it again
    page.get_by_text("Et jusqu'à quel taux ?", exact=False).first.wait_for(timeout=90_000)
    page.close()


@pytest.mark.browser
def test_note_de_seance_downloads_as_docx(app_url, browser, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page.goto(app_url)
    page.get_by_test_id("stSidebar").get_by_text("Préparer une séance", exact=True).click()
    subject = page.get_by_label("Objet de la délibération")
    subject.wait_for(timeout=60_000)
    subject.fill("Aide d'urgence aux sinistrés du séisme au Maroc")
    subject.press("Tab")
    page.get_by_role("button", name="Préparer la note").click()
    button = page.get_by_role("button", name="Télécharger la note (.docx)")
    button.wait_for(timeout=180_000)
    with page.expect_download(timeout=60_000) as download:
        button.click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.suffix == ".docx"
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "Note de séance — Aide d'urgence" in text and "Les objections probables et les réponses" in text
    page.close()


def _open_corpus(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_test_id("stChatInputTextArea").wait_for(timeout=60_000)
    page.get_by_test_id("stSidebar").get_by_text("Corpus", exact=True).click()
    page.get_by_role("heading", name="Corpus").wait_for()


def _login(page, password: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("Mot de passe administrateur").fill(password)
    page.get_by_role("button", name="Se connecter").click()


@pytest.mark.browser
def test_only_the_admin_changes_the_corpus(app_url, browser, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(app_url)
    _open_corpus(page)
    files, counts = page.locator("input[type=file]"), page.get_by_test_id("stSidebar").get_by_text("document(s)")
    page.get_by_label("Mot de passe administrateur").wait_for()
    expect(files).to_have_count(0)
    before = counts.inner_text()
    _login(page, "pas-le-bon")
    page.get_by_text("Mot de passe incorrect").wait_for()
    expect(files).to_have_count(0)
    _login(page, PASSWORD)
    # The server may still be warming up in the background (twelve Argumentaire replies): the login's rerun waits for
    # the interpreter, a few seconds on 2 cores.
    expect(files).to_have_count(1, timeout=20_000)
    dropzone = page.get_by_test_id("stFileUploaderDropzone")
    expect(dropzone.get_by_role("button", name="Parcourir", exact=True)).to_be_visible()  # the picker speaks French
    snapshot = dropzone.aria_snapshot()
    assert "MB per file" not in snapshot and "file upload" not in snapshot and "glissez-déposez" in snapshot
    assert "1 Mo au plus" in page.get_by_test_id("stFileUploader").inner_text()
    too_big = tmp_path / "trop-gros.txt"
    too_big.write_bytes(b"coop\n" * 300_000)  # 1,5 Mo: refused by the picker itself, which must say so in French
    files.set_input_files(str(too_big))
    chip = page.get_by_test_id("stFileChip").filter(has_text="trop-gros.txt")
    expect(chip.get_by_role("alert")).to_have_text("Erreur : Fichier trop volumineux : 1 Mo au plus.")
    chip.get_by_test_id("stFileChipDeleteBtn").get_by_role("button").click()
    expect(chip).to_have_count(0)
    note = tmp_path / "note-du-navigateur.txt"
    note.write_text("Le comité de jumelage de Testville se réunit chaque premier mardi du mois.", encoding="utf-8")
    files.set_input_files(str(note))  # XSRF protection is on: the upload goes through it
    page.get_by_role("button", name="Indexer les fichiers").click()
    page.get_by_text("note-du-navigateur.txt : ajouté").wait_for(timeout=90_000)
    expect(counts).not_to_have_text(before)  # the sidebar follows the change
    page.get_by_test_id("stSelectbox").filter(has_text="Document").click()
    page.keyboard.type("note-du")  # the list is long and drawn lazily: narrow it as a user would
    page.get_by_role("option", name="note-du-navigateur.txt").click()
    page.get_by_role("button", name="Retirer de l'index…").click()
    page.get_by_text("seront supprimés du serveur").wait_for()
    page.get_by_role("button", name="Confirmer le retrait").click()
    page.get_by_text("note-du-navigateur.txt : retiré de l'index").wait_for(timeout=60_000)
    expect(counts).to_have_text(before)
    page.get_by_role("button", name="Se déconnecter").click()
    expect(files).to_have_count(0)  # logging out locks again
    page.get_by_label("Mot de passe administrateur").wait_for()
    page.close()


@pytest.mark.browser
def test_visitor_view_title_icon_toolbar_and_pdf_at_its_page(app_url, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(app_url)
    example = page.locator(".st-key-example-3 button")  # the longest example: read whole, not cut with « … »
    example.wait_for(timeout=60_000)
    assert "bulletin municipal" in example.inner_text()
    assert example.evaluate("b => [b, ...b.querySelectorAll('*')].every(e => e.scrollWidth <= e.clientWidth + 1)")
    _ask(page, "Combien de forages le jumelage avec Koudougou a-t-il financés ?")
    page.get_by_test_id("stChatMessage").filter(has_text="[1]").last.wait_for(timeout=90_000)
    assert page.title() == "Assistant AICT" and page.get_by_text("Deploy", exact=True).count() == 0
    assert not page.get_by_test_id("stMainMenu").is_visible()  # its Print / Record screen are English and useless here
    icons = page.evaluate("() => [...document.querySelectorAll('link[rel~=icon]')].map(link => link.href)")
    assert len(icons) == 1 and "/media/" in icons[0]  # static/favicon.png, served by Streamlit; no external font icon
    assert page.request.get(icons[0]).headers["content-type"] == "image/png"
    source = page.get_by_test_id("stExpander").filter(has_text="p. 2").first
    source.locator("summary").click()
    link = source.get_by_role("link", name="Ouvrir le document complet (page 2)")
    href = link.get_attribute("href")
    assert href.startswith("app/static/documents/") and href.endswith(".pdf#page=2") and link.get_attribute("target") == "_blank"
    served = page.request.get(f"{app_url}/{href.split('#')[0]}")
    assert served.status == 200 and served.headers["content-type"] == "application/pdf" and served.body().startswith(b"%PDF")
    page.close()


@pytest.mark.browser
def test_phone_sidebar_closes_and_swallows_taps_beside_it(app_url, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(app_url)
    page.get_by_test_id("stChatInputTextArea").wait_for(timeout=60_000)
    sidebar = page.get_by_test_id("stSidebar")
    page.get_by_test_id("stExpandSidebarButton").tap()
    sidebar.get_by_text("Calculateur", exact=True).tap()
    page.get_by_text("Coût par habitant").wait_for()
    page.wait_for_function("() => document.querySelector('[data-testid=stSidebar]').dataset.collapsed === 'true'")
    budget = page.get_by_label("Population (habitants)")
    box = budget.bounding_box()
    page.get_by_test_id("stExpandSidebarButton").tap()
    page.wait_for_function("() => document.querySelector('[data-testid=stSidebar]').dataset.collapsed === 'false'")
    page.touchscreen.tap(box["x"] + box["width"] - 20, box["y"] + box["height"] / 2)  # beside the sidebar, on a field
    page.wait_for_function("() => document.querySelector('[data-testid=stSidebar]').dataset.collapsed === 'true'")
    page.wait_for_timeout(500)
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") != "Population (habitants)"
    assert budget.input_value() == "25 000"
    context.close()
