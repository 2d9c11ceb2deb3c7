import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mindwell.settings")
application = get_wsgi_application()

# Crisis screening's model, language detector and phrase files load here, once: gunicorn
# (scripts/run.sh, --preload) imports this module before forking its workers.
from mindwell.safety.screening.detector import warm_up  # noqa: E402

warm_up()
