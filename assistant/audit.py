"""The audit trail: one JSON line per corpus change in `<data dir>/audit.jsonl`, from the app and the CLI alike.

Changes are read off the index manifest before and after an operation rather than off its report:
the manifest says exactly which chunks each file gained or lost, whoever ran the operation.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

AUDIT_NAME = "audit.jsonl"
ACTIONS_FR = {
    "added": "ajout",
    "updated": "mise à jour",
    "removed": "retrait",
    "metadata": "titre ou date modifiés",
    "rebuild": "reconstruction de l'index",
}


def manifest_files(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A private copy of the manifest's file entries, to compare with a later state."""
    return json.loads(json.dumps(manifest.get("files", {})))


def changes_between(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]],
                    action: str | None = None) -> list[dict[str, Any]]:
    """One change per file whose content, metadata or chunks differ; unchanged files give nothing.

    `action` overrides the derived one (e.g. « metadata » for a title edited in the app).
    """
    changes = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        old_ids = set(old.get("chunk_ids", [])) if old else set()
        new_ids = set(new.get("chunk_ids", [])) if new else set()
        if old and new and old.get("sha256") == new.get("sha256") and old_ids == new_ids:
            continue
        entry = new or old or {}
        derived = "added" if not old else "removed" if not new else "updated"
        changes.append({
            "action": action if action and new else derived,
            "file": entry.get("source", Path(key).name),
            "path": key,
            "sha256": entry.get("sha256", ""),
            "chunks_added": len(new_ids - old_ids),
            "chunks_removed": len(old_ids - new_ids),
        })
    return changes


class AuditLog:
    """Append-only; each line is written with one `write` on a file opened in append mode, so
    the app and the CLI writing at the same time never interleave inside a line."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / AUDIT_NAME

    def record(self, changes: list[dict[str, Any]], actor: str) -> int:
        """Write the changes as done by `actor` (« admin », an OIDC account, « cli »…); returns the line count."""
        if not changes:
            return 0
        at = datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
        lines = "".join(json.dumps({"at": at, "actor": actor, **change}, ensure_ascii=False) + "\n" for change in changes)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        try:
            os.write(fd, lines.encode("utf-8"))
        finally:
            os.close(fd)
        return len(changes)

    def recent(self, limit: int = 20) -> list[dict[str, Any]]:
        """The last `limit` changes, newest first; a damaged line is skipped, not fatal."""
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except OSError:
            return []
        rows = []
        for line in reversed(lines):
            try:
                row = json.loads(line)
            except ValueError:
                continue
            if isinstance(row, dict):
                rows.append(row)
            if len(rows) == limit:
                break
        return rows


def rebuild_change() -> dict[str, Any]:
    """`ingest.py --rebuild` rebuilds the store from the same files: one line says it happened."""
    return {"action": "rebuild", "file": "", "path": "", "sha256": "", "chunks_added": 0, "chunks_removed": 0}
