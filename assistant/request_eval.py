"""Scoring of writing and objection requests (eval/requests.jsonl): what a reviewer checks before using a reply as-is.

Per request: refused or not, on topic (one of the item's `topic_any` words in the reply), figures faithful to
their cited passages, quotes that open on a word leaning on an unshown sentence. Across counter-arguments: the
most repeated quote, the boilerplate a reader notices first.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from assistant.checks import answer_checks
from assistant.evaluation import contains_any, select_split
from assistant.cleaning import leans_on_previous

if TYPE_CHECKING:
    from assistant.pipeline import Assistant

_QUOTE = re.compile(r"«\s*([^«»]{20,}?)\s*»")


def _quotes(body: str) -> list[str]:
    return [q.strip() for q in _QUOTE.findall(body)]


def dangling_quotes(answer: Any) -> int:
    """Quoted document sentences that open on a word leaning on a sentence the reply does not show. Counted on
    what each citation quotes, not on the «…» of the text: a speaker's words inside a quote, or the
    objection restated, are not quotes that lean."""
    return sum(leans_on_previous(line) for c in answer.citations for line in (c.quote or "").split("\n") if line.strip())


def evaluate_requests(assistant: "Assistant", items: list[dict[str, Any]]) -> dict[str, Any]:
    rows = []
    counter_quotes: Counter[str] = Counter()
    for item in items:
        answer = assistant.answer(item["request"], mode=item.get("mode") or "question", generate=False)
        body = answer.answer.split("**Sources**")[0]
        quotes = _quotes(body)
        if answer.mode == "contre-argument":
            counter_quotes.update(set(quotes))
        rows.append({"id": item["id"], "mode": answer.mode, "refused": answer.abstained,
                     "on_topic": contains_any(body, item.get("topic_any", [])) if item.get("topic_any") else None,
                     "faithful": answer_checks(answer)["figure_faithfulness"],
                     "dangling": dangling_quotes(answer)})
    counters = sum(r["mode"] == "contre-argument" for r in rows)
    top, top_n = counter_quotes.most_common(1)[0] if counter_quotes else ("", 0)
    topical = [r["on_topic"] for r in rows if r["on_topic"] is not None]
    return {"n": len(rows), "refused": sum(r["refused"] for r in rows),
            "on_topic": sum(topical) / len(topical) if topical else 1.0,
            "figure_faithfulness": sum(r["faithful"] for r in rows) / max(1, len(rows)),
            "dangling": sum(r["dangling"] for r in rows), "counter_replies": counters,
            "most_repeated_quote": {"text": top[:120], "replies": top_n}, "rows": rows}


def print_requests_report(reports: dict[str, dict[str, Any]]) -> None:
    for name, r in reports.items():
        print(f"Demandes, moitié « {name} » ({r['n']}) : refusées {r['refused']} · dans le sujet {r['on_topic']:.3f} · "
              f"chiffres fidèles {r['figure_faithfulness']:.3f} · citations bancales {r['dangling']} · "
              f"citation la plus répétée : {r['most_repeated_quote']['replies']} sur {r['counter_replies']} contre-arguments")


def evaluate_request_halves(assistant: "Assistant", items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {name: evaluate_requests(assistant, select_split(items, name)) for name in ("tune", "test")}
