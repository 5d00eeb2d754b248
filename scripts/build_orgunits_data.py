"""Build ktxh/orgunits/data/ (the national master data, both vintages) from PyPI packages.

The app itself does not depend on these packages: it loads the compact files written here
(`ktxh units load`, docs/data-files.md). Run this when a package publishes a new table:

    python3.12 -m venv /tmp/vnunits
    /tmp/vnunits/bin/pip install --no-deps vietnam-provinces==2026.9.0 vietnamadminunits==1.0.4
    /tmp/vnunits/bin/python scripts/build_orgunits_data.py

Python 3.12 because vietnam-provinces 2026.x (the only release with the old units and the
old -> new table by code) requires it; `--no-deps` because only the data files of
vietnamadminunits are read (its geometry dependencies are not needed).

Written files (UTF-8 CSV, gzip, sorted, so a rebuild from the same packages is byte-identical):
- units.csv.gz:   vintage,code,name,kind,parent,valid_from,valid_to
- lineage.csv.gz: from_code,to_code,event,share,basis,source (from vietnam-provinces, plus the
  five island districts -> đặc khu that only vietnamadminunits maps)
- vau_pairs.csv.gz: from_code,to_code,divided (vietnamadminunits' own old -> new table, by
  normalised names turned into codes through its dataset; used by the cross-check test)
- sources.json:  package names, versions, date of the build, counts.
"""

import csv
import datetime
import gzip
import importlib.util
import io
import json
import sqlite3
import sys
from importlib import metadata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "ktxh" / "orgunits" / "data"
LAST_OLD_DAY, REFORM_DAY = "2025-06-30", "2025-07-01"
PROVINCE_BASIS = "Nghị quyết 202/2025/QH15 (12/06/2025) về sắp xếp đơn vị hành chính cấp tỉnh"
# The commune-level resolutions of 16/06/2025, by new province code. Only those whose number
# was checked against a published list are given; the others stay empty (docs/data-files.md).
COMMUNE_BASIS = {
    1: "Nghị quyết 1656/NQ-UBTVQH15 (16/06/2025)",
    8: "Nghị quyết 1684/NQ-UBTVQH15 (16/06/2025)",
    12: "Nghị quyết 1670/NQ-UBTVQH15 (16/06/2025)",
    31: "Nghị quyết 1669/NQ-UBTVQH15 (16/06/2025)",
    46: "Nghị quyết 1675/NQ-UBTVQH15 (16/06/2025)",
    48: "Nghị quyết 1659/NQ-UBTVQH15 (16/06/2025)",
    79: "Nghị quyết 1685/NQ-UBTVQH15 (16/06/2025)",
    92: "Nghị quyết 1668/NQ-UBTVQH15 (16/06/2025)",
}
KIND = {"xã": "commune", "phường": "ward", "thị trấn": "town", "đặc khu": "special_zone",
        "huyện": "district", "quận": "district", "thị xã": "district", "thành phố": "district",
        "tỉnh": "province", "thành phố trung ương": "province"}


def _write_csv(name: str, header: list[str], rows: list[list]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    # mtime=0: the same rows give the same bytes.
    with gzip.GzipFile(OUT / name, "wb", mtime=0) as handle:
        handle.write(buffer.getvalue().encode("utf-8"))


def main() -> int:
    from vietnam_provinces import _lookup as new_lookup
    from vietnam_provinces import _province_conversion_2025 as province_table
    from vietnam_provinces import _ward_conversion_2025 as ward_table
    from vietnam_provinces.legacy import _lookup as old_lookup

    vp = f"vietnam-provinces {metadata.version('vietnam-provinces')}"
    vau = f"vietnamadminunits {metadata.version('vietnamadminunits')}"

    continuing = {new for new, entry in province_table.NEW_TO_OLD.items()
                  if [p.code for p in entry.old_provinces] == [new]}
    units = []
    for code, p in old_lookup.PROVINCE_MAPPING.items():
        units.append(["cu", f"{code:02d}", p.name, "province", "", "", "" if code in continuing else LAST_OLD_DAY])
    for code, d in old_lookup.DISTRICT_MAPPING.items():
        units.append(["cu", f"{code:03d}", d.name, KIND[str(d.division_type)], f"{int(d.province_code):02d}", "",
                      LAST_OLD_DAY])
    for code, w in old_lookup.WARD_MAPPING.items():
        units.append(["cu", f"{code:05d}", w.name, KIND[str(w.division_type)], f"{int(w.district_code):03d}", "",
                      LAST_OLD_DAY])
    for code, p in new_lookup.PROVINCE_MAPPING.items():
        if code not in continuing:
            units.append(["2025", f"{code:02d}", p.name, "province", "", REFORM_DAY, ""])
    for code, w in new_lookup.WARD_MAPPING.items():
        units.append(["2025", f"{code:05d}", w.name, KIND[str(w.division_type)], f"{int(w.province_code):02d}",
                      REFORM_DAY, ""])

    lineage = []
    for new, entry in province_table.NEW_TO_OLD.items():
        if new not in continuing:
            for old in entry.old_provinces:
                lineage.append([f"{old.code:02d}", f"{new:02d}", "merge", "", PROVINCE_BASIS, vp])
    table = f"{vp} ({ward_table.SOURCE})"
    for old, entry in ward_table.OLD_TO_NEW.items():
        split = len(entry.new_wards) > 1
        note = " [nguồn đánh dấu sáp nhập một phần, chỉ có một đơn vị mới]" if (
            entry.old_ward.is_partly_merged and not split) else ""
        for new in entry.new_wards:
            lineage.append([f"{old:05d}", f"{new.code:05d}", "split" if split else "merge", "",
                            COMMUNE_BASIS.get(new.province_code, ""), table + note])

    # vietnamadminunits: read its data files only (no import of its geometry stack).
    # find_spec locates the package without running its __init__ (which imports shapely).
    data = Path(importlib.util.find_spec("vietnamadminunits").submodule_search_locations[0]) / "data"
    with sqlite3.connect(data / "dataset.db") as db:
        old_code = {f"{p}_{d}_{w or ''}": (c or "", dc) for p, d, w, c, dc in db.execute(
            "select provinceKey, districtKey, wardKey, wardCode, districtCode from admin_units_legacy")}
        new_code = {(p, w): c for p, w, c in db.execute(
            "select provinceKey, wardKey, wardCode from admin_units")}
    converter = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
    pairs, unmapped = set(), 0
    for province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward, olds in wards.items():
            for key in olds:
                if key in old_code and (province, ward) in new_code:
                    pairs.add((old_code[key][0], new_code[(province, ward)], "0"))
                else:
                    unmapped += 1
    for province, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for key, news in olds.items():
            for new in news:
                if key in old_code and (province, new["newWardKey"]) in new_code:
                    pairs.add((old_code[key][0], new_code[(province, new["newWardKey"])], "1"))
                else:
                    unmapped += 1
    # The island districts have no commune in the old list; their đặc khu comes from the
    # district itself, which only vietnamadminunits maps ("..._huyenhoangsa_").
    for province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward, olds in wards.items():
            for key in olds:
                if key.endswith("_") and key in old_code and (province, ward) in new_code:
                    new = new_code[(province, ward)]
                    new_province = int(new_lookup.WARD_MAPPING[int(new)].province_code)
                    lineage.append([old_code[key][1], new, "merge", "", COMMUNE_BASIS.get(new_province, ""),
                                    f"{vau} (converter_2025.json, huyện đảo thành đặc khu)"])
    pairs = sorted(p for p in pairs if p[0])

    OUT.mkdir(parents=True, exist_ok=True)
    units.sort(key=lambda r: (r[0] != "cu", len(r[1]), r[1]))
    lineage.sort()
    _write_csv("units.csv.gz", ["vintage", "code", "name", "kind", "parent", "valid_from", "valid_to"], units)
    _write_csv("lineage.csv.gz", ["from_code", "to_code", "event", "share", "basis", "source"], lineage)
    _write_csv("vau_pairs.csv.gz", ["from_code", "to_code", "divided"], [list(p) for p in pairs])
    counts = {}
    for row in units:
        counts.setdefault(row[0], {}).setdefault(row[3], 0)
        counts[row[0]][row[3]] += 1
    sources = {
        "built": datetime.date.today().isoformat(),
        "packages": {"vietnam-provinces": metadata.version("vietnam-provinces"),
                     "vietnamadminunits": metadata.version("vietnamadminunits")},
        "python": sys.version.split()[0],
        "ward_table": ward_table.SOURCE,
        "units": counts,
        "continuing_provinces": sorted(f"{c:02d}" for c in continuing),
        "lineage_rows": len(lineage),
        "lineage_split_rows": sum(r[2] == "split" for r in lineage),
        "vau_pairs": len(pairs),
        "vau_keys_without_code": unmapped,
    }
    (OUT / "sources.json").write_text(json.dumps(sources, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(sources, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
