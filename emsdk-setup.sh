#!/usr/bin/env bash
# Installs everything the project builds and tests with, from Debian's packages and npm only.
# Safe to run again. Usage: ./emsdk-setup.sh   (as root, or with sudo available)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
imgui_version="1.90.1"
imgui_debian_version="1.90.1+ds-1"
imgui_dir="$root/third_party/imgui"

say()  { printf '\n==> %s\n' "$*"; }
fail() { printf '\nemsdk-setup.sh: FAILED: %s\n' "$*" >&2; exit 1; }

if [ "$(id -u)" -eq 0 ]; then sudo=""; else
  command -v sudo >/dev/null || fail "needs root or sudo to install Debian packages"
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive

apt_install() {
  # Installs only what is missing, so a second run is quick and touches nothing.
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    say "apt-get install ${missing[*]}"
    $sudo apt-get install -y --no-install-recommends "${missing[@]}" \
      || fail "apt-get could not install: ${missing[*]}"
  fi
}

say "Refreshing Debian package lists"
$sudo apt-get update -qq || fail "apt-get update failed (is the Debian mirror reachable?)"

base_packages=(cmake ninja-build g++ make git ca-certificates xz-utils pkg-config
  nlohmann-json3-dev libboost-test-dev libboost-dev
  clang llvm libclang-rt-14-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql libbrotli-dev
  libsodium-dev libctemplate-dev libcli11-dev libxlsxwriter-dev libzip-dev libexpat1-dev libqrencode-dev prometheus-cpp-dev
  python3-openpyxl poppler-utils
  fonts-dejavu-core fonts-noto-core fonttools brotli gzip
  chromium nginx openssl libreoffice-calc-nogui faketime)
# Node.js: keep the machine's own node/npm when present (a repacked nodejs conflicts with Debian's npm).
command -v node >/dev/null || base_packages+=(nodejs)
command -v npm >/dev/null || base_packages+=(npm)
if [ -n "${EMSDK:-}" ] && command -v emcc >/dev/null; then
  say "Using the active upstream emsdk at $EMSDK ($(emcc --version | head -n1))"
else
  base_packages+=(emscripten)
fi
# Debian starts a newly installed nginx as a service on port 80; the tests start their own on
# loopback, so the service is kept from starting (policy-rc.d, as in Debian's own build chroots).
if ! dpkg -s nginx >/dev/null 2>&1 && [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null && $sudo chmod 755 /usr/sbin/policy-rc.d
  trap '$sudo rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt_install "${base_packages[@]}"

# Dear ImGui sources: only Debian's source package ships them (trixie has 1.90.1).
if [ -f "$imgui_dir/imgui.h" ] && grep -qE "IMGUI_VERSION +\"$imgui_version\"" "$imgui_dir/imgui.h"; then
  say "Dear ImGui $imgui_version already unpacked in third_party/imgui"
else
  say "Fetching Dear ImGui $imgui_debian_version source package"
  src_list=/etc/apt/sources.list.d/budget-sim-trixie-src.sources
  if [ ! -f "$src_list" ]; then
    mirror="$(grep -rhoE '^URIs: *http[^ ]*debian/?$' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1 | awk '{print $2}')"
    [ -n "$mirror" ] || mirror="$(grep -hoE '^deb +http[^ ]*debian/? ' /etc/apt/sources.list 2>/dev/null | head -n1 | awk '{print $2}')"
    [ -n "$mirror" ] || fail "no Debian mirror found in the apt sources to add the trixie deb-src entry to"
    printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      "$mirror" | $sudo tee "$src_list" >/dev/null
    $sudo apt-get update -qq || fail "apt-get update failed after adding the trixie deb-src entry"
  fi
  dl="$(mktemp -d)"
  (cd "$dl" && apt-get source --download-only "imgui=$imgui_debian_version") \
    || fail "could not download the imgui $imgui_debian_version source package"
  tarball="$(ls "$dl"/imgui_*.orig.tar.* | head -n1)"
  [ -f "$tarball" ] || fail "no imgui .orig tarball in the source package"
  rm -rf "$imgui_dir" && mkdir -p "$imgui_dir"
  tar -xf "$tarball" -C "$imgui_dir" --strip-components=1 || fail "could not unpack $tarball"
  rm -rf "$dl"
  grep -qE "IMGUI_VERSION +\"$imgui_version\"" "$imgui_dir/imgui.h" \
    || fail "unpacked imgui is not version $imgui_version"
fi

# The browser tests drive Debian's Chromium with playwright-core (never its own browser download).
if [ -f "$root/tests/node/package.json" ]; then
  say "npm ci in tests/node (playwright-core, ajv)"
  (cd "$root/tests/node" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund) \
    || fail "npm could not install the browser-test packages"
fi

say "Checking the toolchain"
command -v emcc >/dev/null || fail "emcc is not on PATH after install"
printf '  emcc:     %s\n' "$(emcc --version 2>/dev/null | head -n1)"
printf '  cmake:    %s\n' "$(cmake --version | head -n1)"
printf '  clang:    %s\n' "$(clang --version | head -n1)"
printf '  chromium: %s\n' "$(chromium --version 2>/dev/null || echo missing)"
printf '  nginx:    %s\n' "$(/usr/sbin/nginx -v 2>&1 || echo missing)"
ls /usr/lib/llvm-14/lib/clang/14*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 \
  || fail "libFuzzer runtime (libclang-rt-14-dev) not found"
say "Set-up complete"
