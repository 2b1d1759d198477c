"""Preparing one council session: the note de séance (note.py) and its printed forms (render.py)."""

from assistant.seance.note import SeanceNote, prepare_note
from assistant.seance.subject import Subject

__all__ = ["SeanceNote", "Subject", "prepare_note"]
