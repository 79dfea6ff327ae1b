#!/usr/bin/env bash
# Working on the UI: `trunk serve` rebuilds the app when a file changes and reloads the page
# (debug build, still split per route), and proxies /api/v1 to the reference server, which this
# script starts beside it with its own SQLite file (data/dev.sqlite3, demo data on first start).
#   ./scripts/dev.sh                 app on http://127.0.0.1:8081, API on 127.0.0.1:8090
# DEV_PORT and DEV_API_PORT change the ports.
set -euo pipefail
"$(dirname "$0")/setup.sh" --build
source "$(dirname "$0")/env.sh"
cd "$ROOT"

app_port="${DEV_PORT:-8081}"
api_port="${DEV_API_PORT:-8090}"
cargo build --locked -p rewards-server
mkdir -p data target/dev-dist
# The server only answers the API here; trunk serves the app (from its own dist).
target/debug/rewards-server --bind 127.0.0.1 --port "$api_port" --db data/dev.sqlite3 \
  --dist target/dev-dist &
api_pid=$!
trap 'kill "$api_pid" 2>/dev/null || true' EXIT INT TERM
trunk serve --address 127.0.0.1 --port "$app_port" \
  --proxy-backend "http://127.0.0.1:$api_port/api/v1"
