"""Evaluation on a JSONL question set: retrieval (recall@k, MRR), facts in answers, abstention, and per-mode checks.

A retrieval hit is a passage containing one of the item's `gold` strings,
compared on letters and digits only, case-insensitively.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from assistant.checks import answer_checks
from assistant.pipeline import Assistant
from assistant.questions import prepare


def fold(text: str) -> str:
    """Letters and digits only, lower case: the comparison rule for gold strings and facts."""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[\W_]+", "", text)


def contains_any(text: str, needles: Iterable[str]) -> bool:
    folded = fold(text)
    return any(fold(n) and fold(n) in folded for n in needles)


def load_items(path: Path) -> list[dict[str, Any]]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            items.append(json.loads(line))
    return items


def split_of(item_id: str) -> str:
    """A fixed half for every id: "tune" items may guide changes, "test" items only measure them."""
    return "test" if int(hashlib.sha256(item_id.encode("utf-8")).hexdigest()[:8], 16) % 2 else "tune"


def select_split(items: list[dict[str, Any]], split: str) -> list[dict[str, Any]]:
    if split == "all":
        return items
    return [it for it in items if split_of(str(it.get("id", ""))) == split]


def default_mode(item: dict[str, Any]) -> str:
    if item.get("mode"):
        return str(item["mode"])
    return "contre-argument" if item.get("kind") == "counter" else "question"


@dataclass
class EvalReport:
    retrieval: dict[str, float] = field(default_factory=dict)
    facts: dict[str, float] = field(default_factory=dict)
    abstention: dict[str, float] = field(default_factory=dict)
    modes: dict[str, dict[str, float]] = field(default_factory=dict)
    items: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"retrieval": self.retrieval, "facts": self.facts, "abstention": self.abstention, "modes": self.modes,
                "items": self.items}


def retrieval_ranks(assistant: Assistant, items: list[dict[str, Any]], k: int = 10) -> list[int | None]:
    """Rank (0-based) of the first gold passage for each item with gold strings."""
    ranks: list[int | None] = []
    for item in items:
        passages = assistant.search.search(prepare(item["question"]).search_text, k)
        rank = next((i for i, p in enumerate(passages) if contains_any(p.chunk.text, item["gold"])), None)
        ranks.append(rank)
    return ranks


def ranking_metrics(ranks: list[int | None]) -> dict[str, float]:
    n = max(1, len(ranks))
    return {
        "r1": sum(r == 0 for r in ranks if r is not None) / n,
        "r5": sum(r < 5 for r in ranks if r is not None) / n,
        "mrr": sum(1 / (r + 1) for r in ranks if r is not None) / n,
        "n": len(ranks),
    }


def fact_ok(answer_text: str, item: dict[str, Any]) -> bool | None:
    if item.get("facts_all"):
        return all(contains_any(answer_text, [f]) for f in item["facts_all"])
    if item.get("facts_any"):
        return contains_any(answer_text, item["facts_any"])
    return None


def evaluate(assistant: Assistant, items: list[dict[str, Any]], mode: str | None = None) -> EvalReport:
    report = EvalReport()
    gold_items = [it for it in items if it.get("gold")]
    report.retrieval = ranking_metrics(retrieval_ranks(assistant, gold_items))
    fact_results, in_scope_abstained, out_results = [], 0, []
    per_mode: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        item_mode = mode or default_mode(item)
        answer = assistant.answer(item["question"], mode=item_mode, id=item.get("id", ""), generate=False)
        body = answer.answer.split("**Sources**")[0]
        checks = answer_checks(answer)
        row = {"id": item.get("id"), "mode": item_mode, "abstained": answer.abstained, **checks}
        if item.get("kind") == "out_of_scope":
            out_results.append(answer.abstained)
        else:
            in_scope_abstained += answer.abstained
            ok = fact_ok(body, item)
            if ok is not None:
                fact_results.append(ok)
                row["fact_ok"] = ok
            if item.get("kind") == "counter" and item.get("gold"):
                row["gold_cited"] = any(contains_any(c.text, item["gold"]) for c in answer.citations)
            per_mode.setdefault(item_mode, []).append(row)
        report.items.append(row)
    report.facts = {"coverage": sum(fact_results) / max(1, len(fact_results)), "n": len(fact_results)}
    in_scope_n = len(items) - len(out_results)
    report.abstention = {
        "out_of_scope_accuracy": sum(out_results) / max(1, len(out_results)),
        "out_of_scope_n": len(out_results),
        "in_scope_abstained": in_scope_abstained,
        "in_scope_n": in_scope_n,
        "false_abstention_rate": in_scope_abstained / max(1, in_scope_n),
    }
    for item_mode, rows in per_mode.items():
        answered = [r for r in rows if not r["abstained"]]
        stats = {
            "n": len(rows),
            "citation_validity": _mean(r["citation_validity"] for r in answered),
            "figure_faithfulness": _mean(r["figure_faithfulness"] for r in answered),
            "min_distinct_passages": min((r["distinct_passages"] for r in answered), default=0),
        }
        gold_rows = [r for r in rows if "gold_cited" in r]
        if gold_rows:
            stats["gold_cited"] = sum(r["gold_cited"] for r in gold_rows) / len(gold_rows)
        report.modes[item_mode] = stats
    return report


def _mean(values: Iterable[float]) -> float:
    vals = list(values)
    return sum(vals) / len(vals) if vals else 1.0


def evaluate_kinds(assistant: Assistant, items: list[dict[str, Any]]) -> dict[str, Any]:
    """Objection-kind accuracy and confusions on labelled objections (eval/objection_kinds.jsonl)."""
    from collections import Counter

    from assistant.objection import objection_text
    from assistant.objection_kinds import classify_objection

    confusion: Counter[tuple[str, str]] = Counter()
    for item in items:
        text = objection_text(item["text"]) or item["text"]
        found = classify_objection(text, assistant.search.query_vector, assistant.index.embeddings).kind.id
        confusion[(item["kind"], found)] += 1
    right = sum(n for (gold, found), n in confusion.items() if gold == found)
    return {"n": len(items), "accuracy": right / max(1, len(items)),
            "confusions": [{"gold": g, "found": f, "n": n} for (g, f), n in confusion.most_common() if g != f]}
