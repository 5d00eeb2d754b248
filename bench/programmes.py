"""Benchmark the programme engines: NTM matrix figures and findings at district and
national scale (3.321 communes after the 2025 reform), and capital totals.

Prints `bench: <name> <value> <unit>` lines; ratios are measured in the same run."""

from __future__ import annotations

import random
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ktxh.engine.capital import CapitalLine, lagging, totals_by  # noqa: E402
from ktxh.engine.ntm import Stated, compare_stated, matrix_figures  # noqa: E402

CRITERIA = list(range(1, 20))


def matrix(n: int, rng: random.Random):
    return {(f"x{i}", f"Xã {i}"): {k: rng.choice([True, True, False, None]) for k in CRITERIA} for i in range(n)}


def best_of(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    rng = random.Random(7)
    district, national = matrix(16, rng), matrix(3321, rng)
    statements = [Stated("average", Decimal("11.06"), decimals=2), Stated("band", Decimal(4), key="19")]
    statements += [Stated("criterion_met", Decimal(5), key=str(k)) for k in CRITERIA]

    def run(m):
        return lambda: compare_stated(matrix_figures(m, CRITERIA), statements)

    t_district, t_national = best_of(run(district)), best_of(run(national), 3)
    print(f"bench: ntm_district_16_communes_ms {t_district * 1000:.3f} ms")
    print(f"bench: ntm_national_3321_communes_ms {t_national * 1000:.3f} ms")
    print(f"bench: ntm_per_commune_cost_ratio_national_vs_district {t_national / 3321 / (t_district / 16):.2f} x")

    lines = [CapitalLine(key=str(i), label="", plan=Decimal(rng.randint(1, 10**6)), programme=str(i % 5),
                         disbursements=tuple((date(2023, rng.randint(1, 12), 1), Decimal(rng.randint(0, 1000)))
                                             for _ in range(12)))
             for i in range(10_000)]
    t_totals = best_of(lambda: totals_by(lines, lambda x: x.programme, date(2023, 12, 31)), 3)
    t_lag = best_of(lambda: lagging(lines, date(2023, 9, 30)), 3)
    print(f"bench: capital_totals_10000_lines_ms {t_totals * 1000:.1f} ms")
    print(f"bench: capital_lagging_10000_lines_ms {t_lag * 1000:.1f} ms")


if __name__ == "__main__":
    main()
