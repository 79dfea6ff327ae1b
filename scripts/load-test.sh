#!/usr/bin/env bash
# A bounded, open-loop load test of the reference API server (release build) on loopback with fresh
# demo databases: one instance on SQLite, two instances on one SQLite file, and — with
# REWARDS_LOAD_POSTGRES=postgres://… (a scratch database) — one and two instances on PostgreSQL
# (skipped, with the reason printed, while the server does not accept --db postgres://…).
# Requests arrive at a fixed rate; latency counts from each request's scheduled start, so queueing
# counts. Non-zero exit on any error, dropped request or lost write. Not part of scripts/test.sh
# (timings depend on the machine).
#   scripts/load-test.sh
#   LOAD_RATE=400 LOAD_SECONDS=5 scripts/load-test.sh
# Settings: LOAD_RATE (requests/s, 300), LOAD_SECONDS (per scenario, 4), LOAD_MAX_IN_FLIGHT (256),
# LOAD_PORT (first port, 8208; two instances use it and the next), REWARDS_LOAD_POSTGRES,
# LOAD_JSON (write the results there).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

cargo build --release --locked -p rewards-server
server="${CARGO_TARGET_DIR:-$ROOT/target}/release/rewards-server"
node scripts/load-test.mjs --server "$server"
