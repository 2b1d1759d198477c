"""A real two-page PDF written by the test: accents, a ligature, a hyphenated line end, a running header."""

from pathlib import Path

import pytest
from fpdf import FPDF

from assistant.chunking import chunk_document
from assistant.loaders import load_file

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def write_pdf(path: Path, pages: list[list[str]], header: str = "Bulletin AICT — Ville de Test") -> Path:
    if not FONT.exists():
        pytest.fail(f"police {FONT} absente : installez fonts-dejavu-core (fait par .ci/run)")
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    for lines in pages:
        pdf.add_page()
        pdf.set_font("DejaVu", size=12)
        pdf.cell(0, 10, header, new_x="LMARGIN", new_y="NEXT")
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_two_page_pdf_comes_out_clean_with_page_numbers(tmp_path: Path) -> None:
    pdf = write_pdf(
        tmp_path / "rapport.pdf",
        [
            ["La coopération décentralisée de la ville a été ﬁnancée à", "hauteur de 12 000 euros en 2024 pour le dévelop-",
             "pement de l'accès à l'eau au Sénégal."],
            ["Les élèves du collège ont échangé avec Ziguinchor.", "Le conseil municipal a voté la stratégie à l'unanimité."],
        ],
    )
    doc = load_file(pdf)
    assert [p.number for p in doc.pages] == [1, 2]
    page1, page2 = doc.pages[0].text, doc.pages[1].text
    assert "financée" in page1  # ligature ﬁ unfolded
    assert "développement de l'accès à l'eau au Sénégal" in page1  # hyphenated line end joined
    assert "Bulletin AICT" not in page1 + page2  # running header removed
    assert "élèves" in page2 and "Ziguinchor" in page2
    chunks = chunk_document(doc)
    assert {c.page for c in chunks} == {1, 2}
    assert all(c.source == "rapport.pdf" for c in chunks)
