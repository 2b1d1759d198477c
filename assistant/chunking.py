"""Split cleaned pages into passages of about 150–300 words on sentence boundaries.

Each chunk keeps its page and the nearest section heading, and gets an id derived
from its text alone, so the same content is never stored twice.
"""

from __future__ import annotations

import hashlib
import re

from assistant.cleaning import heading_text, is_heading, leans_on_previous, sentences
from assistant.documents import Chunk, SourceDocument

TARGET_WORDS = 190
MAX_WORDS = 280
MIN_WORDS = 130
OVERLAP_SENTENCES = 1
MAX_OVERLAP_SENTENCES = 3


def _overlap(current: list[str]) -> list[str]:
    """The sentences a new chunk repeats from the one before: the last one, and those it leans on
    (« Il s'agit… », « En l'occurrence… », a pronoun), so that no chunk opens on a sentence whose
    meaning is in the previous chunk: such a sentence could be neither quoted nor understood."""
    k = OVERLAP_SENTENCES
    while k < min(len(current), MAX_OVERLAP_SENTENCES) and leans_on_previous(current[-k].lstrip("\n")) \
            and not current[-k - 1].lstrip("\n").startswith("## "):
        k += 1
    return [s.lstrip("\n") for s in current[-k:]]


def content_id(text: str) -> str:
    """Stable id: the hash of the text with case, spacing and punctuation folded."""
    folded = re.sub(r"\W+", " ", text.lower()).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:24]


def _words(text: str) -> int:
    return len(text.split())


def _units(page_text: str) -> list[tuple[str, str | None]]:
    """(sentence, heading-before-it) units; a heading is emitted as its own marker."""
    units: list[tuple[str, str | None]] = []
    for para in page_text.split("\n\n"):
        para = para.strip()
        if not para:
            continue
        if is_heading(para):
            units.append(("", heading_text(para)))
            continue
        for i, sent in enumerate(sentences(para)):
            # Long sentences (tables, lists without punctuation) are cut by words.
            words = sent.split()
            while len(words) > MAX_WORDS:
                units.append((" ".join(words[:TARGET_WORDS]), None))
                words = words[TARGET_WORDS:]
            # Mark paragraph starts so that chunk text keeps paragraph breaks.
            units.append((("\n" if i == 0 else "") + " ".join(words), None))
    return units


def chunk_document(doc: SourceDocument) -> list[Chunk]:
    chunks: list[Chunk] = []
    section = ""
    for page in doc.pages:
        current: list[str] = []
        carried = OVERLAP_SENTENCES  # how many sentences of `current` repeat the previous chunk
        current_section = section

        def flush(keep_overlap: bool) -> None:
            nonlocal current, carried
            body = " ".join(current).replace(" \n", "\n\n").strip()
            if _words(body) >= 8:
                chunks.append(
                    Chunk(
                        id=content_id(body),
                        text=body,
                        source=doc.source,
                        title=doc.title,
                        date=doc.date,
                        page=page.number,
                        section=current_section,
                        publisher=doc.publisher,
                        url=doc.url,
                        path=doc.path,
                    )
                )
            current = _overlap(current) if keep_overlap else []
            carried = len(current) if keep_overlap else OVERLAP_SENTENCES

        for text, heading in _units(page.text):
            if heading is not None:
                if _words(" ".join(current)) >= 40:
                    flush(keep_overlap=False)
                section = heading
                if not current:
                    current_section = heading
                # The heading stays in the text (as Markdown), so search sees the topic it announces.
                current.append(f"\n## {heading}")
                continue
            size = _words(" ".join(current))
            if current and size + _words(text) > MAX_WORDS or size >= TARGET_WORDS:
                flush(keep_overlap=True)
                current_section = section
            current.append(text)
        if current and (_words(" ".join(current)) > 0):
            # A short tail joins the previous chunk of the same page when it fits.
            tail = " ".join(current).replace(" \n", "\n\n").strip()
            prev = chunks[-1] if chunks else None
            if (
                prev is not None
                and prev.page == page.number
                and prev.source == doc.source
                and _words(tail) < MIN_WORDS // 2
                and _words(prev.text) + _words(tail) <= MAX_WORDS + 40
                and len(current) > carried
            ):
                # Paragraph breaks and headings stay as in a chunk of its own: a heading glued to a sentence is neither.
                merged = prev.text + "\n\n" + " ".join(current[carried:]).replace(" \n", "\n\n").strip()
                chunks[-1] = Chunk(**{**prev.__dict__, "text": merged, "id": content_id(merged)})
            elif len(current) > carried or not chunks or chunks[-1].page != page.number:
                flush(keep_overlap=False)
    # Two chunks with identical text (repeated boilerplate) are kept once.
    seen: set[str] = set()
    unique = []
    for chunk in chunks:
        if chunk.id not in seen:
            seen.add(chunk.id)
            unique.append(chunk)
    return unique
