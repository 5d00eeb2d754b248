"""docs/architecture.md names every app of the tree, and only those."""

import re
from pathlib import Path

KTXH = Path(__file__).resolve().parents[2]
DOC = KTXH.parent / "docs" / "architecture.md"
NOT_APPS = {"templates", "static"}  # folders of files, listed together on one line


def apps_in_tree() -> set[str]:
    return {p.name for p in KTXH.iterdir() if p.is_dir() and (p / "__init__.py").exists()}


def apps_in_doc() -> set[str]:
    text = DOC.read_text(encoding="utf-8")
    block = text[text.index("\nktxh/\n"):]
    block = block[: block.index("```")]
    return {m.group(1) for m in re.finditer(r"^  ([a-z_]+)/ ", block, re.MULTILINE)} - NOT_APPS


def test_the_architecture_doc_lists_exactly_the_apps_of_the_tree():
    assert apps_in_doc() == apps_in_tree()


def test_every_app_the_doc_names_as_planned_is_absent():
    planned = re.findall(r"Planned, not built yet: an `(\w+)/` app", DOC.read_text(encoding="utf-8"))
    assert not set(planned) & apps_in_tree()
