"""`{% url %}` that reverses a name without arguments once per process.

Every page's header and footer reverse about 25 URL names without arguments (15 µs each,
measured: 0.4 ms of a member's 4 ms page). Their result depends only on the name, the
current application namespace, the script prefix and the URLconf, so it is kept per process
under exactly those; a URL with arguments is reversed as Django always does (memoising those
too was measured: 5 ms of a 127 ms page of 120 answers, not kept). Installed as a
template builtin (settings.TEMPLATES), so it replaces Django's tag in every template.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape

register = template.Library()

_reversed: dict[tuple[Any, ...], str] = {}


class MemoURLNode(URLNode):
    def render(self, context: Any) -> str:
        if self.args or self.kwargs or self.asvar:
            return str(super().render(context))
        view_name = self.view_name.resolve(context)
        request = getattr(context, "request", None)
        current_app = getattr(request, "current_app", None)
        if current_app is None:
            current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
        key = (view_name, current_app, get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF)
        if (found := _reversed.get(key)) is None:
            found = _reversed[key] = reverse(view_name, current_app=current_app)
        return str(conditional_escape(found)) if context.autoescape else found


@register.tag
def url(parser: template.base.Parser, token: template.base.Token) -> URLNode:
    node = django_url(parser, token)
    return MemoURLNode(node.view_name, node.args, node.kwargs, node.asvar)
