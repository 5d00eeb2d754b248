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


MET = ("exceeded", "met")
STATUS_LEGEND = ("Đạt và vượt kế hoạch", "Không đạt kế hoạch", "Chưa đánh giá (thiếu số liệu, kế hoạch)")
MAIN_CAPTION = "Số chỉ tiêu đạt, không đạt kế hoạch theo nhóm chỉ tiêu"


def main_series(annex: dict) -> list[tuple[str, int, int, int]]:
    """(group, indicators met or exceeded, not met, not evaluated) for each group of Biểu 01:
    a leader reads where the plan is behind in one look, however many indicators there are
    (one bar per indicator was 300 bars of 0,5 mm at 300 indicators)."""
    out: list[list] = []
    for r in annex.get("rows", []):
        if r.get("kind") == "group":
            out.append([r["name"], 0, 0, 0])
        elif r.get("kind") == "item" and out:
            status = r.get("status")
            out[-1][1 if status in MET else 2 if status == "not_met" else 3] += 1
    return [tuple(g) for g in out if sum(g[1:])]


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


def _status_figure(plt, series: list):
    """Stacked bars of the status counts per group, drawn at the size they are printed (24 cm
    wide): more than 16 groups go in two columns so that the labels stay 9 pt."""
    import textwrap

    columns = 1 if len(series) <= 16 else 2
    per_column = -(-len(series) // columns)
    fig, axes = plt.subplots(1, columns, figsize=(9.4, max(2.6, 0.3 * per_column + 1.3)), squeeze=False)
    widest = max(sum(g[1:]) for g in series)
    # hatched "not met": still told apart when the signed copy is printed in black and white
    colors, hatches = ("#2e7d32", "#c62828", "#b0bec5"), ("", "//", "")
    for k, ax in enumerate(axes[0]):
        part = series[k * per_column:(k + 1) * per_column][::-1]
        names = [textwrap.shorten(g[0], 60, placeholder=" …") for g in part]
        names = ["\n".join(textwrap.wrap(n, 38)) for n in names]
        left = [0] * len(part)
        for index in range(3):
            counts = [g[1 + index] for g in part]
            bars = ax.barh(range(len(part)), counts, left=left, color=colors[index], hatch=hatches[index],
                           edgecolor="white", linewidth=0.5, label=STATUS_LEGEND[index])
            for bar, count in zip(bars, counts, strict=True):
                if count:
                    ax.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2, str(count),
                            ha="center", va="center", fontsize=9, fontweight="bold",
                            color="black" if index == 2 else "white",
                            bbox={"facecolor": colors[index], "edgecolor": "none", "pad": 1})
            left = [a + b for a, b in zip(left, counts, strict=True)]
        ax.set_yticks(range(len(part)), names, fontsize=9)
        ax.set_xlim(0, widest * 1.02)
        ax.set_xlabel("Số chỉ tiêu")
        ax.spines[["top", "right"]].set_visible(False)
    handles, labels = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper center", ncol=3, frameon=False, fontsize=9)
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.35 / fig.get_figheight()))
    return fig


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
            charts.append((MAIN_CAPTION, _png(_status_figure(plt, series))))
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
