"""Read facts out of existing Vietnamese reports and check them for consistency.

Pure Python on purpose (no Django): the CLI, the importer and the benchmark share it.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from .checks import run_checks
from .context import build_context
from .facts import extract, resolve_excess
from .matching import CatalogEntry, match_catalog
from .model import Fact, Finding
from .normalize import normalize
from .tables import extract_tables

__all__ = ["CatalogEntry", "Fact", "Finding", "check_text", "extract_facts", "analyse", "rules_fingerprint"]


@lru_cache(maxsize=1)
def rules_fingerprint() -> str:
    """A digest of this package's rules (its source files, and the engine modules they read
    numbers and ratios with): an extraction stored with it is stale once the rules change,
    without anyone having to remember to bump a version."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    engine = [here.parent / name for name in ("fold.py", "numbers.py", "ratios.py")]
    for path in [*sorted(here.glob("*.py")), *engine]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def analyse(text: str, *, catalog=None, period: str | None = None) -> tuple[list[Fact], list[Finding]]:
    """Facts and findings in one pass (the checks need the facts).

    ``period`` ("2024-H1", "2023", "2024-9M") is the report's period as the user confirmed it, for
    a text without a title block; it replaces the guess from the opening sentences."""
    doc = normalize(text)
    body = doc.segments[0].text if doc.segments else ""
    ctx = build_context(text, body)
    if period:
        ctx.confirm_period(period)
    facts = extract(doc, ctx)
    table_facts, table_findings = extract_tables(text, ctx)
    facts.extend(table_facts)
    for fact in facts:
        resolve_excess(fact)
    if catalog:
        match_catalog(facts, catalog)
    facts.sort(key=lambda f: f.start)
    findings = run_checks(doc, ctx, facts) + table_findings
    findings.sort(key=lambda f: f.start)
    return facts, findings


def extract_facts(text: str, *, catalog=None) -> list[Fact]:
    return analyse(text, catalog=catalog)[0]


def check_text(text: str, *, catalog=None) -> list[Finding]:
    return analyse(text, catalog=catalog)[1]
