"""gunicorn's settings for `make run` (scripts/run.sh) and `make bench` (bench/harness.py): gunicorn
reads this file from the directory it starts in (the project's); the command lines add the rest."""

import os

# Each web worker is replaced by a fresh fork of the master after about this many requests:
# the memory a worker's pages dirtied (its copies of shared pages, its allocator's arenas) goes
# back to the master's shared image instead of growing as long as the site runs. The jitter
# keeps the three workers from restarting at once.
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
