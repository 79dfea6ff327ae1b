#!/usr/bin/env bash
# Builds the release SPA and starts the reference API server, which serves both on
# http://127.0.0.1:8080 with an embedded SQLite database (created with demo data on first start).
# Options go to the server: --port N, --db FILE, --dist DIR, --bind ADDR (or REWARDS_PORT, REWARDS_DB, ...).
set -euo pipefail
"$(dirname "$0")/setup.sh" --build
source "$(dirname "$0")/env.sh"
cd "$ROOT"
trunk build --release
# Brotli 11 / gzip 9 siblings: the server sends them as they are (on the fly it uses brotli 4).
node scripts/asset-sizes.mjs dist --precompress
exec cargo run --release -p rewards-server -- --dist "$ROOT/dist" "$@"
