from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """{{ figures.bands|get_item:label }}: a dict lookup by a variable key."""
    if mapping is None:
        return None
    return mapping.get(key)
