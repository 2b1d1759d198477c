"""Post-hoc checks of an answer against its passages: citations that exist, figures that are there.

They run on generated answers (failing sentences are removed) and, in `eval`,
on every answer, extractive ones included, so that both are held to the same rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.documents import Answer, Passage
from assistant.figures import meaningful_numbers, numbers

_MARKER = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_EDITORIAL_NOTE = re.compile(r"_\([^)]*\)_")
_AFTER_MARKERS = re.compile(r"(?<=\])(?:\s*[.;,:])?\s+(?=[^\s\[])")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀ-Ý«0-9])")


def cited_numbers(sentence: str) -> list[int]:
    out: list[int] = []
    for group in _MARKER.findall(sentence):
        out.extend(int(n) for n in re.split(r"\s*[,;]\s*", group))
    return out


def _split_sentences_outside_quotes(piece: str) -> list[str]:
    """Sentence boundaries, ignoring those inside « … » quotations."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(piece):
        before = piece[: m.start()]
        if before.count("«") > before.count("»"):
            continue
        out.append(piece[start : m.start()])
        start = m.end()
    out.append(piece[start:])
    return [u.strip() for u in out if u.strip()]


def line_units(line: str) -> list[str]:
    """Sentences of one line; citation markers stay with the sentence they follow."""
    out: list[str] = []
    for piece in _AFTER_MARKERS.split(line.strip()):
        parts = _split_sentences_outside_quotes(piece)
        # "A. B. [1]": the closing citation covers every sentence of the group.
        trailing = " ".join(f"[{g}]" for g in _MARKER.findall(parts[-1])) if parts else ""
        out.extend(p if _MARKER.search(p) or not trailing else f"{p} {trailing}" for p in parts)
    return out


def units(text: str) -> list[str]:
    return [u for line in text.split("\n") for u in line_units(line)]


def _is_structure(unit: str) -> bool:
    """Headings, bold claim lines and empty bullets carry no fact to cite."""
    bare = unit.strip().lstrip("-•>0123456789. ").strip()
    if not bare or bare.startswith("#") or bare.endswith(":"):
        return True
    return bare.startswith(("**", "_")) and bare.endswith(("**", "_", "**."))


@dataclass
class CheckedText:
    text: str
    cited: set[int] = field(default_factory=set)
    report: dict[str, Any] = field(default_factory=dict)


def check_answer(text: str, passages: list[Passage]) -> CheckedText:
    """Remove sentences with a citation to a passage not given, or a figure absent from what they cite."""
    passage_numbers = [numbers(p.chunk.text) for p in passages]
    kept_lines: list[str] = []
    removed: list[dict[str, str]] = []
    cited: set[int] = set()
    markers = valid_markers = figure_sentences = faithful = 0
    for line in text.split("\n"):
        kept_units = []
        for unit in line_units(line):
            if not unit.strip():
                continue
            refs = cited_numbers(unit)
            markers += len(refs)
            bad = [n for n in refs if not 1 <= n <= len(passages)]
            valid_markers += len(refs) - len(bad)
            if bad:
                removed.append({"sentence": unit.strip(), "reason": f"citation invalide {bad}"})
                continue
            figures = meaningful_numbers(_MARKER.sub(" ", unit))
            if figures:
                figure_sentences += 1
                available = set().union(*(passage_numbers[n - 1] for n in refs)) if refs else set()
                missing = sorted(figures - available)
                if missing:
                    removed.append({"sentence": unit.strip(), "reason": f"chiffre absent des sources citées : {', '.join(missing)}"})
                    continue
                faithful += 1
            cited.update(refs)
            kept_units.append(unit.strip())
        if kept_units or not line.strip():
            kept_lines.append(" ".join(kept_units))
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(kept_lines)).strip()
    if not cited:
        cleaned = ""  # an answer with no valid citation is not grounded
    report = {
        "citation_validity": valid_markers / markers if markers else 1.0,
        "figure_faithfulness": faithful / figure_sentences if figure_sentences else 1.0,
        "removed_sentences": len(removed),
        "removed": removed,
    }
    return CheckedText(cleaned, cited, report)


def answer_checks(answer: Answer) -> dict[str, Any]:
    """Checks of a final answer (extractive or generated) against its own citation list."""
    body = answer.answer.split("**Sources**")[0]
    by_n = {c.n: c for c in answer.citations}
    markers = valid = figure_units = faithful = uncited = 0
    # Whole italic lines are our own framing (source lists, closing line), not claims.
    claims = "\n".join(l for l in body.split("\n") if not re.fullmatch(r"\s*(?:- )?_[^\n]*_\s*", l))
    for unit in units(claims):
        refs = cited_numbers(unit)
        unit = _EDITORIAL_NOTE.sub(" ", unit)  # "_(à vérifier : source de 2015)_" is ours, not a claim
        markers += len(refs)
        valid += sum(n in by_n for n in refs)
        figures = meaningful_numbers(_MARKER.sub(" ", unit))
        if figures and not _is_structure(unit):
            figure_units += 1
            available = set().union(*(numbers(by_n[n].text) for n in refs if n in by_n)) if refs else set()
            faithful += not (figures - available)
        if not refs and not _is_structure(unit):
            uncited += 1
    return {
        "citation_validity": valid / markers if markers else 1.0,
        "figure_faithfulness": faithful / figure_units if figure_units else 1.0,
        "distinct_passages": len({n for n in by_n if f"[{n}]" in body}),
        "uncited_sentences": uncited,
    }
