#!/usr/bin/env bash
# Performance benchmark (not part of scripts/test.sh): builds the release SPA, the minimal Leptos
# page (bench/floor-leptos, same profile) and the reference server, then measures asset sizes,
# cold loads in headless Chromium (unthrottled and mobile-throttled), route switches, memory and
# API latency next to the two floors, and checks the budgets in perf-budget.json.
# Prints a table, writes target/bench/report.json; exits 1 when a budget fails.
#   BENCH_RUNS=N (cold loads per median, default 3), BENCH_PORT=N (first of three ports, default 8191)
set -euo pipefail
"$(dirname "$0")/setup.sh"
source "$(dirname "$0")/env.sh"
cd "$ROOT"

out="$ROOT/target/bench"
mkdir -p "$out"

# The floor must be built exactly like the app: same profile, wasm-opt level and features. (The
# app's wasm comes from scripts/build-wasm.mjs, which also splits it; the floor has nothing to
# split, so Trunk's own Rust pipeline builds it.)
profile_of() { sed -n '/^\[profile.wasm-release\]/,/^$/p' "$1" | grep -v '^#'; }
floor_opt() { grep -o 'data-wasm-opt="[a-z0-9]*"\|--enable-[a-z-]*' bench/floor-leptos/index.html | sort; }
app_opt() { grep -o "'-O[a-z0-9]*'\|'--enable-[a-z-]*'" scripts/build-wasm.mjs | tr -d "'" | sed 's/^-O\(.*\)/data-wasm-opt="\1"/' | sort; }
if [ "$(profile_of Cargo.toml)" != "$(profile_of bench/floor-leptos/Cargo.toml)" ] || [ "$(floor_opt)" != "$(app_opt)" ]; then
  echo "bench/floor-leptos is not built like the app: align its [profile.wasm-release] and wasm-opt settings with scripts/build-wasm.mjs" >&2
  exit 1
fi

printf '\033[1m[bench]\033[0m building the app, the Leptos floor and the server\n'
trunk build --release --dist "$out/dist"
# Shares the target directory, so the floor reuses what it can of the app's compiled crates.
(cd bench/floor-leptos && CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}" trunk build --release --dist "$out/floor-leptos")
cargo build --locked --release -p rewards-server

node bench/run.mjs --app "$out/dist" --floor-leptos "$out/floor-leptos" \
  --server "${CARGO_TARGET_DIR:-$ROOT/target}/release/rewards-server" --out "$out/report.json"
