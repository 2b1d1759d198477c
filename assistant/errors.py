"""Errors a user can meet. Each carries a French message; only the CLI and the app print it."""

from __future__ import annotations


class AictError(Exception):
    """Base class: `str(error)` is a French sentence fit for a user."""


class IngestError(AictError):
    """A file that cannot be indexed; the rest of the run goes on."""


class IndexBusy(AictError):
    """Another ingestion holds the lock."""


class IndexUnavailable(AictError):
    """The data directory or the vector store cannot be used."""


class BackendUnavailable(AictError):
    """The generative endpoint failed; the caller falls back to the extractive answer."""
