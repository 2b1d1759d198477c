"""Issue I: the shipped « Repères » sheets say where every fact comes from.

Each Markdown sheet in corpus/ opens with front matter (title, publisher, date of the facts, main source's
address) and every section that holds text ends with a « Source : » line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.loaders import parse_front_matter
from tests.conftest import ROOT

SHEETS = sorted((ROOT / "corpus").glob("*.md"))


def sections(body: str) -> list[tuple[str, list[str]]]:
    """(heading, non-empty lines) for each heading of the sheet."""
    out: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("#"):
            out.append((line.lstrip("# ").strip(), []))
        elif line.strip() and out:
            out[-1][1].append(line.strip())
    return out


def test_there_are_sheets_on_every_topic() -> None:
    assert len(SHEETS) >= 6


@pytest.mark.parametrize("path", SHEETS, ids=lambda p: p.name)
def test_front_matter(path: Path) -> None:
    meta, body = parse_front_matter(path.read_text(encoding="utf-8"))
    assert meta.get("title") and meta.get("publisher", "").startswith("Compilation de sources publiques")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(meta.get("date", ""))), "date des faits au format AAAA-MM-JJ"
    assert str(meta.get("source_url", "")).startswith(("http://", "https://")), "adresse de la source principale"
    assert body.lstrip().startswith("# ")


@pytest.mark.parametrize("path", SHEETS, ids=lambda p: p.name)
def test_every_section_ends_with_its_source(path: Path) -> None:
    _, body = parse_front_matter(path.read_text(encoding="utf-8"))
    unsourced = [heading for heading, lines in sections(body) if lines and not re.match(r"Sources? :", lines[-1])]
    assert not unsourced, f"sections sans ligne « Source : » finale : {unsourced}"
