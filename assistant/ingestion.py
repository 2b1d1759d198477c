"""Ingestion as a service: the CLI and the app both call `ingest_paths`, which syncs the index
and refreshes what depends on the corpus (sentence vectors, the argumentaire's links)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from assistant.errors import AictError
from assistant.index import Index, ProgressFn, SyncReport
from assistant.settings import Settings

STATUS_FR = {
    "added": "ajouté",
    "updated": "mis à jour",
    "unchanged": "inchangé",
    "removed": "retiré de l'index",
    "duplicate": "doublon ignoré",
    "refused": "refusé",
}


def ingest_paths(
    index: Index,
    paths: list[Path],
    progress: ProgressFn | None = None,
    display_names: dict[str, str] | None = None,
) -> SyncReport:
    report = index.sync(paths, progress=progress or (lambda m, f: None), display_names=display_names)
    from assistant.argumentaire import refresh_links
    from assistant.sentence_index import SentenceIndex

    # Sentence vectors are computed here, once, so that the first question does not pay for them.
    SentenceIndex(index).ensure()
    refresh_links(index)
    return report


def rebuild(index: Index, settings: Settings, progress: ProgressFn | None = None) -> SyncReport:
    """Drop the vector store and re-index the corpus and the uploads (vectors come back from the embedding cache)."""
    index.reset_store()
    uploads = index.data_dir / "uploads"
    return ingest_paths(index, [settings.corpus_dir] + ([uploads] if uploads.is_dir() else []), progress)


class _ProgressBar:
    """A tqdm bar on stderr, created at the first update so that an early error prints alone."""

    def __init__(self) -> None:
        self.bar = None

    def __call__(self, message: str, fraction: float) -> None:
        from tqdm import tqdm

        if self.bar is None:
            self.bar = tqdm(total=1000, desc="Indexation", bar_format="{desc}: {percentage:3.0f}%|{bar}| {postfix}", file=sys.stderr)
        target = int(fraction * 1000)
        if target > self.bar.n:
            self.bar.update(target - self.bar.n)
        self.bar.set_postfix_str(message[:60], refresh=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run_cli_ingest(raw_paths: list[str], settings: Settings, rebuild_store: bool = False, as_json: bool = False) -> int:
    paths = [Path(p) for p in raw_paths] or [settings.corpus_dir]
    try:
        index = Index(settings)
        bar = _ProgressBar()
        try:
            if rebuild_store:
                report = rebuild(index, settings, bar)
            else:
                report = ingest_paths(index, paths, bar)
        finally:
            bar.close()
    except AictError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        for f in report.files:
            if f.status != "unchanged":
                detail = f" — {f.message}" if f.message else ""
                print(f"{STATUS_FR[f.status]:>18} : {f.source}{detail}")
        print(report.summary())
    return 1 if report.refused else 0
