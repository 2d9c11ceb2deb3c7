import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mindwell.settings")
application = get_wsgi_application()

# Crisis screening's model, language detector and phrase files, and the professional-boundary
# model, load here, once: gunicorn (scripts/run.sh, --preload) imports this module before
# forking its workers, which then share those pages instead of each loading its own copy.
from mindwell.professionals.boundary_model import load as load_boundary_model  # noqa: E402
from mindwell.safety.screening.detector import warm_up  # noqa: E402

warm_up()
load_boundary_model()


# The URL resolver and the compiled templates too, and then the collector told to leave all of
# this alone (core.prefork): measured with bench/run.py (3 workers), all processes' PSS
# 415 MiB -> 364 MiB with the freeze alone.
from mindwell.core import prefork  # noqa: E402

prefork.warm_up()
prefork.freeze()
