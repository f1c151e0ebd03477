"""``{% load stored_html %}``: stored notification and email HTML, sanitised for display."""

from django import template

from shop.notifications import stored_html

register = template.Library()

register.filter("stored_fragment", stored_html.stored_fragment)
register.filter("stored_layout", stored_html.stored_layout)
