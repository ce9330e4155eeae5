#!/usr/bin/env bash
# Idempotent set-up: a virtualenv in .venv with qa and its dependencies (re-installed only when
# pyproject.toml changes) and Debian's FreeDict English-Spanish dictionaries. With --browser, also
# Debian's Chromium for the web-page tests.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv with $PYTHON"
  "$PYTHON" -m venv .venv
fi

stamp=.venv/.qa-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "==> installing qa and its dependencies into .venv"
  .venv/bin/python -m pip install --quiet --upgrade pip
  # torch first and pinned: any other route may pull a multi-GB CUDA build
  .venv/bin/python -m pip install --quiet "torch==2.13.0"
  .venv/bin/python -m pip install --quiet -e ".[dev]"
  touch "$stamp"
fi

# without a terminal, sudo -n: fail rather than wait for a password nobody will type (CI, a
# background make run); at a terminal, sudo may ask
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if [ -t 0 ]; then SUDO=sudo; else SUDO="sudo -n"; fi
fi
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { $SUDO apt-get update -qq && apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

# FreeDict's English-Spanish dictionaries: BM25 matches a question's words in passages of the other
# language through them (qa.bilingual). qa works without them, with weaker cross-lingual retrieval;
# a failed install is not tried again on every run (delete the stamp to retry).
no_dictionaries=.venv/.qa-no-dictionaries
dictd=/usr/share/dictd
if [ ! -f "$no_dictionaries" ] && ! { [ -f $dictd/freedict-eng-spa.index ] && [ -f $dictd/freedict-eng-spa.dict.dz ] \
    && [ -f $dictd/freedict-spa-eng.index ] && [ -f $dictd/freedict-spa-eng.dict.dz ]; }; then
  echo "==> installing Debian's FreeDict English-Spanish dictionaries"
  if ! command -v apt-get >/dev/null 2>&1 || ! apt_install dict-freedict-eng-spa dict-freedict-spa-eng; then
    echo "warning: could not install dict-freedict-eng-spa and dict-freedict-spa-eng;" \
      "qa runs without cross-lingual word translations (rm $no_dictionaries to try again)" >&2
    touch "$no_dictionaries"
  fi
fi

# Apertium's English-Spanish translator: BM25 also searches a question translated whole
# (qa.machine_translation). qa works without it, with FreeDict's words alone; as above, a failed
# install is not tried again on every run.
no_apertium=.venv/.qa-no-apertium
if [ ! -f "$no_apertium" ] && ! { [ -f /usr/share/apertium/modes/spa-eng.mode ] \
    && [ -f /usr/share/apertium/modes/eng-spa.mode ] && command -v lt-proc >/dev/null 2>&1; }; then
  echo "==> installing Debian's Apertium English-Spanish translator"
  if ! command -v apt-get >/dev/null 2>&1 || ! apt_install apertium-eng-spa; then
    echo "warning: could not install apertium-eng-spa;" \
      "qa runs without translating questions whole (rm $no_apertium to try again)" >&2
    touch "$no_apertium"
  fi
fi

if [ "${1:-}" = "--browser" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "==> installing Debian's chromium for the browser tests"
  apt_install chromium
fi
