#!/usr/bin/env bash
# Installs whatever the project needs and is missing; a second run finds everything and takes seconds.
# Works on Debian-like machines (installs Chromium with apt-get when run as root) and on a developer
# laptop with rustup, Node.js and a Chrome/Chromium already present.
#   scripts/setup.sh            everything: build tools, browser, test packages
#   scripts/setup.sh --build    only what building and running the app needs
set -euo pipefail
source "$(dirname "$0")/env.sh"
scope="${1:-all}"
cd "$ROOT"

TRUNK_VERSION=0.21.14
step() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
fail() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

can_apt() { command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; }
apt_updated=no
apt_install() {
  can_apt || return 1
  if [ "$apt_updated" = no ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -y -qq
    apt_updated=yes
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

command -v cargo >/dev/null || fail "Rust is missing: install it with rustup (https://rustup.rs), then rerun."

# 1. The pinned toolchain (rust-toolchain.toml: version, wasm32 target, rustfmt, clippy).
if command -v rustup >/dev/null 2>&1; then
  # With no argument rustup installs what rust-toolchain.toml names, even where automatic
  # installs are switched off (RUSTUP_AUTO_INSTALL=0); a no-op once it is there.
  if ! installed=$(rustup toolchain install 2>&1); then
    # No download (an offline machine): a stable toolchain of exactly the pinned version, with
    # the wasm32 target, rustfmt and clippy, is the same set of files; name it as the pin.
    pinned=$(sed -n 's/^channel = "\(.*\)"$/\1/p' rust-toolchain.toml)
    host=$(rustc +stable -vV 2>/dev/null | sed -n 's/^host: //p')
    toolchains="${RUSTUP_HOME:-$HOME/.rustup}/toolchains"
    if [ -n "$host" ] && [ "$(rustc +stable --version | cut -d' ' -f2)" = "$pinned" ] &&
      [ -d "$(rustc +stable --print sysroot)/lib/rustlib/wasm32-unknown-unknown" ] &&
      rustup component list --toolchain stable --installed | grep -q '^clippy' &&
      rustup component list --toolchain stable --installed | grep -q '^rustfmt'; then
      step "no download of Rust $pinned; using the installed stable toolchain, which is $pinned"
      ln -sfn "$toolchains/stable-$host" "$toolchains/$pinned-$host"
    else
      printf '%s\n' "$installed" >&2
      fail "could not install the toolchain named in rust-toolchain.toml."
    fi
  fi
elif [ ! -d "$(rustc --print sysroot)/lib/rustlib/wasm32-unknown-unknown" ]; then
  fail "no rustup and no wasm32-unknown-unknown standard library; install rustup (see README)."
fi

# 2. Trunk, pinned (0.22 needs a newer rustc).
if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  step "installing trunk $TRUNK_VERSION (takes several minutes once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# 3. wasm-bindgen-cli equal to the wasm-bindgen in Cargo.lock.
wbg_version="$(wasm_bindgen_locked_version)"
[ -n "$wbg_version" ] || fail "could not read the wasm-bindgen version from Cargo.lock"
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $wbg_version" ]; then
  step "installing wasm-bindgen-cli $wbg_version"
  # --locked can fail on a yanked transitive version; fall back to a fresh resolution.
  cargo install wasm-bindgen-cli --version "=$wbg_version" --locked --force \
    || cargo install wasm-bindgen-cli --version "=$wbg_version" --force
fi

# 4. wasm-split-cli: cuts the wasm at the lazy routes (scripts/build-wasm.mjs).
WASM_SPLIT_VERSION=0.2.4
# It has no --version: ask cargo what it installed.
if ! command -v wasm-split-cli >/dev/null 2>&1 \
  || ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  step "installing wasm-split-cli $WASM_SPLIT_VERSION"
  cargo install wasm_split_cli_support --version "=$WASM_SPLIT_VERSION" --features build-binary --locked --force
fi

# 5. Node.js for wasm-opt (binaryen from npm) and the end-to-end suite.
if ! command -v npm >/dev/null 2>&1; then
  step "installing Node.js"
  apt_install nodejs npm || fail "Node.js (with npm) is missing: install Node.js 20 or newer."
fi

npm_ci_if_changed() {
  local dir="$1" stamp="$1/node_modules/.setup-stamp" want
  want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
    step "installing Node packages in $dir"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
    echo "$want" >"$stamp"
  fi
}
npm_ci_if_changed tools
if [ "$scope" = --build ]; then
  step "ready to build: $(trunk --version), $(wasm-bindgen --version), wasm-split-cli $WASM_SPLIT_VERSION"
  exit 0
fi
npm_ci_if_changed tests/e2e

# 6. A browser and its driver for the in-browser and end-to-end tests. Never a downloaded browser.
if [ -z "$CHROMIUM_PATH" ] || [ -z "$CHROMEDRIVER" ]; then
  step "installing Chromium and ChromeDriver"
  apt_install chromium chromium-driver \
    || fail "Chromium/Chrome and a matching chromedriver are needed: install them, or set CHROMIUM_PATH and CHROMEDRIVER."
fi

# 7. The other browser engines (tests/engines): Firefox ESR with geckodriver, and WebKitGTK's
#    MiniBrowser with WebKitWebDriver (Safari's engine) on a virtual display. And the real web
#    servers the static build is tested on (tests/e2e/specs/real-hosts.spec.ts): nginx with its
#    brotli_static module, and Caddy. Debian packages; no service is started (policy-rc.d).
missing_packages=()
command -v firefox-esr >/dev/null 2>&1 || command -v firefox >/dev/null 2>&1 || missing_packages+=(firefox-esr)
command -v WebKitWebDriver >/dev/null 2>&1 || missing_packages+=(webkit2gtk-driver)
command -v xvfb-run >/dev/null 2>&1 || missing_packages+=(xvfb xauth)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing_packages+=(nginx)
[ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing_packages+=(libnginx-mod-http-brotli-static)
command -v caddy >/dev/null 2>&1 || missing_packages+=(caddy)
# PostgreSQL, the API server's second store (scripts/with-postgres.sh starts a throw-away cluster).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || missing_packages+=(postgresql)
# Java runs the W3C Nu HTML checker (npm vnu-jar, tests/e2e/specs/html.spec.ts).
command -v java >/dev/null 2>&1 || missing_packages+=(default-jre-headless)
if [ "${#missing_packages[@]}" -gt 0 ]; then
  step "installing ${missing_packages[*]}"
  if can_apt; then
    # Package scripts must not start nginx or Caddy as system services.
    policy=/usr/sbin/policy-rc.d
    had_policy=no
    [ -e "$policy" ] && had_policy=yes
    [ "$had_policy" = yes ] || printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod +x "$policy"
    apt_install "${missing_packages[@]}" || { [ "$had_policy" = yes ] || rm -f "$policy"; fail "could not install ${missing_packages[*]}"; }
    [ "$had_policy" = yes ] || rm -f "$policy"
  else
    fail "missing ${missing_packages[*]}: install them (Debian package names), then rerun."
  fi
fi
# Unused dependencies (test command, hygiene section).
MACHETE_VERSION=0.9.2
if [ "$(cargo machete --version 2>/dev/null | awk '{print $NF}')" != "$MACHETE_VERSION" ]; then
  step "installing cargo-machete $MACHETE_VERSION"
  cargo install cargo-machete --version "=$MACHETE_VERSION" --locked
fi
GECKODRIVER_VERSION=0.37.1
if [ "$(geckodriver --version 2>/dev/null | head -n1 | awk '{print $2}')" != "$GECKODRIVER_VERSION" ]; then
  step "installing geckodriver $GECKODRIVER_VERSION (takes several minutes once)"
  cargo install geckodriver --version "=$GECKODRIVER_VERSION" --locked
fi

# 8. Schemathesis (API fuzzing, scripts/fuzz-api.sh) in a Python venv, pinned in tests/fuzz/requirements.txt.
fuzz_requirements=tests/fuzz/requirements.txt
fuzz_want="$(sha256sum "$fuzz_requirements" | cut -d' ' -f1)"
if [ "$(cat tools/venv/.setup-stamp 2>/dev/null || true)" != "$fuzz_want" ]; then
  step "installing Schemathesis into tools/venv"
  command -v python3 >/dev/null 2>&1 || apt_install python3 python3-venv || fail "Python 3.9 or newer is missing."
  # Debian's python3 lacks ensurepip until python3-venv is installed.
  python3 -m venv tools/venv 2>/dev/null \
    || { apt_install python3-venv && python3 -m venv --clear tools/venv; } \
    || fail "could not create a Python venv in tools/venv (install python3-venv)."
  tools/venv/bin/pip install --quiet --disable-pip-version-check -r "$fuzz_requirements"
  echo "$fuzz_want" >tools/venv/.setup-stamp
fi

step "ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | awk '{print $3}')"
