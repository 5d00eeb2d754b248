"""Benchmark fact extraction and consistency checks on the five seed reports.

Reads the seeds from ../shared/seeds (or $KTXH_SEEDS_DIR) and the hand-checked dev set
from ktxh/engine/text/devset/. A predicted fact matches a gold fact when the value and
unit are equal, the line is within 1, and the indicator phrases share at least half of
their folded content words (Dice >= 0.5); each gold fact matches at most once.
A finding matches a gold finding of the same type within 1 line.
"""

from __future__ import annotations

import json
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ktxh.engine.text import analyse  # noqa: E402
from ktxh.engine.text.matching import similarity  # noqa: E402

DEVSET = ROOT / "ktxh" / "engine" / "text" / "devset"
SEEDS = Path(os.environ.get("KTXH_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
INDICATOR_DICE = 0.5


def _load(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def _fact_matches(pred: dict, gold: dict) -> bool:
    return (
        abs(pred["line"] - gold["line"]) <= 1
        and Decimal(pred["value"]) == Decimal(gold["value"])
        and pred["unit"] == gold["unit"]
        and similarity(pred["indicator"] or "", gold["indicator"] or "") >= INDICATOR_DICE
    )


def _match(preds: list[dict], golds: list[dict], same) -> int:
    used, hits = set(), 0
    for p in preds:
        for k, g in enumerate(golds):
            if k not in used and same(p, g):
                used.add(k)
                hits += 1
                break
    return hits


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def main() -> int:
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        print(f"no seeds in {SEEDS}", file=sys.stderr)
        return 2
    texts = {s.name: s.read_text(encoding="utf-8") for s in seeds}
    started = time.perf_counter()
    results = {name: analyse(text, source_name=name) for name, text in texts.items()}
    wall = time.perf_counter() - started
    tp = n_pred = n_gold = ftp = f_pred = f_gold = f_found = 0
    for name, (facts, findings) in results.items():
        gold = _load(DEVSET / f"{name}.expected.jsonl")
        gold_findings = _load(DEVSET / f"{name}.findings.jsonl")
        preds = [f.to_dict() for f in facts]
        if gold:  # only files with a dev set count toward precision and recall
            n_pred += len(preds)
            n_gold += len(gold)
            tp += _match(preds, gold, _fact_matches)
        found = [f.to_dict() for f in findings]
        f_found += len(found)
        f_pred += len(found)
        f_gold += len(gold_findings)
        ftp += _match(found, gold_findings,
                      lambda p, g: p["type"] == g["type"] and abs(p["line"] - g["line"]) <= 1)
    precision, recall = _ratio(tp, n_pred), _ratio(tp, n_gold)
    f1 = _ratio(2 * precision * recall, precision + recall) if precision + recall else 0.0
    print(f"bench: extract_wall_time {wall:.2f} s")
    print(f"bench: extract_facts {n_pred} count")
    print(f"bench: extract_gold_facts {n_gold} count")
    print(f"bench: extract_precision {precision:.3f} ratio")
    print(f"bench: extract_recall {recall:.3f} ratio")
    print(f"bench: extract_f1 {f1:.3f} ratio")
    print(f"bench: check_precision {_ratio(ftp, f_pred):.3f} ratio")
    print(f"bench: check_recall {_ratio(ftp, f_gold):.3f} ratio")
    print(f"bench: check_findings {f_found} count")
    print(f"bench: check_gold_findings {f_gold} count")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
