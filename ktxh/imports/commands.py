"""`ktxh load FILE...` (catalogs, targets, values) and `ktxh extract FILE` / `ktxh check FILE`
(facts and consistency findings of report text as JSONL or a table)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from ktxh.cli import CommandError, setup_django
from ktxh.engine.text import CatalogEntry, analyse

from .readers import DEFAULT_MAX_BYTES, DocumentError, read_document

CATALOG_YAML = Path(__file__).resolve().parent.parent / "demo" / "data" / "catalog.yaml"


def _catalog_from_db() -> list[CatalogEntry]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ktxh.settings")
    import django

    django.setup()
    from ktxh.catalog.models import Indicator

    return [
        CatalogEntry(i.code, i.name, tuple(i.synonyms or ()), i.unit or "") for i in Indicator.objects.all()
    ]


def _catalog_from_yaml(path: Path = CATALOG_YAML) -> list[CatalogEntry]:
    import yaml

    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return [
        CatalogEntry(str(i["code"]), str(i["name"]), tuple(i.get("synonyms") or ()), str(i.get("unit") or ""))
        for i in data.get("indicators", [])
        if isinstance(i, dict) and "code" in i and "name" in i
    ]


def load_catalog() -> list[CatalogEntry]:
    """Catalog from the database, else the demo YAML, else empty (never raises)."""
    try:
        entries = _catalog_from_db()
        if entries:
            return entries
    except Exception:  # no database, not migrated, no settings: fall back
        pass
    try:
        return _catalog_from_yaml()
    except Exception:
        return []


def _table(rows: list[dict], fields: tuple[str, ...]) -> str:
    cells = [[("" if r[f] is None else str(r[f])).replace("\n", " ")[:60] for f in fields] for r in rows]
    widths = [max([len(f)] + [len(c[i]) for c in cells]) for i, f in enumerate(fields)]
    out = ["  ".join(f.ljust(w) for f, w in zip(fields, widths, strict=True))]
    out += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(out)


def _run(args, what: str) -> int:
    try:
        text = read_document(args.file, max_bytes=args.max_bytes)
    except DocumentError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # never a traceback for a bad input file
        print(f"Lỗi: không đọc được tệp {args.file}: {exc}", file=sys.stderr)
        return 2
    catalog = [] if args.no_catalog else load_catalog()
    facts, findings = analyse(text, catalog=catalog)
    rows = [f.to_dict() for f in (facts if what == "extract" else findings)]
    try:
        if args.format == "jsonl":
            for row in rows:
                print(json.dumps(row, ensure_ascii=False))
        elif what == "extract":
            print(_table(rows, ("line", "indicator", "value", "unit", "period", "kind", "pct_of_plan", "status")))
        else:
            print(_table(rows, ("line", "type", "stated", "computed", "message")))
    except BrokenPipeError:  # "ktxh extract f | head": the reader left, not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps the interpreter from failing at exit
    return 0


def cmd_extract(args) -> int:
    return _run(args, "extract")


def cmd_check(args) -> int:
    return _run(args, "check")


def register(subparsers) -> None:
    load = subparsers.add_parser("load", help="nạp danh mục (YAML/CSV/XLSX) hoặc kế hoạch, số liệu (CSV/XLSX)")
    load.add_argument("files", nargs="+", metavar="FILE")
    load.set_defaults(func=load_command)
    for name, func, help_text in (
        ("extract", cmd_extract, "Trích các số liệu chỉ tiêu từ một báo cáo (.txt, .md, .docx, .pdf)"),
        ("check", cmd_check, "Kiểm tra tính nhất quán của các số liệu trong một báo cáo"),
    ):
        p = subparsers.add_parser(name, help=help_text, description=help_text)
        p.add_argument("file", help="đường dẫn tệp báo cáo")
        p.add_argument("--format", choices=("jsonl", "table"), default="jsonl")
        p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help=argparse_help())
        p.add_argument("--no-catalog", action="store_true", help="không đối chiếu danh mục chỉ tiêu")
        p.set_defaults(func=func)


def argparse_help() -> str:
    return "giới hạn kích thước tệp (byte), mặc định 20 MB"


def load_command(args) -> int:
    setup_django()
    from ktxh.imports.loader import LoadError, load_file

    for path in args.files:
        try:
            print(load_file(path))
        except LoadError as error:
            lines = [str(error)] + [f"  - {p}" for p in error.problems[:200]]
            if len(error.problems) > 200:
                lines.append(f"  ... và {len(error.problems) - 200} lỗi khác")
            raise CommandError("\n".join(lines)) from None
    return 0
