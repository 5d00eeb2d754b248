"""Seconds per MB of report text read by the extractor (issue 13: linear-time reading).

Two figures: the seed reports repeated to 1 MB (ordinary prose), and the slowest of the
pathological inputs of ktxh/engine/text/tests/test_linear_time.py scaled to 200 KB and
800 KB; their ratio is about 4 when reading is linear (16 when it is quadratic).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ktxh.engine.text import analyse  # noqa: E402
from ktxh.engine.text.tests.test_linear_time import PATHOLOGICAL  # noqa: E402

SEEDS = Path(os.environ.get("KTXH_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
MB = 1024 * 1024


def _seconds(text: str) -> float:
    started = time.process_time()
    analyse(text)
    return time.process_time() - started


def _scaled(text: str, size: int) -> str:
    return (text * (size // len(text) + 1))[:size]


def main() -> int:
    seeds = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    if seeds:
        text = _scaled(seeds, MB)
        print(f"bench: extract_speed_reports {_seconds(text) / (len(text.encode()) / MB):.2f} s/MB")
    worst_name, worst = "", 0.0
    for name, sample in PATHOLOGICAL.items():
        small = _scaled(sample, 200_000)
        per_mb = _seconds(small) / (len(small.encode()) / MB)
        if per_mb > worst:
            worst_name, worst = name, per_mb
    print(f"bench: extract_speed_worst {worst:.2f} s/MB")
    sample = PATHOLOGICAL[worst_name]
    small, large = _scaled(sample, 200_000), _scaled(sample, 800_000)
    print(f"bench: extract_speed_growth_4x {_seconds(large) / max(_seconds(small), 1e-6):.2f} ratio")
    print(f"# slowest input: {worst_name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
