"""What an indexing run did, file by file: read by the CLI, the Corpus page and the audit trail.

Kept apart from both the store (`index.py`) and the journey (`ingestion.py`),
since each of them fills one: a removal on the Corpus page and a sync both return a `SyncReport`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class FileResult:
    path: str
    source: str
    status: str  # added | updated | unchanged | removed | duplicate | refused
    message: str = ""
    pages: int = 0
    chunks: int = 0


@dataclass
class SyncReport:
    files: list[FileResult] = field(default_factory=list)
    chunks_added: int = 0
    chunks_removed: int = 0
    chunks_unchanged: int = 0
    seconds: float = 0.0
    changed: bool = False

    @property
    def pages(self) -> int:
        return sum(f.pages for f in self.files)

    @property
    def refused(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "refused"]

    def summary(self) -> str:
        return (
            f"{len(self.files)} fichier(s), {self.pages} page(s) ; extraits : {self.chunks_added} ajouté(s), "
            f"{self.chunks_removed} supprimé(s), {self.chunks_unchanged} inchangé(s) ; "
            f"{len(self.refused)} fichier(s) refusé(s) ; {self.seconds:.1f} s"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "files": [f.__dict__ for f in self.files],
            "pages": self.pages,
            "chunks_added": self.chunks_added,
            "chunks_removed": self.chunks_removed,
            "chunks_unchanged": self.chunks_unchanged,
            "refused": len(self.refused),
            "seconds": round(self.seconds, 2),
        }
