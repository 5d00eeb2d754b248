"""Rules as data: load a rules YAML file (validated whole), and the demo hook that
loads the Phong Thổ rules and per-commune values, then runs the rules once."""

from decimal import Decimal
from pathlib import Path

from ktxh.core.safefiles import UnsafeFile, load_yaml
from ktxh.core.writes import write_transaction
from ktxh.engine.numbers import NumberFormatError, parse_number
from ktxh.engine.rules import RuleError, RuleSpec
from ktxh.imports.loader import load_file
from ktxh.orgunits.models import OrgUnit
from ktxh.quality.models import Rule

DEMO_RULES = Path(__file__).parent / "demo_rules.yaml"
DEMO_COMMUNES = Path(__file__).resolve().parents[1] / "demo" / "data" / "communes.csv"
FIELDS = ("code", "name", "kind", "left", "op", "right", "tolerance", "factor", "applies_to", "unit_kinds",
          "description", "source")


class RulesFileError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def _number(raw, default: str) -> Decimal:
    return parse_number(str(raw)) if raw not in (None, "") else Decimal(default)


def rules_read(path: Path) -> list[dict]:
    """Read and check every rule of a YAML file; raise RulesFileError listing all problems."""
    try:
        data = load_yaml(Path(path).read_text(encoding="utf-8"), Path(path).name) or {}
    except (UnsafeFile, OSError, UnicodeDecodeError) as exc:
        raise RulesFileError([f"Tệp quy tắc không đọc được: {exc}"]) from exc
    if not isinstance(data, dict) or not isinstance(data.get("rules") or [], list) or not all(
            isinstance(i, dict) for i in data.get("rules") or []):
        raise RulesFileError(["Tệp quy tắc phải có mục 'rules:' là danh sách các quy tắc."])
    problems, rules, seen = [], [], set()
    for n, item in enumerate(data.get("rules") or [], start=1):
        where = f"quy tắc thứ {n} ({item.get('code', '?')})"
        unknown = set(item) - set(FIELDS)
        if unknown:
            problems.append(f"{where}: không có trường {', '.join(sorted(unknown))}")
            continue
        row = {k: item.get(k, "") for k in FIELDS}
        row["kind"] = row["kind"] or Rule.Kind.COMPARE
        if not row["code"] or not row["name"]:
            problems.append(f"{where}: thiếu mã hoặc tên")
            continue
        if row["code"] in seen:
            problems.append(f"{where}: trùng mã")
        seen.add(row["code"])
        try:
            row["tolerance"] = _number(row["tolerance"], "0")
            row["factor"] = _number(row["factor"], "1000")
            if row["kind"] == Rule.Kind.COMPARE:
                RuleSpec(row["code"], row["name"], row["left"], row["op"] or "=", row["right"],
                         row["tolerance"], row["factor"]).parsed()
            elif row["kind"] != Rule.Kind.STATED_PERCENT:
                problems.append(f"{where}: loại quy tắc '{row['kind']}' không hợp lệ")
        except (RuleError, NumberFormatError) as exc:
            problems.append(f"{where}: {exc}")
        row["op"] = row["op"] or "="
        rules.append({k: (str(v) if k not in ("tolerance", "factor") else v) for k, v in row.items()})
    if problems:
        raise RulesFileError(problems)
    return rules


@write_transaction
def rules_load(path: Path) -> int:
    """Create or update the rules of a file (by code); returns how many changed."""
    changed = 0
    for row in rules_read(path):
        code = row.pop("code")
        rule = Rule.objects.filter(code=code).first()
        if rule and all(getattr(rule, k) == v for k, v in row.items()):
            continue
        Rule.objects.update_or_create(code=code, defaults=row)
        changed += 1
    return changed


def quality_demo_load(*, actor=None) -> None:
    """Idempotent: rules, the per-commune values stated in 003, one run for Phong Thổ."""
    from ktxh.quality.services import quality_run

    rules_load(DEMO_RULES)
    if DEMO_COMMUNES.exists():
        load_file(DEMO_COMMUNES, actor=actor)
    for code in ("109", "107"):
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is None:
            continue
        for period in ("2023", "2024-H1"):
            quality_run(unit=unit, period=period, actor=actor)
