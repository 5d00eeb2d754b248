"""Turn the hand annotations (annotations_*.txt) into gold JSONL next to each text.

Split rule, fixed before any text was looked at: sha1(url), first hex digit 0-7 -> tune,
8-f -> test. The text of each excerpt is stored exactly as the search tool returned it.
Run: python ktxh/engine/text/devset/eval/build_gold.py
"""

import hashlib
import json
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent


def half_of(url: str) -> str:
    return "tune" if int(hashlib.sha1(url.encode()).hexdigest()[0], 16) < 8 else "test"


def main() -> None:
    rows = [json.loads(ln) for ln in (HERE / "sources.jsonl").read_text(encoding="utf-8").splitlines()]
    meta = {}
    for r in rows:
        doc = hashlib.sha1(r["url"].encode()).hexdigest()[:10]
        meta[doc] = {"source": f"{doc}.txt", "url": r["url"], "locality": r["locality"], "half": half_of(r["url"])}
    facts: dict[str, list] = {d: [] for d in meta}
    findings: dict[str, list] = {d: [] for d in meta}
    for name in ("annotations_tune.txt", "annotations_test.txt"):
        doc = None
        for ln in (HERE / name).read_text(encoding="utf-8").splitlines():
            if not ln.strip() or ln.startswith("#"):
                continue
            if ln.startswith("doc "):
                doc = ln.split()[1]
                continue
            if ln.startswith("! "):
                typ, line, why = ln[2:].split("|", 2)
                findings[doc].append({"type": typ, "line": int(line), "why": why})
                continue
            line, value, unit, indicator, kind, period, code = ln.split("|")
            facts[doc].append({
                "line": int(line), "value": format(Decimal(value), "f"), "unit": unit,
                "indicator": indicator, "kind": kind, "period": period,
                "catalog_code": None if code == "-" else code,
            })
    gold = HERE / "gold"
    gold.mkdir(exist_ok=True)
    for doc, m in meta.items():
        (gold / f"{doc}.txt.meta.json").write_text(json.dumps(m, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        for kind, items in (("facts", facts[doc]), ("findings", findings[doc])):
            (gold / f"{doc}.txt.{kind}.jsonl").write_text(
                "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8"
            )
    print(len(meta), "documents;", sum(map(len, facts.values())), "facts;", sum(map(len, findings.values())), "findings")


if __name__ == "__main__":
    main()
