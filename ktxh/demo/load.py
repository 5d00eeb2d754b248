"""The demo district: Lai Châu, Phong Thổ and Mường Tè from the seed reports, and one
demo user per persona. Loading twice changes nothing."""

from pathlib import Path

from django.contrib.auth import get_user_model

from ktxh.accounts.models import Role, RoleAssignment
from ktxh.catalog.models import Agency
from ktxh.core.writes import write_transaction
from ktxh.demo.two_level import lai_chau_units_load, two_level_demo_load
from ktxh.entry.demo import entry_demo_load
from ktxh.imports.loader import LoadResult, load_file
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import unit_resolve
from ktxh.quality.demo import quality_demo_load

DATA_DIR = Path(__file__).parent / "data"
FILES = ["orgunits.yaml", "legal_bases.yaml", "catalog.yaml", "phong_tho.csv", "muong_te.csv",
         "lai_chau_history.csv",  # illustrative old-commune history, carried to the new communes
         "lai_chau_2026.csv"]  # illustrative 2026 plan of new Xã Khổng Lào and Xã Phong Thổ
DEMO_PASSWORD = "ktxh-demo"  # demo data only; a real installation never gets known passwords
DEMO_DISTRICT = "109"  # Phong Thổ

# username: (role, unit code or None for the district, agency code, full name)
# The first six are the district world of the seeds (tests use them); the last four are the
# two-level world after 01/07/2025 (docs/units.md).
DEMO_USERS = {
    "admin": (Role.ADMIN, None, None, "Quản trị hệ thống"),
    "planner": (Role.PLANNER, None, None, "Cán bộ Phòng Tài chính - Kế hoạch"),
    "department": (Role.DEPARTMENT, None, "NN", "Cán bộ Phòng Nông nghiệp và PTNT"),
    "commune": (Role.COMMUNE, "first-commune", None, "Cán bộ xã"),
    "leader": (Role.LEADER, None, None, "Lãnh đạo UBND huyện"),
    "viewer": (Role.VIEWER, None, None, "Người xem"),
    "so_tai_chinh": (Role.PLANNER, "12", None, "Cán bộ kế hoạch Sở Tài chính tỉnh Lai Châu"),
    "so_nong_nghiep": (Role.DEPARTMENT, "12", "NN", "Cán bộ Sở Nông nghiệp và Môi trường tỉnh Lai Châu"),
    "xa_khong_lao": (Role.COMMUNE, "03583@2025", None, "Cán bộ UBND Xã Khổng Lào (xã mới)"),
    "lanh_dao_khong_lao": (Role.LEADER, "03583@2025", None, "Lãnh đạo UBND Xã Khổng Lào (xã mới)"),
    # reads the households of every commune of the province (docs/poverty.md)
    "so_giam_ngheo": (Role.DEPARTMENT, "12", "LDTBXH", "Cán bộ giảm nghèo, Sở Nông nghiệp và Môi trường tỉnh Lai Châu"),
}


def source_documents_load(*, actor=None) -> None:
    """The seed reports by the citation sources show instead of their file names."""
    import yaml

    from ktxh.values.services import source_document_record

    for item in yaml.safe_load((DATA_DIR / "documents.yaml").read_text(encoding="utf-8"))["documents"]:
        source_document_record(actor=actor, file_name=item["file"], citation=item["citation"])


def demo_load(*, actor=None) -> list[LoadResult]:
    source_documents_load(actor=actor)
    results = []
    for name in FILES:
        if (DATA_DIR / name).exists():
            results.append(load_file(DATA_DIR / name, actor=actor))
        if name == "orgunits.yaml":
            # Right after the seed's units: Lai Châu's both vintages, so that the values below
            # land on the adopted old communes and the 2026 plan on the new ones.
            results.append(lai_chau_units_load(actor=actor))
    demo_users_create()
    entry_demo_load()  # reporting rounds and data sets (docs/entry.md)
    two_level_demo_load()  # new communes' and a provincial department's data sets (docs/units.md)
    quality_demo_load(actor=actor)  # rules, per-commune values, one run (docs/dashboards.md)
    from ktxh.programmes.demo import programmes_demo_load

    programmes_demo_load(actor=actor)  # NTM matrix, MTQG capital, tasks of 004 (docs/programmes.md)
    from ktxh.poverty.demo import poverty_demo_load

    poverty_demo_load(actor=actor)  # synthetic households' reviews of two new communes (docs/poverty.md)
    return results


@write_transaction
def demo_users_create() -> list[str]:
    """Create the missing demo users; existing ones (and their passwords) are left alone."""
    User = get_user_model()
    district = OrgUnit.objects.get(code=DEMO_DISTRICT)
    first_commune = OrgUnit.objects.filter(parent=district, kind=OrgUnit.Kind.COMMUNE).order_by("path").first()
    created = []
    for username, (role, unit_code, agency_code, full_name) in DEMO_USERS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=full_name, is_staff=role == Role.ADMIN,
                        is_superuser=role == Role.ADMIN)
            user.set_password(DEMO_PASSWORD)
            user.save()
            created.append(username)
        unit = (first_commune if unit_code == "first-commune" else
                unit_resolve(unit_code) if unit_code else district)
        agency = Agency.objects.filter(code=agency_code).first() if agency_code else None
        RoleAssignment.objects.get_or_create(user=user, org_unit=unit, role=role, agency=agency)
    return created
