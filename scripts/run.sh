#!/usr/bin/env bash
# Start the web server (gunicorn + whitenoise) and the background worker; Ctrl-C stops both.
# The console stays quiet: their logs go to var/log/ (LOG_TO=- prints them here instead).
set -uo pipefail
host=${1:-127.0.0.1}
port=${2:-8000}
cd "$(dirname "$0")/.."
py=.venv/bin/python

if ! $py - "$host" "$port" <<'EOF'
import socket, sys
host, port = sys.argv[1], int(sys.argv[2])
try:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((host, port))
except OSError as error:
    sys.exit(f"Cannot listen on {host}:{port} ({error.strerror}). Is Mindwell (or another "
             f"program) already running there? Stop it, or choose another port: "
             f"make run PORT={port + 1}")
EOF
then
  exit 1
fi

# Links in emails (sent by the web server and the worker) point where this server listens,
# unless SITE_URL says where the public reaches it.
if [ -z "${SITE_URL:-}" ]; then
  case "$host" in
    0.0.0.0|::) public=$(hostname) ;;
    *:*) public="[$host]" ;;
    *) public=$host ;;
  esac
  export SITE_URL="http://$public:$port"
fi

if [ "${LOG_TO:-var/log}" = "-" ]; then
  worker_log=/dev/stdout; access_log=-; web_log=-
else
  mkdir -p "${LOG_TO:-var/log}"
  worker_log=${LOG_TO:-var/log}/worker.log
  access_log=${LOG_TO:-var/log}/access.log
  web_log=${LOG_TO:-var/log}/web.log
fi

$py manage.py worker >>"$worker_log" 2>&1 &
worker=$!
# The access log names neither the client's address nor the query string (searches such as
# "suicide" are never written anywhere): time, method, path, status, bytes, seconds.
# One thread per worker (gunicorn's sync worker, meant to sit behind a proxy as HOST
# 127.0.0.1 does): measured with `make bench` at 32 connections, 3 x 1 answered the home
# page at 93 req/s with p99 442 ms where 3 x 2 threads answered 73 req/s with p99 1,313 ms
# (one threaded worker took most keep-alive connections while the others idled).
# gunicorn.conf.py (read from this directory) replaces a worker after ~5,000 requests.
.venv/bin/gunicorn mindwell.wsgi --bind "$host:$port" --workers "${WEB_WORKERS:-3}" \
  --threads "${WEB_THREADS:-1}" --preload --access-logfile "$access_log" \
  --error-logfile "$web_log" --log-level warning \
  --access-logformat '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(L)ss' &
web=$!
stop() { kill -TERM "$web" "$worker" 2>/dev/null; wait "$web" "$worker" 2>/dev/null; exit 0; }
trap stop INT TERM

# Say it runs only once it answers; if the web server exits first, say why and fail.
for _ in $(seq 1 120); do
  if ! kill -0 "$web" 2>/dev/null; then
    echo "The web server did not start (see ${web_log/-/the lines above}):" >&2
    [ -f "$web_log" ] && tail -n 5 "$web_log" >&2
    kill -TERM "$worker" 2>/dev/null
    wait 2>/dev/null
    exit 1
  fi
  if $py -c "import socket, sys; socket.create_connection((sys.argv[1], int(sys.argv[2])), 1)" \
    "$host" "$port" 2>/dev/null; then
    break
  fi
  sleep 0.5
done
echo
echo "  Logs: ${LOG_TO:-var/log}/ (web.log, access.log, worker.log). Press Ctrl-C to stop."
echo "  Mindwell is running at http://$host:$port/"
echo
wait -n "$web" "$worker"
status=$?
kill -TERM "$web" "$worker" 2>/dev/null
wait 2>/dev/null
exit $status
