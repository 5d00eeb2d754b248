"""The errors of the text reader on one annotated tuning set, for whoever writes reading rules.

    .venv/bin/python bench/extract_errors.py heldout3 [--field period] [--confirmed]
    .venv/bin/python bench/extract_errors.py heldout5 --checks
    .venv/bin/python bench/extract_errors.py heldout9 --counts

For every gold fact not matched strictly it prints the first field that is wrong (value/unit,
indicator words, period, kind, catalog code, or "missed" when no figure with the gold's value and
unit was read within a line), the gold line and the nearest reading; then the readings that match
no gold fact (false facts). With ``--checks`` it lists the findings instead, matched as
bench/extract.py matches them (same type within a line): each reported finding that matches no gold
finding (false alarm: type, line, message, quote) and each gold finding missed (type, line, why, the
text line). Only the tuning sets (fresh, heldout2 … heldout7) may be listed: the
held-out set (heldout9) is refused, it must stay unseen, except with ``--counts``:
the number of errors of each cause and of false readings, no line, text or reading printed (how the
lead reports the main error kinds of a held-out score without reading its errors).
"""

from __future__ import annotations

import sys
from collections import Counter
from decimal import Decimal

from extract import (
    HELD_OUT_SETS,
    TUNING_SETS,
    _catalog,
    _finding_matches,
    _held_out,
    _match,
    _pairs,
    _same_indicator,
    _strict_fact_matches,
    analyse,
    confirmed_period,
)

TUNING = {folder.name: folder for folder in TUNING_SETS}
HELD_OUT = {folder.name: folder for folder in HELD_OUT_SETS if folder.is_dir()}  # their errors stay unread


def _first_wrong(pred: dict | None, gold: dict) -> str:
    if pred is None:
        return "missed"
    if not _same_indicator(pred["indicator"], gold["indicator"]):
        return "indicator"
    for field in ("period", "kind", "catalog_code"):
        if pred.get(field) != gold.get(field):
            return field
    return "?"


def _nearest(preds: list[dict], gold: dict) -> dict | None:
    """A reading of the gold's value within a line (its unit first), else None."""
    same = [p for p in preds if abs(p["line"] - gold["line"]) <= 1 and Decimal(p["value"]) == Decimal(gold["value"])]
    same.sort(key=lambda p: (p["unit"] != gold["unit"], abs(p["line"] - gold["line"])))
    return same[0] if same else None


def _list_checks(texts: dict, gold_findings: dict, catalog, confirmed: dict) -> None:
    false = missed = 0
    for name, text in texts.items():
        found = [f.to_dict() for f in analyse(text, catalog=catalog, period=confirmed.get(name))[1]]
        gold = gold_findings[name]
        pairs = _pairs(found, gold, _finding_matches)
        matched, used = set(pairs), set(pairs.values())
        lines = text.split("\n")
        for i, f in enumerate(found):
            if i not in matched:
                false += 1
                print(f"{name}:{f['line']} [false {f['type']}] {f['message']}")
                print(f"    quote {f.get('quote', '')[:240]}")
        for k, g in enumerate(gold):
            if k not in used:
                missed += 1
                print(f"{name}:{g['line']} [missed {g['type']}] {g['why'][:240]}")
                print(f"    text {lines[g['line'] - 1][:240] if g['line'] <= len(lines) else ''}")
    print(f"false alarms {false}, missed {missed}")


def main() -> int:
    args = sys.argv[1:]
    counts_only = "--counts" in args
    if args and args[0] in HELD_OUT and not counts_only:
        print(f"extract_errors.py: {args[0]} is held out; its errors are not listed", file=sys.stderr)
        return 2
    sets = {**TUNING, **HELD_OUT} if counts_only else TUNING
    if not args or args[0] not in sets:
        print(f"usage: extract_errors.py {{{','.join(TUNING)}}} [--field F] [--confirmed] [--checks] [--counts]",
              file=sys.stderr)
        return 2
    only = args[args.index("--field") + 1] if "--field" in args else None
    texts, gold_facts, gold_findings = _held_out(sets[args[0]])
    out = (lambda *_: None) if counts_only else print
    catalog, causes = _catalog(), Counter()
    if "--checks" in args and not counts_only:
        periods = {n: confirmed_period(t, gold_facts[n]) for n, t in texts.items()} if "--confirmed" in args else {}
        _list_checks(texts, gold_findings, catalog, periods)
        return 0
    for name, text in texts.items():
        period = confirmed_period(text, gold_facts[name]) if "--confirmed" in args else None
        preds = [f.to_dict() for f in analyse(text, catalog=catalog, period=period)[0]]
        _, matched = _match(preds, gold_facts[name], _strict_fact_matches)
        lines = text.split("\n")
        for gold in gold_facts[name]:
            if any(_strict_fact_matches(preds[i], gold) for i in matched):
                continue
            near = _nearest(preds, gold)
            cause = "unit" if near is not None and near["unit"] != gold["unit"] else _first_wrong(near, gold)
            causes[cause] += 1
            if only and cause != only:
                continue
            out(f"{name}:{gold['line']} [{cause}] gold {gold['value']} {gold['unit']} | {gold['indicator']} | "
                  f"{gold['kind']} {gold['period']} {gold['catalog_code'] or '-'}")
            if near:
                out(f"    read {near['value']} {near['unit']} | {near['indicator']} | {near['kind']} "
                      f"{near['period']} {near.get('catalog_code') or '-'}")
            out(f"    text {lines[gold['line'] - 1][:240] if gold['line'] <= len(lines) else ''}")
        for i, p in enumerate(preds):
            if i not in matched and not any(_nearest([p], g) for g in gold_facts[name]) and not only:
                causes["false reading"] += 1
                out(f"{name}:{p['line']} [false] read {p['value']} {p['unit']} | {p['indicator']} | {p['kind']} {p['period']}")
    print("causes:", ", ".join(f"{k} {v}" for k, v in causes.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
