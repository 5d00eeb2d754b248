"""Loads ktxh/demo/data/ntm.yaml, capital.yaml and tasks.yaml through the services.
Idempotent: loading twice changes nothing. A missing file is skipped."""

from decimal import Decimal
from pathlib import Path

import yaml

from ktxh.catalog.models import Agency
from ktxh.catalog.services import agency_upsert
from ktxh.core.writes import write_transaction
from ktxh.engine.fold import fold
from ktxh.engine.numbers import parse_number
from ktxh.orgunits.models import OrgUnit
from ktxh.programmes.capital import services as capital
from ktxh.programmes.capital.models import CapitalLine, Disbursement, Programme, Project
from ktxh.programmes.common import ProgrammeError
from ktxh.programmes.ntm import services as ntm
from ktxh.programmes.ntm.models import CommuneCriterion, CriteriaSet, Criterion
from ktxh.programmes.tasks import services as tasks

DATA_DIR = Path(__file__).resolve().parent.parent / "demo" / "data"


def _read(name: str):
    path = DATA_DIR / name
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None


def _number(text) -> Decimal:
    return parse_number(str(text))


def unit_by_short_name(district: OrgUnit, name: str) -> OrgUnit:
    """'Mường So' -> Xã Mường So; 'Phong Thổ' -> Thị trấn Phong Thổ (children of the district)."""
    folded = fold(name)
    found = [u for u in OrgUnit.objects.filter(parent=district)
             if u.name_folded == folded or u.name_folded.endswith(" " + folded)]
    if len(found) != 1:
        raise ProgrammeError(f"Không tìm thấy đúng một đơn vị '{name}' thuộc {district.name}.")
    return found[0]


def programmes_demo_load(*, actor=None) -> list[str]:
    done = []
    for name, loader in (("ntm.yaml", _load_ntm), ("capital.yaml", _load_capital), ("tasks.yaml", _load_tasks)):
        data = _read(name)
        if data is not None:
            loader(data, actor)
            done.append(name)
    return done


@write_transaction
def _load_ntm(data: dict, actor) -> None:
    district = OrgUnit.objects.get(code=data["district"])
    sets = {}
    for row in data["criteria_sets"]:
        fields = {k: row.get(k) for k in ("name", "level", "issuer", "issued", "valid_from", "valid_to", "source")}
        fields = {k: ("" if v is None and k in ("issuer", "source") else v) for k, v in fields.items()}
        fields["region"] = row.get("region", "")
        fields["based_on"] = sets.get(row.get("based_on"))
        sets[row["code"]] = CriteriaSet.objects.update_or_create(code=row["code"], defaults=fields)[0]
    for cs in sets.values():
        if cs.level != CriteriaSet.Level.COMMUNE:
            continue
        for c in data["criteria"]:
            Criterion.objects.update_or_create(criteria_set=cs, number=c["number"],
                                               defaults={"name": c["name"], "source": c["source"]})
    cs = sets[data["criteria_set"]]
    year = data["year"]
    for r in data["recognitions"]:
        ntm.recognition_set(actor=actor, commune=unit_by_short_name(district, r["commune"]), tier=r["tier"],
                            decision=r["decision"], decision_date=r["date"], issuer=r.get("issuer", ""),
                            period_note=r.get("period", ""), source=r["source"])
    for row in data["matrix"]:
        commune = unit_by_short_name(district, row["commune"])
        cells = {}
        for number in cs.criteria.values_list("number", flat=True):
            state = ("met" if number in row["met"] else "not_met" if number in row["not_met"] else "unknown")
            cells[number] = {"state": state, "note": row.get("note", "") if state == "unknown" else "",
                             "source": row["source"], "evidence": ""}
        ntm.commune_criteria_save(actor=actor, commune=commune, year=year, criteria_set=cs, cells=cells)
    village_set = next((s for s in sets.values() if s.level == CriteriaSet.Level.VILLAGE), cs)
    for s in data["statements"]:
        key = s.get("key", "")
        if "commune" in s:
            key = unit_by_short_name(district, s["commune"]).code
        ntm.statement_set(actor=actor, district=district, year=year,
                          criteria_set=village_set if s["kind"] == "village_band" else cs, kind=s["kind"],
                          value=_number(s["value"]), key=key, decimals=s.get("decimals", 0),
                          named=[str(x) for x in s.get("named", [])], quote=s.get("quote", ""), source=s["source"])


@write_transaction
def _load_capital(data: dict, actor) -> None:
    district = OrgUnit.objects.get(code=data["district"])
    programmes = {}
    for p in data["programmes"]:
        programmes[p["code"]] = capital.programme_upsert(
            actor=actor, code=p["code"], name=p["name"], short_name=p.get("short_name", ""),
            decision=p.get("decision", ""), is_national_target=p.get("national", False), order=p.get("order", 0),
            source=p["source"])
    projects = {p["code"]: capital.project_upsert(actor=actor, org_unit=district, code=p["code"], name=p["name"],
                                                  investor=p.get("investor", ""), source=p["source"])
                for p in data["projects"]}
    lines: dict[str, CapitalLine] = {}
    for order, row in enumerate(data["lines"], 1):
        lines[row["code"]] = capital.capital_line_upsert(
            actor=actor, org_unit=district, code=row["code"], label=row["label"], period=str(row["period"]),
            amount=_number(row["amount"]), fund_source=row["fund_source"], capital_type=row["capital_type"],
            parent=lines.get(row.get("parent")), programme=programmes.get(row.get("programme")),
            project=projects.get(row.get("project")), carried_from=row.get("carried_from"),
            deadline=row.get("deadline"), approximate=row.get("approximate", False),
            parts_complete=row.get("parts_complete", True),
            allocated=_number(row["allocated"]) if row.get("allocated") else None,
            stated_pct=_number(row["stated_pct"]) if row.get("stated_pct") else None,
            order=order, source=row["source"], quote=row.get("quote", ""), note=row.get("note", ""))
    for d in data["disbursements"]:
        line = lines[d["line"]]
        # idempotent: one entry per line, date and source
        if not Disbursement.objects.filter(line=line, date=d["date"], source=d["source"]).exists():
            capital.disbursement_add(actor=actor, line=line, day=d["date"], amount=_number(d["amount"]),
                                     note=d.get("note", ""), source=d["source"])


@write_transaction
def _load_tasks(data: dict, actor) -> None:
    district = OrgUnit.objects.get(code=data["district"])
    for a in data["agencies"]:
        if not Agency.objects.filter(code=a["code"]).exists():
            agency_upsert(actor=actor, code=a["code"], name=a["name"])
    p = data["plan"]
    plan = tasks.task_plan_upsert(actor=actor, org_unit=district, code=p["code"], title=p["title"],
                                  start=p["start"], end=p["end"], source=p["source"])
    in_charge = []
    for t in data["tasks"]:
        agency = Agency.objects.get(code=t["agency"])
        tasks.task_upsert(actor=actor, plan=plan, section=t["section"], title=t["title"],
                          agencies=[(agency, role) for role in t["roles"]], source=t["source"],
                          due_text="theo chế độ báo cáo của kế hoạch")
        commune_name, role = t["commune"]
        tasks.commune_duty_set(actor=actor, plan=plan, agency=agency,
                               commune=unit_by_short_name(district, commune_name), role=role, source=t["source"])
        if agency not in in_charge:
            in_charge.append(agency)
    for d in data["duties"]:
        tasks.task_upsert(actor=actor, plan=plan, section=d["section"], title=d["title"],
                          agencies=[(a, "lead") for a in in_charge], recurrence=d["recurrence"],
                          due_day=d.get("due_day"), due_month=d.get("due_month"), due_text=d["due_text"],
                          channel=d["channel"], text=d.get("note", ""), source=d["source"])


__all__ = ["programmes_demo_load", "CommuneCriterion", "Programme", "Project"]
