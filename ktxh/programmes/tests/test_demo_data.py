"""The demo data of the programme modules: provenance on every value, and loading
twice changes nothing."""

from pathlib import Path

import yaml

from ktxh.programmes.capital.models import Disbursement
from ktxh.programmes.demo import programmes_demo_load
from ktxh.programmes.ntm.models import CommuneCriterion

DATA = Path(__file__).resolve().parents[2] / "demo" / "data"


def _walk(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def test_every_record_of_the_demo_files_names_its_seed_line_or_derivation():
    for name in ("ntm.yaml", "capital.yaml", "tasks.yaml"):
        data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
        for record in _walk(data):
            if "source" in record or any(k in record for k in ("amount", "met", "value", "section", "decision")):
                source = record.get("source", "")
                assert source.startswith("derived:") or ".txt:" in source, (name, record)


def test_loading_the_demo_twice_writes_nothing_new(db):
    history = CommuneCriterion.history.count()
    disbursements = Disbursement.objects.count()
    programmes_demo_load()
    assert CommuneCriterion.history.count() == history
    assert Disbursement.objects.count() == disbursements
