#!/usr/bin/env bash
# `make load`: team up -> load runs -> fault runs -> call-backs (Locust) -> browsers -> team
# down -> bench/load/REPORT.md. Knobs (environment or make variables):
#   LOAD_OPERATORS="10 25 50"  LOAD_SECONDS=300  LOAD_INTERVAL=4  LOAD_FAULT_OPERATORS=25
#   LOAD_FAULT_SECONDS=90  LOAD_CALLBACKS=10000  LOAD_BROWSERS=5  LOAD_INGEST_WAIT=1800
#   LOAD_LABEL="..."
# It restarts the machine's PostgreSQL (a fault run): never part of `make test`.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
BIN=$ROOT/.venv/bin
OUT=$ROOT/data/team/load
OPERATORS=${LOAD_OPERATORS:-10 25 50}
SECONDS_EACH=${LOAD_SECONDS:-300}
INTERVAL=${LOAD_INTERVAL:-4}
FAULT_OPS=${LOAD_FAULT_OPERATORS:-25}
FAULT_SECONDS=${LOAD_FAULT_SECONDS:-90}
CALLBACKS=${LOAD_CALLBACKS:-10000}
BROWSERS=${LOAD_BROWSERS:-5}
LABEL=${LOAD_LABEL:-"Full run: ${OPERATORS// /, } operators x ${SECONDS_EACH}s each, $(date -u +%Y-%m-%dT%H:%MZ)"}

# The set-up's settings, as deploy/team.sh reads them; call-backs switched on for Locust.
export DESK_CALLBACK_TOKEN=${DESK_CALLBACK_TOKEN:-load-token}
export DESK_CALLBACK_RATE_LIMIT=${DESK_CALLBACK_RATE_LIMIT:-1000000/minute}
while IFS='=' read -r key value; do
    [[ "$key" =~ ^[A-Z_][A-Z0-9_]*$ ]] && [ -z "${!key:-}" ] && export "$key=$value"
done < "$ROOT/deploy/team.env.example"
export DESK_DATABASE_URL=${DESK_DATABASE_URL:-"postgresql+psycopg://$TEAM_PG_USER@$TEAM_PG_HOST:$TEAM_PG_PORT/$TEAM_PG_DATABASE"}
export DESK_CHROMA_URL=${DESK_CHROMA_URL:-"http://127.0.0.1:$TEAM_CHROMA_PORT"}
export DESK_CHROMA_PATH=${DESK_CHROMA_PATH:-"$ROOT/data/team/chroma"}

trap 'deploy/team.sh down' EXIT
deploy/team.sh up || exit 1
rm -rf "$OUT" && mkdir -p "$OUT"
# The first indexing takes both cores for minutes: the figures wait for it (LOAD_INGEST_WAIT s).
for ((i = 0; i < ${LOAD_INGEST_WAIT:-1800}; i++)); do
    kill -0 "$(cat data/team/ingest.pid 2>/dev/null)" 2>/dev/null || break
    sleep 1
done
step() { echo; echo "== $* ($(date -u +%H:%M:%S))"; }

for n in $OPERATORS; do
    step "load: $n operators, ${SECONDS_EACH}s"
    "$BIN/python" -m bench.load run --operators "$n" --seconds "$SECONDS_EACH" \
        --interval "$INTERVAL" --out "$OUT/run-$(printf %03d "$n").json" | tail -n 25
done
for fault in pg-restart chroma-restart streamlit-kill; do
    step "fault: $fault under $FAULT_OPS operators, ${FAULT_SECONDS}s"
    "$BIN/python" -m bench.load run --operators "$FAULT_OPS" --seconds "$FAULT_SECONDS" \
        --interval "$INTERVAL" --fault "$fault" --at $((FAULT_SECONDS / 3)) \
        --out "$OUT/fault-$fault.json" | tail -n 25
done
step "fault: the SQLite disk filled"
"$BIN/python" -m bench.load diskfull --out "$OUT/check-sqlite-disk-full.json"

step "call-backs: $CALLBACKS posts through nginx (Locust)"
PREFIX=load-$(date +%s)
LOAD_CALLBACKS=$CALLBACKS LOAD_CALLBACK_PREFIX=$PREFIX LOAD_CALLBACK_OUT=$OUT/callbacks.jsonl \
    "$BIN/locust" -f bench/load/locustfile.py --headless -u 20 -r 20 --run-time 600s \
    --host "http://$TEAM_LISTEN" --only-summary --loglevel WARNING 2>&1 | tail -n 12
"$BIN/python" -m bench.load callbacks-check "$OUT/callbacks.jsonl" "$PREFIX" \
    --out "$OUT/check-callbacks.json"

step "browsers: $BROWSERS Chromium sessions through nginx"
"$BIN/python" -m bench.load browser --sessions "$BROWSERS" --url "http://$TEAM_LISTEN" \
    --out "$OUT/check-browsers.json"

step "report"
"$BIN/python" -m bench.load report "$OUT" --label "$LABEL"
