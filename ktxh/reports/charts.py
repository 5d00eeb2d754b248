"""Charts of a report, drawn from its content (so a rebuilt file draws the same): the main
indicators against their plan and the communes compared. PNG through matplotlib's Agg
backend with Liberation Serif 2 (Debian fonts-liberation2; TeX Gyre Termes as a second
choice), which has every Vietnamese letter — Liberation 1.07 has boxes for some.
The XLSX draws the same figures as native charts (xlsx_builder.py)."""

import hashlib
import json
import logging
import threading
from collections import OrderedDict
from decimal import Decimal
from io import BytesIO
from pathlib import Path

log = logging.getLogger(__name__)

FONT_FILES = [
    Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"),
    Path("/usr/share/texmf/fonts/opentype/public/tex-gyre/texgyretermes-regular.otf"),
]
MAX_LABEL = 48
MAX_COMMUNE_CHARTS = 2
# Drawing is most of a large report's DOCX time (300 bars: ~4 s of text layout in matplotlib);
# the same figures draw the same PNG, so a report made again (the PDF after the DOCX, the
# final after the draft) reuses it. Keyed by the figures themselves, never by report id.
_DRAWN: OrderedDict = OrderedDict()
_DRAWN_SIZE = 8
_DRAWN_LOCK = threading.Lock()


def _font():
    """The first installed font of FONT_FILES, registered with matplotlib; None without one."""
    from matplotlib import font_manager

    manager = font_manager.fontManager
    for path in FONT_FILES:
        if path.exists():
            manager.addfont(str(path))
            name = font_manager.FontProperties(fname=str(path)).get_name()
            # Liberation 1.07 has the same family name and lacks letters such as "ớ": keep only this file
            manager.ttflist = [f for f in manager.ttflist if f.name != name or Path(f.fname) == path]
            if hasattr(manager, "_findfont_cached"):
                manager._findfont_cached.cache_clear()
            return name
    return None


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[:MAX_LABEL - 1].rsplit(" ", 1)[0] + " …"


def _vn(value: Decimal, places: int = 2) -> str:
    from ktxh.engine.numbers import format_number

    return format_number(value, places)


def main_series(annex: dict) -> list[tuple[str, Decimal, str]]:
    """(indicator, % of plan, status) of every main indicator that has one."""
    return [(r["name"], Decimal(r["pct"]["v"]), r["status"]) for r in annex.get("rows", [])
            if r.get("kind") == "item" and r.get("pct")]


def commune_series(annex: dict | None) -> list[dict]:
    """Per indicator of Biểu 02 with at least two communes: the communes' values (and plans)."""
    out = []
    for group in (annex or {}).get("groups", []):
        points = [(r["name"], Decimal(r["value"]["v"]),
                   Decimal(r["plan"]["v"]) if r.get("plan") and r["plan"].get("v") is not None else None)
                  for r in group.get("rows", []) if r.get("value")]
        if len(points) >= 2:
            out.append({"name": group["name"], "unit": group.get("unit", ""), "points": points})
    return sorted(out, key=lambda s: -len(s["points"]))[:MAX_COMMUNE_CHARTS]


def _png(fig) -> bytes:
    out = BytesIO()
    # zlib level 1: a 300-bar chart is ~15 million pixels, encoded faster for a file about as large
    fig.savefig(out, format="png", dpi=150, bbox_inches="tight", pil_kwargs={"compress_level": 1})
    return out.getvalue()


def charts_cache_clear() -> None:
    """Forget the drawn charts (the benchmark's cold case)."""
    with _DRAWN_LOCK:
        _DRAWN.clear()


def report_charts(content: dict) -> list[tuple[str, bytes]]:
    """(caption, PNG) of each chart the report has data for; [] without a Vietnamese font."""
    annexes = content.get("annexes", [])
    figures = [main_series(annexes[0]) if annexes else [], commune_series(annexes[1] if len(annexes) > 1 else None)]
    key = hashlib.sha256(json.dumps(figures, default=str, ensure_ascii=False).encode()).hexdigest()
    with _DRAWN_LOCK:
        if key in _DRAWN:
            _DRAWN.move_to_end(key)
            return list(_DRAWN[key])
    charts = _draw(*figures)
    if charts:  # nothing is kept without a font: it may be installed later
        with _DRAWN_LOCK:
            _DRAWN[key] = tuple(charts)
            while len(_DRAWN) > _DRAWN_SIZE:
                _DRAWN.popitem(last=False)
    return charts


def _draw(series: list, communes: list) -> list[tuple[str, bytes]]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    family = _font()
    if family is None:
        log.warning("Không có phông chữ Liberation Serif 2 / TeX Gyre Termes: báo cáo không kèm biểu đồ.")
        return []
    charts = []
    with matplotlib.rc_context({"font.family": family, "font.size": 9, "axes.unicode_minus": False}):
        if series:
            height = max(2.5, 0.28 * len(series) + 1)
            fig, ax = plt.subplots(figsize=(10, height))
            names = [_short(n) for n, _, _ in series][::-1]
            values = [float(v) for _, v, _ in series][::-1]
            colors = ["#2e7d32" if s in ("exceeded", "met") else "#c62828" if s == "not_met" else "#607d8b"
                      for _, _, s in series][::-1]
            ax.barh(names, values, color=colors)
            ax.axvline(100, color="#333333", linestyle="--", linewidth=1)
            for y, (_, v, _) in enumerate(series[::-1]):
                ax.text(float(v), y, " " + _vn(v), va="center", fontsize=7)
            ax.set_xlabel("% so với kế hoạch (đường đứt: 100% kế hoạch)")
            ax.margins(x=0.12)
            charts.append(("Kết quả thực hiện các chỉ tiêu chủ yếu so với kế hoạch (%)", _png(fig)))
            plt.close(fig)
        for s in communes:
            fig, ax = plt.subplots(figsize=(10, 3.6))
            names = [_short(n) for n, _, _ in s["points"]]
            ax.bar(names, [float(v) for _, v, _ in s["points"]], color="#1565c0", label="Thực hiện")
            plans = [(i, float(p)) for i, (_, _, p) in enumerate(s["points"]) if p is not None]
            if plans:
                ax.scatter([i for i, _ in plans], [p for _, p in plans], marker="_", s=400, color="#c62828",
                           label="Kế hoạch", zorder=3)
                ax.legend(loc="upper right", fontsize=8)
            ax.set_ylabel(s["unit"])
            ax.tick_params(axis="x", labelrotation=45)
            for label in ax.get_xticklabels():
                label.set_horizontalalignment("right")
            charts.append((f"So sánh giữa các xã, thị trấn: {s['name']} ({s['unit']})", _png(fig)))
            plt.close(fig)
    return charts
