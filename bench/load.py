"""Load measures for `make bench`: ten sessions sharing one `Assistant`, and the first answer of a fresh server.

Streamlit caches one `Assistant` per process and every browser session calls it
from its own thread, so the concurrency measure does exactly that: threads over
one object, each asking its share of 100 varied questions in the four modes.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval"
MODES = ("question", "contre-argument", "fiche", "article")
PER_MODE = 25


def _lines(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (EVAL / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def _pools() -> dict[str, list[str]]:
    """Each mode's own requests first; fiche and article, which have fewer, are topped up with fact questions."""
    facts = [i["question"] for name in ("dev.jsonl", "heldout.jsonl", "paraphrase.jsonl") for i in _lines(name)
             if i.get("kind") in ("fact", "out_of_scope")]
    requests = _lines("requests.jsonl")
    counters = [i["question"] for i in _lines("paraphrase.jsonl") if i.get("kind") == "counter"]
    counters += [i["text"] for i in _lines("objection_kinds.jsonl")]
    return {
        "question": facts,
        "contre-argument": [i["request"] for i in requests if i["mode"] == "contre-argument"] + counters,
        "fiche": [i["request"] for i in requests if i["mode"] == "fiche"],
        "article": [i["request"] for i in requests if i["mode"] == "article"],
        "_facts": facts,
    }


def workload(seed: int = 14) -> list[tuple[str, str]]:
    """100 (question, mode) pairs, 25 per mode, all distinct, in a shuffled but fixed order."""
    rng = random.Random(seed)
    pools = _pools()
    spare = list(pools["_facts"])
    rng.shuffle(spare)
    out: list[tuple[str, str]] = []
    for mode in MODES:
        own = list(dict.fromkeys(pools[mode]))
        rng.shuffle(own)
        chosen = own[:PER_MODE]
        while len(chosen) < PER_MODE:
            chosen.append(spare.pop())
        out += [(q, mode) for q in chosen]
    rng.shuffle(out)
    return out


def _percentile(values: list[float], q: float) -> float:
    return round(float(np.percentile(np.asarray(values), q)), 1) if values else 0.0


def _timed(assistant, question: str, mode: str) -> tuple[float, str | None, str]:  # type: ignore[no-untyped-def]
    """(milliseconds, error or None, answer text) for one answer, without the optional model."""
    started = time.perf_counter()
    try:
        text = assistant.answer(question, mode=mode, generate=False).answer
        error = None
    except Exception as exc:  # noqa: BLE001 - every failure is counted, none stops the run
        text, error = "", f"{type(exc).__name__}: {exc}"
    return (time.perf_counter() - started) * 1000, error, text


def concurrent_latency(settings, sessions: int = 10) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The workload answered by `sessions` threads at once over one shared, warmed-up Assistant.

    Its questions are new to that Assistant (no query vector is cached for them), as a server's are. The
    same workload answered alone by another Assistant gives the reference answers: an answer given under
    load that differs from it counts as inconsistent, since shared state must not leak between sessions.
    """
    from assistant.pipeline import Assistant
    from assistant.warmup import warm

    items = workload()
    load_before = os.getloadavg()[0]  # other processes on the machine change these figures: say how busy it was
    reference = Assistant(settings)
    warm(reference)
    alone = [_timed(reference, q, m) for q, m in items]
    shared = Assistant(settings)
    warm(shared)  # what the server's background warm-up has done before the visitors come
    started = time.perf_counter()
    with ThreadPoolExecutor(sessions) as pool:
        loaded = list(pool.map(lambda item: _timed(shared, *item), items))
    wall = time.perf_counter() - started
    errors = [e for _, e, _ in loaded if e] + [e for _, e, _ in alone if e]
    inconsistent = sum(1 for a, b in zip(alone, loaded) if not a[1] and not b[1] and a[2] != b[2])
    timings = [ms for ms, _, _ in loaded]
    return {
        "sessions": sessions, "answers": len(items), "errors": len(errors), "error_samples": errors[:3],
        "inconsistent": inconsistent, "p50_ms": _percentile(timings, 50), "p95_ms": _percentile(timings, 95),
        "max_ms": round(max(timings), 1), "wall_s": round(wall, 2),
        "alone_p50_ms": _percentile([ms for ms, _, _ in alone], 50),
        "alone_p95_ms": _percentile([ms for ms, _, _ in alone], 95),
        "modes": {m: sum(1 for _, mode in items if mode == m) for m in MODES},
        "loadavg_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }


FIRST_ANSWER = """
import json, sys, time
started = time.perf_counter()
sys.path.insert(0, {root!r})
from assistant.settings import Settings
from assistant.warmup import load_shared_assistant
assistant = load_shared_assistant(Settings.from_env())
loaded = time.perf_counter()
answer = assistant.answer({question!r}, mode={mode!r}, generate=False)
done = time.perf_counter()
print(json.dumps({{"load_ms": (loaded - started) * 1000, "answer_ms": (done - loaded) * 1000,
                  "abstained": answer.abstained}}))
"""

FIRST_QUESTIONS = {
    "question": "Quels outils financiers l'AFD propose-t-elle aux collectivités ?",
    "contre-argument": "C'est de l'argent public gaspillé à l'étranger.",
    "fiche": "FICOL",
    "article": "Rédige un article sur la coopération décentralisée et la jeunesse pour le bulletin municipal",
}


def first_answer(data_dir: Path) -> dict[str, Any]:
    """The first answer of a fresh server, in each mode, each in a new process.

    Each process loads the shared Assistant exactly as app.py does (which starts the background warm-up),
    then asks at once, without the seconds a visitor spends typing: the warm-up and the answer compete.
    `load_ms` (imports and the Assistant) is what the first page load pays; `answer_ms` is the first
    answer. `first_answer_ms` is the slowest mode's `answer_ms`.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "AICT_"))}
    env["AICT_DATA_DIR"] = str(data_dir)
    env["AICT_CORPUS_DIR"] = str(ROOT / "corpus")
    per_mode = {}
    for mode, question in FIRST_QUESTIONS.items():
        code = FIRST_ANSWER.format(root=str(ROOT), question=question, mode=mode)
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        measured = json.loads(out.stdout.strip().splitlines()[-1])
        per_mode[mode] = {"load_ms": round(measured["load_ms"], 1), "answer_ms": round(measured["answer_ms"], 1)}
    return {"first_answer_ms": max(m["answer_ms"] for m in per_mode.values()), "first_answer_by_mode": per_mode}
