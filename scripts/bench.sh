#!/usr/bin/env bash
# Performance benchmark (not part of scripts/test.sh): builds the release SPA, the minimal Leptos
# page (bench/floor-leptos, same profile) and the reference server, then measures asset sizes,
# cold loads in headless Chromium (unthrottled and mobile-throttled), route switches, memory and
# API latency next to the two floors, and checks the budgets in perf-budget.json.
# Prints a table, writes target/bench/report.json; exits 1 when a budget fails.
#   --baseline REF   the previous build, measured in the same rounds (a git ref, built in a
#                    temporary worktree; default HEAD^, the commit before this one; `none` skips it)
#   --baseline-dist DIR  a prebuilt dist of the previous build instead
#   BENCH_RUNS=N (loads per median, default 3), BENCH_PORT=N (first of four ports, default 8191)
set -euo pipefail
baseline_ref=HEAD^
baseline_dist=
while [ $# -gt 0 ]; do
  case "$1" in
    --baseline) baseline_ref="$2"; shift 2 ;;
    --baseline-dist) baseline_dist="$2"; baseline_ref=none; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
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

target_dir="${CARGO_TARGET_DIR:-$ROOT/target}"
# The previous build first (same target directory, so it reuses the compiled dependencies; the
# app is built after it, so what the target directory holds last is the app).
if [ "$baseline_ref" != none ]; then
  printf '\033[1m[bench]\033[0m building the previous build (%s)\n' "$baseline_ref"
  src="$out/baseline-src"
  git worktree remove --force "$src" 2>/dev/null || rm -rf "$src"
  git worktree add --detach --quiet "$src" "$baseline_ref"
  (cd "$src" && CARGO_TARGET_DIR="$target_dir" trunk build --release --dist "$out/baseline-dist")
  git worktree remove --force "$src"
  baseline_dist="$out/baseline-dist"
fi

printf '\033[1m[bench]\033[0m building the app, the Leptos floor and the server\n'
trunk build --release --dist "$out/dist"
# Shares the target directory, so the floor reuses what it can of the app's compiled crates.
(cd bench/floor-leptos && CARGO_TARGET_DIR="$target_dir" trunk build --release --dist "$out/floor-leptos")
cargo build --locked --release -p rewards-server

node bench/run.mjs --app "$out/dist" --floor-leptos "$out/floor-leptos" \
  ${baseline_dist:+--baseline "$baseline_dist"} \
  --server "$target_dir/release/rewards-server" --out "$out/report.json"
