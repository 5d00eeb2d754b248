import threading
from collections import OrderedDict
from functools import lru_cache

from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from ktxh.core.display import change_text, excess_text, target_text
from ktxh.engine.numbers import format_number
from ktxh.values.selectors import source_citation

register = template.Library()


@register.simple_tag
def target_cell(row):
    indicator = getattr(row, "indicator", None)  # commune cells carry no indicator
    text = target_text(row.target, indicator)
    if not text:
        return mark_safe('<span class="missing">—</span>')
    plan = getattr(row.evaluation, "plan", None)
    if row.target.basis != "absolute" and plan is not None:  # resolved with last year's value
        text = format_html('{} <span class="kind" title="Kế hoạch tính từ số liệu năm trước">= {}</span>',
                           text, format_number(plan, indicator.decimals if indicator else None))
    if row.target.is_derived:
        return format_html('{} <span class="kind" title="{}">suy ra</span>', text, source_citation(row.target.source))
    return text


@register.simple_tag
def excess_cell(row):
    return excess_text(row.evaluation, row.indicator.unit)


@register.simple_tag
def change_cell(row):
    text = change_text(row.evaluation, row.indicator.unit)
    if text and row.prior:
        return format_html('<span title="Cùng kỳ: {}">{}</span>', format_number(row.prior.value), text)
    return text


@register.simple_tag
def matrix_cells(row):
    """The commune cells of one comparison row, built in one pass: a page of 300
    indicators × 20 communes would otherwise cost 6.000 template loops. Unit names are
    escaped once per column; numbers and status labels contain no markup. The row is
    shared by the evaluation cache (same data version), so its markup is kept on it."""
    if getattr(row, "is_ntm", False):  # dashboards.communes: figures of the NTM matrix
        return format_html_join("", '<td class="n cell status-{}" data-commune="{}" title="{}">{}</td>',
                                ((c.status.value if c.status else "none", c.unit.code, c.title, c.text)
                                 for c in row.cells))
    if row.cells_html is not None:
        return mark_safe(row.cells_html)
    parts = []
    for c in row.cells:
        head = _cell_head(c.unit.pk, c.unit.code, c.unit.name)
        status = c.evaluation.status
        basis = " (so với KH huyện)" if c.basis == "parent" else ""
        text = format_number(c.value.value) if c.value is not None else '<span class="missing">—</span>'
        if c.illustrative:  # a demo figure carries its label into the comparison too
            basis += "; số liệu minh họa"
            text += '<small class="illustrative">minh họa</small>'
        parts.append(f'<td class="n cell status-{status.value}" {head}{status.label_vi}{basis}">{text}</td>')
    row.cells_html = "".join(parts)
    return mark_safe(row.cells_html)


@lru_cache(maxsize=4096)
def _cell_head(pk: int, code: str, name: str) -> str:
    return f'data-commune="{escape(code)}" title="{escape(name)}: '


# Rendered overview rows (dashboards/_overview_row.html), per process. A Row of an evaluated
# table is shared and read-only while its data version holds (evaluation.cache): the same
# Row object with the same communes behind and projection renders the same HTML, so after a
# write only the rows whose figures moved are rendered again (rendering was most of the
# page's time, bench/dashboard.py). The entry keeps its Row alive: its id is never reused.
_ROWS: OrderedDict = OrderedDict()
_ROWS_SIZE = 4000  # a few 300-indicator tables
_ROWS_LOCK = threading.Lock()


@register.simple_tag(takes_context=True)
def overview_row(context, item):
    row = item.row
    projection = item.projection
    key = (id(row), context["unit"].key, context["period"].code, context["table"].period.is_year_to_date,
           item.attention, tuple((u.pk, u.name) for u in item.communes_not_met),
           None if projection is None else (projection.value, projection.at_risk, projection.method_label))
    derived = row.target is not None and row.target.is_derived  # its citation may change on its own
    with _ROWS_LOCK:
        found = _ROWS.get(key)
        if found is not None and found[0] is row and not derived:
            _ROWS.move_to_end(key)
            return found[1]
    with context.push(item=item):
        html = mark_safe(context.template.engine.get_template("dashboards/_overview_row.html").render(context))  # noqa: S308 — a template's output
    if not derived:
        with _ROWS_LOCK:
            _ROWS[key] = (row, html)
            while len(_ROWS) > _ROWS_SIZE:
                _ROWS.popitem(last=False)
    return html
