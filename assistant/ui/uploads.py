"""Uploaded files: safe names inside the data directory, then the same ingestion as the CLI."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from assistant.index import Index, ProgressFn, SyncReport
from assistant.ingestion import ingest_paths
from assistant.loaders import SUPPORTED_SUFFIXES


def safe_filename(name: str) -> str:
    """A file name that cannot leave the uploads folder: no path parts, no control characters.

    Accents are kept (users recognise their files), spaces become dashes.
    """
    name = unicodedata.normalize("NFC", name.replace("\\", "/").split("/")[-1])
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip().strip(".")
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = re.sub(r"[^\w.-]+", "-", stem, flags=re.U).strip("-.")[:120] or "document"
    suffix = re.sub(r"[^\w]", "", suffix).lower()
    return f"{stem}.{suffix}" if suffix else stem


@dataclass
class Upload:
    name: str
    data: bytes


def uploads_dir(index: Index) -> Path:
    path = index.data_dir / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_and_ingest(index: Index, files: list[Upload], progress: ProgressFn | None = None) -> SyncReport:
    """Write each upload under a safe, unique name, then index them all in one run.

    A refused file is removed again from the uploads folder, so it is not retried at every re-index.
    """
    folder = uploads_dir(index)
    saved: list[Path] = []
    names: dict[str, str] = {}
    rejected: list[tuple[str, str]] = []
    for upload in files:
        safe = safe_filename(upload.name)
        if Path(safe).suffix.lower() not in SUPPORTED_SUFFIXES:
            rejected.append((upload.name, f"{upload.name} : format non pris en charge (formats acceptés : PDF, .txt, .md)."))
            continue
        target = folder / safe
        counter = 2
        while target.exists() and target.read_bytes() != upload.data:
            target = folder / f"{Path(safe).stem}-{counter}{Path(safe).suffix}"
            counter += 1
        target.write_bytes(upload.data)
        saved.append(target)
        names[str(target.resolve())] = upload.name
    report = ingest_paths(index, saved, progress=progress, display_names=names) if saved else SyncReport()
    from assistant.index import FileResult

    for original, message in rejected:
        report.files.append(FileResult(original, original, "refused", message))
    for result in report.files:
        if result.status in ("refused", "duplicate") and result.path in names:
            Path(result.path).unlink(missing_ok=True)
    return report
