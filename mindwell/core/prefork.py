"""Work the web server's master process does once before it forks its workers (wsgi.py;
gunicorn --preload), so the workers share the result instead of each building its own copy:
the URL resolver, every template of the project compiled by the cached loader, and then the
garbage collector told to leave all of it alone (a collection writes to every object it
visits, and a written page is copied into the worker that wrote it)."""

from __future__ import annotations

import gc
from pathlib import Path

from django.template import TemplateDoesNotExist, engines
from django.urls import get_resolver

PACKAGE = Path(__file__).resolve().parent.parent


def project_templates() -> list[str]:
    """Template names under the project's template folders (the site's and each app's)."""
    names: list[str] = []
    for folder in [PACKAGE / "templates", *PACKAGE.glob("*/templates")]:
        names.extend(
            str(path.relative_to(folder)) for path in sorted(folder.rglob("*")) if path.is_file()
        )
    return names


def warm_up() -> int:
    """Build the shared parts now; returns the number of templates compiled."""
    resolver = get_resolver()
    resolver.reverse_dict  # noqa: B018 - reading it builds the reverse lookup tables
    for _, inner in resolver.namespace_dict.values():  # each namespace's own tables
        inner.reverse_dict  # noqa: B018
    engine = engines["django"]
    compiled = 0
    for name in project_templates():
        try:
            engine.get_template(name)
        except TemplateDoesNotExist:  # shadowed by another app's template of the same name
            continue
        compiled += 1
    return compiled


def freeze() -> None:
    """Everything loaded so far lives as long as the process: move it out of the collector's
    reach (gc.freeze), after one last collection of what is already garbage."""
    gc.collect()
    gc.freeze()
