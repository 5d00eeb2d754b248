"""Seventh round of rules on the kind of a figure (issue 14), written to the annotation convention 1
of docs/extraction.md: the parts of an estimated total are estimates, whatever their own verb; a
finished sub-period inside the estimated period stays actual. Each rule has a made-up sentence, in
seventh_kind_cases.txt (a case table kept as data: one block a rule, the kind of each figure)."""

from decimal import Decimal
from pathlib import Path

import pytest

from ktxh.engine.text import analyse

_TITLES = {
    "@year": "BÁO CÁO\nTình hình kinh tế - xã hội năm 2023\n\nI. KINH TẾ\n\n",
    "@half": "BÁO CÁO\nTình hình kinh tế - xã hội 6 tháng đầu năm 2024\n\nI. KINH TẾ\n\n",
}


def _cases() -> list[tuple[str, str, dict[str, str]]]:
    """(rule, text, {value: kind}) of each block; a block without a title line has no title block."""
    cases = []
    blocks = (Path(__file__).parent / "seventh_kind_cases.txt").read_text(encoding="utf-8").split("\n## ")[1:]
    for block in blocks:
        name, *lines = block.strip().split("\n")
        title = _TITLES.get(lines[0], "")
        body = lines[1:-1] if title else lines[:-1]
        kinds = dict(item.split() for item in lines[-1].removeprefix("= ").split("; "))
        cases.append((name, title + "\n".join(body) + "\n", kinds))
    return cases


CASES = _cases()


def fact(text, value):
    return next(f for f in analyse(text)[0] if f.value == Decimal(value))


def test_every_block_is_read():
    assert len(CASES) == 18 and all(kinds for _, _, kinds in CASES)


@pytest.mark.parametrize(("text", "kinds"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_kind(text, kinds):
    assert {value: fact(text, value).kind for value in kinds} == kinds
