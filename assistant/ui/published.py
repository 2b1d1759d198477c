"""« Ouvrir le document complet »: a copy of the document served by Streamlit's static file serving.

A download button saved the raw file; a browser opens a served PDF in its own viewer, at the cited
page (`#page=N`). Text files are served as UTF-8 plain text, so they show as text instead of
downloading; a Markdown file is served as readable text (its front matter as a header, headings
underlined, no `##` nor `**`), since Streamlit serves no HTML. Copies are named by their content
hash: unguessable from the file name, and shared by every citation of the same file. Streamlit
serves only `static/` next to `app.py`, hence that folder.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from assistant.settings import PROJECT_ROOT

STATIC_DIR = PROJECT_ROOT / "static"
FOLDER = "documents"
URL_PREFIX = f"app/static/{FOLDER}"  # relative, so it works behind a base URL path too
TEXT_SUFFIXES = (".txt", ".md")


@lru_cache(maxsize=512)
def _digest(path: str, size: int, mtime_ns: int) -> str:
    """Keyed by size and mtime as well: a file edited in place gets a new copy, the old one is never served."""
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()[:32]


def published_name(path: Path) -> str | None:
    """The copy's file name, or None when the document cannot be read (or is not PDF or text)."""
    suffix = path.suffix.lower()
    if suffix != ".pdf" and suffix not in TEXT_SUFFIXES:
        return None
    try:
        stat = path.stat()
        digest = _digest(str(path), stat.st_size, stat.st_mtime_ns)
    except OSError:
        return None
    return f"{digest}.pdf" if suffix == ".pdf" else f"{digest}.md.txt" if suffix == ".md" else f"{digest}.txt"


def _as_utf8_text(path: Path) -> bytes:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding).encode("utf-8")
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1").encode("utf-8")


_FRONT_LABELS = (("date", "Date des faits"), ("publisher", "Éditeur"), ("source_url", "Source principale"), ("url", "Adresse"))


def markdown_as_text(markdown: str) -> str:
    """A Markdown sheet as a reader sees it in plain text: title and front matter on top, headings underlined."""
    from assistant.loaders import parse_front_matter

    meta, body = parse_front_matter(markdown)
    lines: list[str] = []
    if meta.get("title"):
        lines += [meta["title"], "=" * min(len(meta["title"]), 80)]
    lines += [f"{label} : {meta[key]}" for key, label in _FRONT_LABELS if meta.get(key)]
    for raw in body.splitlines():
        heading = re.match(r"^(#{1,6})\s+(.*)$", raw)
        text = re.sub(r"\*\*(.+?)\*\*|__(.+?)__", lambda m: m.group(1) or m.group(2), heading.group(2) if heading else raw)
        if heading:
            lines += ["", text, ("=" if len(heading.group(1)) == 1 else "-") * min(len(text), 80)]
        else:
            lines.append(re.sub(r"^(\s*)[-*]\s+", r"\1• ", text))
    return "\n".join(lines).strip() + "\n"


def publish(path: Path, static_dir: Path = STATIC_DIR) -> str | None:
    """The served copy's relative URL, writing the copy if needed; None if it cannot be made."""
    name = published_name(path)
    if name is None:
        return None
    target = static_dir / FOLDER / name
    if not target.exists():
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{name}.{os.getpid()}.tmp")
            if name.endswith(".pdf"):
                shutil.copyfile(path, tmp)
            elif name.endswith(".md.txt"):
                tmp.write_text(markdown_as_text(_as_utf8_text(path).decode("utf-8")), encoding="utf-8")
            else:
                tmp.write_bytes(_as_utf8_text(path))
            os.replace(tmp, target)  # atomic: two sessions publishing at once both end with a whole file
        except OSError:
            return None
    return f"{URL_PREFIX}/{name}"


def document_url(path: str, page: int | None, static_dir: Path = STATIC_DIR) -> str | None:
    """Where « Ouvrir le document complet » points: the PDF at the cited page, or the text."""
    url = publish(Path(path), static_dir) if path else None
    if url and page and url.endswith(".pdf"):
        url += f"#page={page}"
    return url


def unpublish(path: Path, static_dir: Path = STATIC_DIR) -> None:
    """Withdraw the served copy of a document that leaves the index (call before deleting the file)."""
    name = published_name(path)
    if name:
        (static_dir / FOLDER / name).unlink(missing_ok=True)


def prune(indexed: Iterable[Path], static_dir: Path = STATIC_DIR) -> int:
    """Withdraw the copies of documents no longer indexed (gone from a folder, removed by the CLI)."""
    keep = {published_name(path) for path in indexed}
    folder = static_dir / FOLDER
    stale = [f for f in folder.glob("*") if f.name not in keep] if folder.is_dir() else []
    for f in stale:
        f.unlink(missing_ok=True)
    return len(stale)
