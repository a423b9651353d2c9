#!/usr/bin/env bash
# The trial team set-up on one machine: PostgreSQL (a database of its own on the machine's
# server), `chroma run`, N Streamlit processes and nginx in front with sticky sessions.
#
#   deploy/team.sh up [N]   start it all, as the current user; wait until it answers
#   deploy/team.sh down     stop exactly the processes it started (data/team/*.pid)
#   deploy/team.sh render   print the nginx configuration it would use
#
# Everything it writes is under data/team (logs, pids, nginx's temp files, Chroma's data),
# or under TEAM_DIR when set.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TEAM=${TEAM_DIR:-"$ROOT/data/team"}
BIN=${BIN:-$ROOT/.venv/bin}
NGINX=${NGINX:-/usr/sbin/nginx}
cd "$ROOT"

load_env() {
    local file="$ROOT/deploy/team.env"
    [ -f "$file" ] || file="$ROOT/deploy/team.env.example"
    # The environment wins over the file: `make team N=5` and DESK_* set by hand.
    while IFS='=' read -r key value; do
        [[ "$key" =~ ^[A-Z_][A-Z0-9_]*$ ]] || continue
        [ -n "${!key:-}" ] || export "$key=$value"
    done < "$file"
    export DESK_DATABASE_URL=${DESK_DATABASE_URL:-"postgresql+psycopg://$TEAM_PG_USER@$TEAM_PG_HOST:$TEAM_PG_PORT/$TEAM_PG_DATABASE"}
    export DESK_CHROMA_URL=${DESK_CHROMA_URL:-"http://127.0.0.1:$TEAM_CHROMA_PORT"}
    # The desk keeps its ingest status and demo logins beside this folder (data/team).
    export DESK_CHROMA_PATH=${DESK_CHROMA_PATH:-"$TEAM/chroma"}
}

render() {
    local user="" upstreams="" i
    # Only a root master switches its workers' user; as anyone else nginx keeps its own.
    [ "$(id -u)" = 0 ] && user="user $(id -un);"
    for ((i = 0; i < TEAM_APPS; i++)); do
        upstreams+="        server 127.0.0.1:$((TEAM_APP_PORT + i)) max_fails=3 fail_timeout=10s;"$'\n'
    done
    awk -v ups="$upstreams" '/@UPSTREAMS@/ { printf "%s", ups; next } { print }' \
        "$ROOT/deploy/nginx.conf.template" |
        sed -e "s|@USER@|$user|" -e "s|@PREFIX@|$TEAM/nginx|g" -e "s|@LISTEN@|$TEAM_LISTEN|"
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# start NAME COMMAND...: run it in the background, its output in data/team/logs/NAME.log.
start() {
    local name=$1
    shift
    nohup "$@" > "$TEAM/logs/$name.log" 2>&1 &
    echo $! > "$TEAM/$name.pid"
    echo "  $name: pid $! ($TEAM/logs/$name.log)"
}

# wait_for URL SECONDS: until it answers 200, or fail naming it.
wait_for() {
    local url=$1 seconds=$2 i
    for ((i = 0; i < seconds; i++)); do
        curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null && return 0
        sleep 1
    done
    echo "No answer from $url after ${seconds}s; see $TEAM/logs/ (make team-stop stops the rest)." >&2
    return 1
}

up() {
    TEAM_APPS=${1:-${TEAM_APPS:-3}}
    [[ "$TEAM_APPS" =~ ^[1-9][0-9]*$ ]] || { echo "N must be a number of processes, e.g. N=3." >&2; exit 2; }
    for pid in "$TEAM"/*.pid; do
        if alive "$pid"; then
            echo "The team set-up is already running ($pid): make team-stop first." >&2
            exit 1
        fi
    done
    [ -x "$NGINX" ] || { echo "nginx is not installed: run make nginx (Debian's package)." >&2; exit 1; }
    [ -x "$BIN/desk" ] || { echo "The desk is not installed in $BIN: run make install first." >&2; exit 1; }
    mkdir -p "$TEAM/logs" "$TEAM/chroma" "$TEAM/nginx/logs" "$TEAM/nginx/temp"
    rm -f "$TEAM"/*.pid
    if [ -z "${STREAMLIT_SERVER_COOKIE_SECRET:-}" ]; then
        [ -s "$TEAM/cookie-secret" ] || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$TEAM/cookie-secret"
        STREAMLIT_SERVER_COOKIE_SECRET=$(cat "$TEAM/cookie-secret")
        export STREAMLIT_SERVER_COOKIE_SECRET
    fi

    echo "PostgreSQL: database $TEAM_PG_DATABASE on $TEAM_PG_HOST:$TEAM_PG_PORT"
    local pg=(-h "$TEAM_PG_HOST" -p "$TEAM_PG_PORT" -U "$TEAM_PG_USER")
    if [ "$(psql "${pg[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$TEAM_PG_DATABASE'")" != 1 ]; then
        createdb "${pg[@]}" "$TEAM_PG_DATABASE"
        echo "  created"
    fi
    "$BIN/desk" init --demo --if-empty

    echo "Chroma: $DESK_CHROMA_URL"
    start chroma "$BIN/chroma" run --path "$TEAM/chroma" --host 127.0.0.1 --port "$TEAM_CHROMA_PORT"
    wait_for "$DESK_CHROMA_URL/api/v2/heartbeat" 60
    # Indexing takes minutes the first time; the Ask panel says so meanwhile.
    PYTHONUNBUFFERED=1 start ingest "$BIN/desk" ingest "$ROOT/knowledge/sources" --prune

    echo "Streamlit: $TEAM_APPS processes"
    local i port
    for ((i = 0; i < TEAM_APPS; i++)); do
        port=$((TEAM_APP_PORT + i))
        start "app-$port" "$BIN/streamlit" run server.py --server.port="$port" \
            --server.address=127.0.0.1 --server.headless=true
    done

    echo "nginx: http://$TEAM_LISTEN"
    render > "$TEAM/nginx/nginx.conf"
    "$NGINX" -t -q -p "$TEAM/nginx" -c "$TEAM/nginx/nginx.conf"
    start nginx "$NGINX" -p "$TEAM/nginx" -c "$TEAM/nginx/nginx.conf"

    for ((i = 0; i < TEAM_APPS; i++)); do
        wait_for "http://127.0.0.1:$((TEAM_APP_PORT + i))/_stcore/health" 120
    done
    wait_for "http://$TEAM_LISTEN/_stcore/health" 30
    wait_for "http://$TEAM_LISTEN/api/ready" 30
    echo "The team set-up is up: http://$TEAM_LISTEN (demo logins: $TEAM/demo-logins.txt)."
    echo "Indexing the knowledge base: tail -f $TEAM/logs/ingest.log. Stop it all: make team-stop."
}

down() {
    local pid name left=0
    for file in "$TEAM"/*.pid; do
        [ -f "$file" ] || continue
        name=$(basename "$file" .pid)
        pid=$(cat "$file")
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" && echo "  stopping $name (pid $pid)"
        fi
    done
    for file in "$TEAM"/*.pid; do
        [ -f "$file" ] || continue
        pid=$(cat "$file")
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        if kill -0 "$pid" 2>/dev/null; then
            echo "  $(basename "$file" .pid) (pid $pid) ignored TERM after 10s: killing it"
            kill -KILL "$pid" 2>/dev/null || left=1
        fi
        rm -f "$file"
    done
    echo "The team set-up is stopped."
    return $left
}

case "${1:-}" in
    up) load_env; up "${2:-}" ;;
    down) down ;;
    render) load_env; TEAM_APPS=${2:-${TEAM_APPS:-3}}; render ;;
    *) echo "usage: $0 up [N] | down | render [N]" >&2; exit 2 ;;
esac
