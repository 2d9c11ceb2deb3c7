"""What the web server's master builds before forking (core.prefork, called by wsgi.py)."""

from django.template import engines

from mindwell.core import prefork


def test_every_project_template_compiles_before_the_fork() -> None:
    names = prefork.project_templates()
    assert "base.html" in names
    assert any(name.startswith("qa/") for name in names)
    compiled = prefork.warm_up()
    assert compiled == len(names)
    # The cached loader now holds them: a worker's first request finds them compiled.
    loader = engines["django"].engine.template_loaders[0]
    assert hasattr(loader, "get_template_cache")
    assert len(loader.get_template_cache) >= compiled
