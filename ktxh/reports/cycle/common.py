"""What the three cycle documents share: the issuing bodies of a unit (Party committee,
People's Committee, People's Council) at each level and vintage, prose blocks, dates."""

from ktxh.orgunits.models import OrgUnit
from ktxh.reports import content as base
from ktxh.reports.kinds import PROSE_LABELS

# The model's defaults are the People's Committee's; a party report signs for its committee.
UBND_AUTHORITY, UBND_TITLE = "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
_LEVEL_WORD = {OrgUnit.Kind.PROVINCE: "tỉnh", OrgUnit.Kind.DISTRICT: "huyện", OrgUnit.Kind.TOWN: "thị trấn",
               OrgUnit.Kind.COMMUNE: "xã", OrgUnit.Kind.WARD: "phường", OrgUnit.Kind.SPECIAL_ZONE: "đặc khu"}


def level_word(unit: OrgUnit) -> str:
    """"huyện", "xã", "tỉnh" ... as the unit's own name starts ("Thành phố Lai Châu" -> "thành phố")."""
    for word in base._KIND_WORDS:
        if unit.name.lower().startswith(word + " "):
            return word
    return _LEVEL_WORD.get(unit.kind, "")


def short_name(unit: OrgUnit) -> str:
    return base._short_name(unit)


def lower_name(unit: OrgUnit) -> str:
    """"huyện Phong Thổ" (inside a sentence)."""
    word = level_word(unit)
    return f"{word} {short_name(unit)}" if word else unit.name


def parent_unit(unit: OrgUnit) -> OrgUnit | None:
    """The unit directly above: a district above an old commune, the province above a
    district or a commune created by the 2025 reform; None for a province."""
    return unit.parent if unit.parent_id else None


def party_body(unit: OrgUnit) -> dict:
    """The Party committee of `unit` as Hướng dẫn 36-HD/VPTW heads its documents: the
    committee directly above ("ĐẢNG BỘ TỈNH LAI CHÂU"), the committee itself ("HUYỆN ỦY
    MƯỜNG TÈ"), the symbol of its documents (HU, ĐU, TU) and who signs for it."""
    parent = parent_unit(unit)
    name = short_name(unit)
    if unit.kind == OrgUnit.Kind.PROVINCE:
        return {"parent": "", "issuer": f"TỈNH ỦY {name.upper()}", "symbol": "TU", "authority": "T/M TỈNH ỦY",
                "committee": "Ban Chấp hành Đảng bộ tỉnh", "of": f"Tỉnh ủy {name}"}
    above = f"ĐẢNG BỘ {lower_name(parent).upper()}" if parent is not None else ""
    if unit.kind == OrgUnit.Kind.DISTRICT:
        word = level_word(unit)
        # huyện ủy, thành ủy, thị ủy, quận ủy (a district-level city writes "Thành ủy")
        committee = {"huyện": "Huyện", "thành phố": "Thành", "thị xã": "Thị", "quận": "Quận"}.get(word, "Huyện")
        issuer = f"{committee.upper()} ỦY {name.upper()}"
        return {"parent": above, "issuer": issuer, "symbol": "HU" if committee == "Huyện" else committee[0] + "U",
                "authority": f"T/M {committee.upper()} ỦY", "committee": f"Ban Chấp hành Đảng bộ {word}",
                "of": f"{committee} ủy {name}"}
    word = level_word(unit)
    return {"parent": above, "issuer": f"ĐẢNG ỦY {lower_name(unit).upper()}", "symbol": "ĐU",
            "authority": "T/M ĐẢNG ỦY", "committee": f"Ban Chấp hành Đảng bộ {word}",
            "of": f"Đảng ủy {lower_name(unit)}"}


def state_header(unit: OrgUnit, organ: str, number: str) -> dict:
    """Decree 30/2020 header of a People's Committee or Council: "ỦY BAN NHÂN DÂN" /
    "HUYỆN PHONG THỔ"."""
    return {"issuer_parent": organ, "issuer": lower_name(unit).upper(), "number": number}


def prose(report, key: str, default: list[str] | None = None) -> list[dict]:
    """The office's text of a section, one block per paragraph, or the red placeholder."""
    paragraphs = base._paragraphs((report.sections or {}).get(key, "")) or (default or [])
    if paragraphs:
        return [{"type": "text", "text": p} for p in paragraphs]
    return [{"type": "missing", "text": f"(Chưa soạn nội dung: {PROSE_LABELS[key]}.)"}]


def date_line(place: str, issued, year: int) -> str:
    return base._date_line(place, issued, year)


def recipients(report, default: str) -> list[str]:
    from ktxh.reports.models import DEFAULT_RECIPIENTS, default_recipients

    text = report.recipients
    if not text or text == DEFAULT_RECIPIENTS or text == default_recipients(report.org_unit):
        text = default
    return base._paragraphs(text)


def number_line(number: str, blank: str, colon: bool = True) -> str:
    """"Số: 375/BC-UBND" (Decree 30) or "Số 12-BC/HU" (Party documents have no colon)."""
    if number:
        return f"Số: {number}" if colon else f"Số {number}"
    return blank

