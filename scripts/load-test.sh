#!/usr/bin/env bash
# A bounded load test of the reference API server (release build) on loopback with a fresh demo
# database: throughput and p50/p90/p99 per scenario, non-zero exit on any error or lost write.
# Not part of scripts/test.sh (timings depend on the machine).
#   scripts/load-test.sh
#   LOAD_REQUESTS=5000 LOAD_CONCURRENCY=32 scripts/load-test.sh
# Settings: LOAD_PORT (8208), LOAD_REQUESTS (per scenario, 2000), LOAD_CONCURRENCY (16),
# LOAD_MAX_SECONDS (per scenario, 30), LOAD_WRITES (300), LOAD_JSON (write the results there).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

port="${LOAD_PORT:-8208}"
cargo build --release --locked -p rewards-server
server="${CARGO_TARGET_DIR:-$ROOT/target}/release/rewards-server"

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/dist"
RUST_LOG=warn "$server" --bind 127.0.0.1 --port "$port" --db "$work/load.sqlite3" --dist "$work/dist" \
  >"$work/server.log" 2>&1 &
server_pid=$!

for _ in $(seq 1 120); do
  if node -e "fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))" \
      "http://127.0.0.1:$port/api/v1/health"; then break; fi
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.5
done

node scripts/load-test.mjs "http://127.0.0.1:$port"
if grep -E "panicked|ERROR" "$work/server.log"; then
  echo "load-test: the server logged errors" >&2
  exit 1
fi
