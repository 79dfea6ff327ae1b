#!/usr/bin/env bash
# Runs every test suite: native (domain core, API server, SPA logic, locale completeness),
# in-browser (wasm-bindgen-test in headless Chromium and Firefox), end-to-end (Playwright in real
# Chromium against the reference server serving the release build, and against nginx and Caddy)
# and the journeys in Firefox and WebKit (WebDriver). Exits non-zero on any failure.
set -euo pipefail
"$(dirname "$0")/setup.sh"
source "$(dirname "$0")/env.sh"
cd "$ROOT"

# A full run builds everything once: incremental caches would only take disk (gigabytes) here.
export CARGO_INCREMENTAL=0

section() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

section "hygiene: formatting, lints (native and wasm32), unused dependencies"
cargo fmt --all -- --check
cargo clippy --locked --workspace --all-targets -- -D warnings
cargo clippy --locked --target wasm32-unknown-unknown --lib --tests -- -D warnings
cargo machete

section "native tests"
cargo test --workspace --locked

section "API server tests on PostgreSQL (a throw-away cluster on loopback; two instances on one database)"
# The same build as the native section (the whole workspace: a `-p` selection unifies features
# differently and builds every server test binary a second time); only the server reads the URL.
scripts/with-postgres.sh cargo test --workspace --locked

section "API fuzzing (Schemathesis from the OpenAPI document, loopback server)"
cargo build --locked -p rewards-server
scripts/fuzz-api.sh

section "load generator (node:test)"
node --test scripts/load.test.mjs scripts/asset-sizes.test.mjs

section "in-browser tests (wasm-bindgen-test, headless Chromium)"
cargo test --locked --target wasm32-unknown-unknown --lib --test browser

section "in-browser tests (wasm-bindgen-test, headless Firefox)"
# wasm-bindgen-test-runner takes the first driver it finds, GECKODRIVER before CHROMEDRIVER.
env -u CHROMEDRIVER GECKODRIVER="$(command -v geckodriver)" \
  cargo test --locked --target wasm32-unknown-unknown --lib --test browser

section "release build"
trunk build --release
node scripts/asset-sizes.mjs dist
node scripts/check-wasm-budget.mjs dist  # fails >5 % over perf-budget.json

section "end-to-end tests (Playwright, Chromium)"
cargo build --locked -p rewards-server
(cd tests/e2e && npx --no-install playwright test)

section "journeys in Firefox and WebKit (WebDriver)"
node --test --test-concurrency=1 tests/engines/

section "all test suites passed"
