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

CHROMIUM = "/usr/bin/chromium"
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
    hostile = tmp_path_factory.mktemp("hostile") / "compte-rendu.md"
    hostile.write_text(HOSTILE, encoding="utf-8")
    index = Index(make_settings(data_dir))
    ingest_paths(index, [ROOT / "corpus"])
    ingest_paths(index, [hostile])
    port = free_port()
    log = open(data_dir / "streamlit.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=clean_env(data_dir), stdout=log, stderr=subprocess.STDOUT,
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
