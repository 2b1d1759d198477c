"""A document's title and date, guessed before indexing and kept in its `<file>.meta.json` sidecar.

PDF properties are often wrong: the title of the template, the day the file was exported. The
first page usually says what the document is and when it was written (« Rapport d'activité 2024 »),
so it is preferred for the date. The guess only pre-fills the upload form; the user has the last word.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from assistant.loaders import parse_front_matter, sidecar_path

MONTHS = {"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
          "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12}
_MONTH = "|".join(MONTHS)
_FULL_FR = re.compile(rf"\b(1er|\d{{1,2}})\s+({_MONTH})\s+((?:19|20)\d{{2}})\b", re.I)
_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d{2})\b")
_ISO = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")
_MONTH_YEAR = re.compile(rf"\b({_MONTH})\s+((?:19|20)\d{{2}})\b", re.I)
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_JUNK_TITLES = re.compile(r"^(untitled|sans titre|document\d*|microsoft (word|powerpoint)\b.*|.*\.(docx?|odt|pdf|pptx?))$", re.I)
DATE_HELP = "AAAA, AAAA-MM ou AAAA-MM-JJ"


def _valid(year: int, month: int = 1, day: int = 1) -> bool:
    """A real calendar day, not after next year (a reference number like « 2087 » is no date)."""
    try:
        date(year, month, day)
    except ValueError:
        return False
    return year <= date.today().year + 1


def date_in_text(text: str) -> str:
    """The first full date of the text, else its first month and year, else its latest plausible year."""
    for pattern, parts in ((_ISO, lambda m: (m[1], m[2], m[3])),
                           (_FULL_FR, lambda m: (m[3], MONTHS[m[2].lower()], 1 if m[1] == "1er" else m[1])),
                           (_NUMERIC, lambda m: (m[3], m[2], m[1]))):
        for m in pattern.finditer(text):
            year, month, day = (int(x) for x in parts(m))
            if _valid(year, month, day):
                return f"{year:04d}-{month:02d}-{day:02d}"
    for m in _MONTH_YEAR.finditer(text):
        year, month = int(m[2]), MONTHS[m[1].lower()]
        if _valid(year, month):
            return f"{year:04d}-{month:02d}"
    years = [int(y) for y in _YEAR.findall(text) if _valid(int(y))]
    return str(max(years)) if years else ""


def _clean_line(line: str) -> str:
    return re.sub(r"\s+", " ", line.lstrip("# ")).strip()


def title_in_text(text: str, skip: frozenset[str] = frozenset()) -> str:
    """The first line that reads like a title: a few words, not a date, not a page number, and not in
    `skip` (a running header, found on the next page too)."""
    for line in text.splitlines()[:15]:
        line = _clean_line(line)
        words = [w for w in line.split() if any(c.isalpha() for c in w) and w.lower() not in MONTHS]
        if len(words) >= 2 and len(line.split()) <= 20 and len(line) <= 150 and line not in skip:
            return line
    return ""


def default_title(name: str) -> str:
    """The loader's own fallback: the file name, dashes as spaces."""
    return re.sub(r"[-_]+", " ", Path(name).stem).strip().capitalize()


def _pdf_guess(data: bytes) -> tuple[str, str, str, str]:
    """(properties' title, properties' date, first page's text, second page's text); all empty if unreadable."""
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data), strict=False)
        info = reader.metadata or {}
        title = str(info.get("/Title") or "").strip()
        created = re.search(r"(\d{4})(\d{2})(\d{2})", str(info.get("/CreationDate") or ""))
        first, second = ((reader.pages[i].extract_text() or "") if len(reader.pages) > i else "" for i in (0, 1))
    except Exception:  # noqa: BLE001 - a broken PDF is refused later, with its reason, by the indexer
        return "", "", "", ""
    return title, f"{created[1]}-{created[2]}-{created[3]}" if created else "", first, second


def guess_metadata(name: str, data: bytes) -> dict[str, str]:
    """{"title", "date"} for an uploaded file, before it is saved."""
    suffix = Path(name).suffix.lower()
    if suffix == ".pdf":
        props_title, props_date, first, second = _pdf_guess(data)
        running = frozenset(_clean_line(line) for line in second.splitlines())
        title = props_title if props_title and not _JUNK_TITLES.match(props_title) else title_in_text(first, running)
        return {"title": title or default_title(name), "date": date_in_text(first[:3000]) or props_date}
    text = data[:20000].decode("utf-8", errors="replace")
    front, body = parse_front_matter(text) if suffix == ".md" else ({}, text)
    return {"title": front.get("title") or title_in_text(body) or default_title(name),
            "date": front.get("date") or date_in_text(body[:3000])}


def normalize_date(text: str) -> str:
    """"" or an ISO date (AAAA, AAAA-MM, AAAA-MM-JJ); ValueError with a French reason otherwise."""
    text = text.strip()
    if not text:
        return ""
    m = re.fullmatch(r"((?:19|20)\d{2})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if not m or not _valid(int(m[1]), int(m[2] or 1), int(m[3] or 1)):
        raise ValueError(f"« {text} » n'est pas une date valide : écrivez {DATE_HELP}.")
    return text


def write_sidecar(path: Path, title: str, date_text: str) -> None:
    """Merge the title and date into the file's sidecar, the one place the loaders read them from."""
    side = sidecar_path(path)
    data: dict[str, Any] = {}
    if side.exists():
        try:
            loaded = json.loads(side.read_text(encoding="utf-8"))
            data = loaded if isinstance(loaded, dict) else {}
        except (OSError, ValueError):
            data = {}
    data.update({"title": title.strip(), "date": date_text})
    side.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
