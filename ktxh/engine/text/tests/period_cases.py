"""The check shared by the period test tables: each figure's period (or period and kind)."""

from decimal import Decimal

from ktxh.engine.text import analyse


def assert_periods(text: str, expected: dict) -> None:
    facts = analyse(text)[0]
    for value, want in expected.items():
        fact = next(f for f in facts if f.value == Decimal(value))
        assert ((fact.period, fact.kind) if isinstance(want, tuple) else fact.period) == want, value
