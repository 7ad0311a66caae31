"""
Addresses the base template gives on every page, each worked out once per process rather than on every page:
{% link 'name' %} for a page whose URL takes no arguments (as {% url 'name' %}), and {% asset 'path' %} for a
static file (as {% static 'path' %}). The base template names more than twenty, and working them out was a third of
a cached browse page's time.
"""

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse

register = template.Library()
_known = {}


@register.simple_tag
def link(name):
    key = ("link", get_script_prefix(), name)
    if key not in _known:
        _known[key] = reverse(name)
    return _known[key]


@register.simple_tag
def asset(path):
    key = ("asset", path)
    if key not in _known:
        _known[key] = static(path)
    return _known[key]


@receiver(setting_changed)
def _addresses_changed(setting, **kwargs):
    if setting in {"ROOT_URLCONF", "STATIC_URL", "STORAGES", "STATIC_ROOT", "FORCE_SCRIPT_NAME"}:
        _known.clear()
