from django import template
from django.utils.html import format_html

from ktxh.dashboards.display import change_text, excess_text, target_text
from ktxh.engine.numbers import format_number

register = template.Library()


@register.simple_tag
def target_cell(row):
    text = target_text(row.target)
    if not text:
        return format_html('<span class="missing">—</span>')
    if row.target.is_derived:
        return format_html('{} <span class="kind" title="{}">suy ra</span>', text, row.target.source)
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
