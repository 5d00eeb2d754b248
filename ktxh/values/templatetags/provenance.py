"""{{ value.source|citation }}: a stored provenance as a person cites it (values.selectors)."""

from django import template

from ktxh.values.selectors import source_citation

register = template.Library()


@register.filter
def citation(source) -> str:
    return source_citation(source)
