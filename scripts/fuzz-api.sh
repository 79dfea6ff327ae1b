#!/usr/bin/env bash
# Fuzzes the API from its own OpenAPI document with Schemathesis (pinned in tests/fuzz/requirements.txt,
# installed by scripts/setup.sh into tools/venv) against a debug server on loopback with a fresh
# database, signed in as a demo user. Every check runs (server errors, status code, content type,
# headers and response schema conformance, auth, unsupported methods); any failure exits non-zero.
#   scripts/fuzz-api.sh                 a bounded run (FUZZ_EXAMPLES=25 per operation, fixed seed)
#   FUZZ_EXAMPLES=200 FUZZ_SEED=$RANDOM scripts/fuzz-api.sh   a longer, different run
# Other settings: FUZZ_PORT (8205), FUZZ_MAX_TIME (a hard time limit in seconds, 600). Needs target/debug/rewards-server.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

port="${FUZZ_PORT:-8205}"
examples="${FUZZ_EXAMPLES:-25}"
seed="${FUZZ_SEED:-20261121}"
max_time="${FUZZ_MAX_TIME:-600}"
server="${CARGO_TARGET_DIR:-$ROOT/target}/debug/rewards-server"
[ -x "$server" ] || { echo "fuzz-api: build the server first (cargo build -p rewards-server)" >&2; exit 1; }
[ -x tools/venv/bin/schemathesis ] || { echo "fuzz-api: run scripts/setup.sh (installs Schemathesis)" >&2; exit 1; }

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/dist"
RUST_LOG=warn "$server" --bind 127.0.0.1 --port "$port" --db "$work/fuzz.sqlite3" --dist "$work/dist" \
  >"$work/server.log" 2>&1 &
server_pid=$!

base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
  if tools/venv/bin/python -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=1)" \
      "$base/api/v1/health" 2>/dev/null; then break; fi
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.5
done

status=0
FUZZ_BASE_URL="$base" PYTHONPATH="$ROOT/tests/fuzz" SCHEMATHESIS_HOOKS=hooks \
  timeout "$max_time" tools/venv/bin/schemathesis --config-file tests/fuzz/schemathesis.toml \
  run "$base/api/v1/openapi.json" --checks all --max-examples "$examples" --seed "$seed" \
  --workers 2 --no-color --generation-database none \
  --report junit --report-junit-path "$work/junit.xml" || status=$?
# The server log must show no panic and no 5xx (Schemathesis checks each response; this also
# catches anything logged outside one).
if grep -E "panicked| 5[0-9][0-9] [0-9.]+ms" "$work/server.log"; then
  echo "fuzz-api: the server log shows a panic or a server error" >&2
  status=1
fi
exit "$status"
