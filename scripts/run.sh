#!/usr/bin/env bash
# Start the web server (gunicorn + whitenoise) and the background worker; Ctrl-C stops both.
set -uo pipefail
host=${1:-127.0.0.1}
port=${2:-8000}
cd "$(dirname "$0")/.."
.venv/bin/python manage.py worker &
worker=$!
# The access log names neither the client's address nor the query string (searches such as
# "suicide" are never written anywhere): time, method, path, status, bytes, seconds.
# One thread per worker (gunicorn's sync worker, meant to sit behind a proxy as HOST
# 127.0.0.1 does): measured with `make bench` at 32 connections, 3 x 1 answered the home
# page at 93 req/s with p99 442 ms where 3 x 2 threads answered 73 req/s with p99 1,313 ms
# (one threaded worker took most keep-alive connections while the others idled).
.venv/bin/gunicorn mindwell.wsgi --bind "$host:$port" --workers "${WEB_WORKERS:-3}" \
  --threads "${WEB_THREADS:-1}" --preload --access-logfile - --error-logfile - --log-level warning \
  --access-logformat '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(L)ss' &
web=$!
stop() { kill -TERM "$web" "$worker" 2>/dev/null; wait "$web" "$worker" 2>/dev/null; exit 0; }
trap stop INT TERM
sleep 1
echo
echo "  Mindwell is running at http://$host:$port/"
echo "  Press Ctrl-C to stop the web server and the worker."
echo
wait -n "$web" "$worker"
status=$?
kill -TERM "$web" "$worker" 2>/dev/null
wait 2>/dev/null
exit $status
