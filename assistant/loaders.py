"""Read PDF, .txt and .md files into `SourceDocument`s, with their metadata.

Metadata comes from Markdown front matter, from a sidecar `<file>.meta.json`
next to any file, or, for PDFs, from the document info. Loaders raise
`IngestError` with a French reason so that one bad file never stops a run.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Callable, Iterator

from assistant.cleaning import clean_pages, clean_text
from assistant.documents import Page, SourceDocument
from assistant.errors import IngestError

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".md")
SIDECAR_SUFFIX = ".meta.json"
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """A small `key: value` YAML subset: enough for title, publisher, date, url."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        if ":" in line and not line.startswith((" ", "\t", "#")):
            key, value = line.split(":", 1)
            meta[key.strip()] = value.strip().strip('"').strip("'")
    return meta, text[match.end():]


def _read_sidecar(path: Path) -> dict[str, Any]:
    side = sidecar_path(path)
    if not side.exists():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IngestError(f"{path.name} : le fichier de métadonnées {side.name} est illisible ({exc}).") from exc
    return data if isinstance(data, dict) else {}


def _default_title(path: Path) -> str:
    return re.sub(r"[-_]+", " ", path.stem).strip().capitalize()


def _decode(raw: bytes, name: str) -> str:
    if b"\x00" in raw[:4096]:
        raise IngestError(f"{name} : ce fichier n'est pas un texte lisible (contenu binaire).")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _document(path: Path, kind: str, meta: dict[str, Any], pages: list[Page], display_name: str | None) -> SourceDocument:
    date = str(meta.get("date", "") or "")
    return SourceDocument(
        path=str(path),
        source=display_name or path.name,
        title=str(meta.get("title") or _default_title(path)),
        date=date,
        publisher=str(meta.get("publisher", "") or ""),
        url=str(meta.get("url") or meta.get("source_url") or ""),
        kind=kind,
        pages=pages,
    )


def load_text(path: Path, display_name: str | None = None) -> SourceDocument:
    text = _decode(path.read_bytes(), path.name)
    meta: dict[str, Any] = {}
    kind = "md" if path.suffix.lower() == ".md" else "txt"
    if kind == "md":
        meta, text = parse_front_matter(text)
    meta.update(_read_sidecar(path))
    cleaned = clean_text(text)
    if len(cleaned.split()) < 3:
        raise IngestError(f"{path.name} : le fichier est vide ou ne contient pas de texte exploitable.")
    return _document(path, kind, meta, [Page(number=None, text=cleaned)], display_name)


def iter_pdf_pages(path: Path) -> tuple[dict[str, Any], int, Iterator[str]]:
    """Open a PDF and yield its pages' raw text one at a time, to keep memory bounded."""
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    name = path.name
    with path.open("rb") as fh:
        head = fh.read(1024)
    if not head:
        raise IngestError(f"{name} : le fichier est vide (0 octet).")
    if b"%PDF" not in head:
        raise IngestError(f"{name} : ce fichier porte l'extension .pdf mais n'est pas un PDF.")
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:  # noqa: BLE001 - pypdf raises several types for unsupported crypto
                ok = 0
            if not ok:
                raise IngestError(
                    f"{name} : ce PDF est protégé par un mot de passe ; enregistrez-en une copie sans protection pour l'indexer."
                )
        count = len(reader.pages)
    except IngestError:
        raise
    except FileNotDecryptedError as exc:
        raise IngestError(f"{name} : ce PDF est protégé par un mot de passe.") from exc
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AttributeError, IndexError) as exc:
        raise IngestError(f"{name} : ce PDF est endommagé ou tronqué et ne peut pas être lu.") from exc
    except Exception as exc:  # noqa: BLE001 - malformed PDFs raise arbitrary errors inside pypdf
        raise IngestError(f"{name} : ce PDF est endommagé et ne peut pas être lu.") from exc
    if count == 0:
        raise IngestError(f"{name} : ce PDF ne contient aucune page.")
    info: dict[str, Any] = {}
    try:
        raw_info = reader.metadata or {}
        info = {
            "title": str(raw_info.get("/Title") or "").strip(),
            "publisher": str(raw_info.get("/Author") or "").strip(),
        }
        created = str(raw_info.get("/CreationDate") or "")
        m = re.search(r"(\d{4})(\d{2})(\d{2})", created)
        if m:
            info["date"] = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    except Exception:  # noqa: BLE001 - a broken info dictionary must not block the text
        info = {}

    def pages() -> Iterator[str]:
        for index in range(count):
            try:
                yield reader.pages[index].extract_text() or ""
            except Exception as exc:  # noqa: BLE001
                raise IngestError(f"{name} : la page {index + 1} est illisible ({type(exc).__name__}).") from exc

    return {k: v for k, v in info.items() if v}, count, pages()


def load_pdf(
    path: Path,
    display_name: str | None = None,
    on_page: Callable[[int, int], None] | None = None,
) -> SourceDocument:
    info, count, page_iter = iter_pdf_pages(path)
    raw_pages: list[str] = []
    for index, text in enumerate(page_iter, start=1):
        raw_pages.append(text)
        if on_page:
            on_page(index, count)
    cleaned = clean_pages(raw_pages)
    if sum(len(p.split()) for p in cleaned) < 3:
        raise IngestError(f"{path.name} : aucun texte extractible : ce document doit être passé à l'OCR.")
    meta = {**info, **_read_sidecar(path)}
    pages = [Page(number=i, text=t) for i, t in enumerate(cleaned, start=1) if t.strip()]
    return _document(path, "pdf", meta, pages, display_name)


def load_file(
    path: Path,
    display_name: str | None = None,
    on_page: Callable[[int, int], None] | None = None,
) -> SourceDocument:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise IngestError(f"{path.name} : format non pris en charge (formats acceptés : PDF, .txt, .md).")
    if not path.is_file():
        raise IngestError(f"{path.name} : fichier introuvable.")
    if path.stat().st_size == 0:
        raise IngestError(f"{path.name} : le fichier est vide (0 octet).")
    if suffix == ".pdf":
        return load_pdf(path, display_name, on_page)
    return load_text(path, display_name)


def discover(paths: list[Path]) -> list[Path]:
    """Files under the given paths, sorted; sidecars and hidden files excluded.

    Unsupported formats are returned too, so that the run reports them instead of skipping them silently.
    """
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(
                f for f in sorted(p.rglob("*"))
                if f.is_file() and not f.name.startswith(".") and not f.name.endswith(SIDECAR_SUFFIX)
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
        else:
            found.append(p)
    return found
