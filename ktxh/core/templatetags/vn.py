"""Vietnamese number display for templates: {{ value|vn:2 }} -> 36.595,83."""

from decimal import Decimal

from django import template

from ktxh.engine.numbers import format_number

register = template.Library()


@register.filter
def vn(value, decimals=None):
    """A stored or computed number in Vietnamese notation; '' for None."""
    if value is None or value == "":
        return ""
    places = None if decimals in (None, "") else int(decimals)
    return format_number(Decimal(value) if not isinstance(value, Decimal) else value, places)


@register.filter
def vn_signed(value, decimals=2):
    """+0,43 / −1,20: an excess or a change, with its sign always shown."""
    if value is None:
        return ""
    text = format_number(value, int(decimals))
    return text.replace("-", "−") if value < 0 else f"+{text}"
