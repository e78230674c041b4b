#!/usr/bin/env bash
# Idempotent set-up: Debian packages, npm dependencies, the project venv, and the TypeScript build.
# Quick when nothing is missing. Optional extras:  scripts/setup.sh --extra train|flash|audio|realdata
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { printf 'setup: %s\n' "$*" >&2; }

extras=()
while [ $# -gt 0 ]; do
  case "$1" in
    --extra) extras+=("$2"); shift 2 ;;
    *) say "unknown argument $1"; exit 2 ;;
  esac
done

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

apt_need() {
  local missing=()
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# 1. Debian packages: the Arm toolchain, newlib, QEMU, flatc, a host C compiler and python venv support;
#    the RISC-V toolchain (with its 32-bit multilibs), picolibc and QEMU's RISC-V machines.
apt_need gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm flatbuffers-compiler gcc make python3-venv \
  gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf qemu-system-misc

# 2. npm dependencies (only when package-lock.json changed since the last install).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi

# 3. The project venv with pinned Python packages; one stamp per requirements file.
py="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  "$py" -m venv .venv
fi
pip_need() {
  local req="$1" stamp=".venv/.stamp-$(basename "$1" .txt)"
  if [ ! -f "$stamp" ] || [ "$req" -nt "$stamp" ]; then
    say "installing Python packages from $req (into .venv)"
    .venv/bin/pip install -q --disable-pip-version-check -r "$req"
    touch "$stamp"
  fi
}
pip_need requirements.txt
for e in "${extras[@]+"${extras[@]}"}"; do
  case "$e" in
    train) pip_need requirements-train.txt ;;
    flash) pip_need requirements-flash.txt ;;
    audio) apt_need espeak-ng sox ;;
    realdata) # optional data: when it cannot be fetched, the tests that need it skip
      st=.venv/.stamp-requirements-realdata
      if { [ -f "$st" ] && [ ! requirements-realdata.txt -nt "$st" ]; } ||
         { .venv/bin/pip install -q --disable-pip-version-check -r requirements-realdata.txt && touch "$st"; }; then
        bash scripts/realdata.sh || say "real photos and recordings not installed: the examples' real-data tests will skip"
      else
        say "Pillow not installed: the examples' real-data tests will skip"
      fi ;;
    *) say "unknown extra $e (train, flash, audio, realdata)"; exit 2 ;;
  esac
done

# 4. Build the TypeScript (fast when nothing changed).
npx --no-install tsc -p . 
say "ready"
