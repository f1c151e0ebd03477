from django import template

from shop.workspace.richtext import render_rich_text

register = template.Library()


@register.filter(name="rich_text")
def rich_text(value):
    """Render text a producer wrote: sanitised HTML, or plain text with line breaks."""
    return render_rich_text(value)
