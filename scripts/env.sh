# Sourced by the other scripts: puts the project's tools on PATH and finds the browser.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
export PATH="$ROOT/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_OFFLINE=true
# Playwright drives the system Chromium; it must never fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

first_command() {
  local candidate
  for candidate in "$@"; do
    if command -v "$candidate" >/dev/null 2>&1; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

# The browser and its driver: respect what the developer set, else look in the usual places.
CHROMIUM_PATH="${CHROMIUM_PATH:-$(first_command chromium chromium-browser google-chrome google-chrome-stable || true)}"
CHROMEDRIVER="${CHROMEDRIVER:-$(first_command chromedriver || true)}"
export CHROMIUM_PATH CHROMEDRIVER

# The wasm-bindgen version Cargo.lock pins; the CLI must match it exactly.
wasm_bindgen_locked_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}
