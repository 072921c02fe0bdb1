#!/usr/bin/env bash
# Tracing overhead of parley-chat end to end: POST /api/messages throughput
# and latency with tracing disabled, at 1 % and at 100 % sampling, measured in
# one run. Modes are interleaved round by round (off, 1 %, 100 %, off, ...)
# so drift on the machine hits all three alike; each round starts a fresh
# server on a fresh database in a temporary directory. Traces go to the file
# exporter (OTLP JSON lines), the default of `make run`.
# Usage: run.sh <bin-dir> [rounds=3] [seconds=10] [connections=4]
# PARLEY_BENCH_PROVIDER picks the exporter of the traced modes (default file;
# none measures the request side alone: spans recorded, kept, not exported).
# PARLEY_BENCH_PIN=1 pins the server to CPU 1 and the load generator to CPU 0
# (taskset), so the client's CPU time does not count against the server.
set -euo pipefail
bin=$(cd "$1" && pwd)
rounds=${2:-3}
seconds=${3:-10}
connections=${4:-4}
provider=${PARLEY_BENCH_PROVIDER:-file}
server_pin=()
client_pin=()
if [ "${PARLEY_BENCH_PIN:-0}" = 1 ]; then
  server_pin=(taskset -c 1)
  client_pin=(taskset -c 0)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run_mode() {  # <label> <tracing env...>
  local label=$1; shift
  local db="$work/$label-$RANDOM.db"
  env -i PATH="$PATH" PARLEY_HTTP_ADDR=127.0.0.1:0 PARLEY_ADMIN_ADDR=off PARLEY_DB="$db" PARLEY_THREADS=2 OLLAMA_URL=http://127.0.0.1:9 \
    "$@" "${server_pin[@]}" "$bin/parley-chat" > "$work/server.log" 2>&1 &
  local pid=$!
  local port=""
  for _ in $(seq 1 200); do
    port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/server.log" 2>/dev/null | head -1 | sed 's/.*://') || true
    [ -n "$port" ] && break
    sleep 0.05
  done
  [ -n "$port" ] || { cat "$work/server.log"; exit 1; }
  local result
  result=$("${client_pin[@]}" "$bin/parley-chat-bench" 127.0.0.1 "$port" --connections "$connections" --seconds "$seconds" --warmup 2)
  kill -TERM "$pid"
  wait "$pid"
  echo "$label $result"
}

results="$work/results"
for round in $(seq 1 "$rounds"); do
  run_mode off TRACING_ENABLED=false | tee -a "$results"
  run_mode 1pct TRACING_ENABLED=true TRACING_PROVIDER="$provider" TRACING_ENDPOINT="$work/traces-1.jsonl" TRACING_SAMPLE_RATE=0.01 | tee -a "$results"
  run_mode 100pct TRACING_ENABLED=true TRACING_PROVIDER="$provider" TRACING_ENDPOINT="$work/traces-100.jsonl" TRACING_SAMPLE_RATE=1.0 | tee -a "$results"
  rm -f "$work"/traces-*.jsonl
done

python3 - "$results" <<'PY'
import json, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    label, data = line.split(' ', 1)
    rows.setdefault(label, []).append(json.loads(data))
base = statistics.median(r['rps'] for r in rows['off'])
print()
print('| mode | requests/s (median of rounds) | each round | p50 µs | p99 µs | errors | throughput vs off |')
print('|---|---|---|---|---|---|---|')
for label, name in (('off', 'tracing disabled'), ('1pct', '1 % sampling'), ('100pct', '100 % sampling')):
    r = rows[label]
    rps = statistics.median(x['rps'] for x in r)
    each = ', '.join('%.1f' % x['rps'] for x in r)
    print(f"| {name} | {rps:.1f} | {each} | "
          f"{statistics.median(x['p50_us'] for x in r):.0f} | {statistics.median(x['p99_us'] for x in r):.0f} | "
          f"{sum(x['errors'] for x in r)} | {100 * (rps - base) / base:+.2f} % |")
PY
