#!/usr/bin/env bash
# Installs what the test suite needs on a fresh machine (Debian 12, Python 3.11, Java 17, Node 20):
# sitegen with its test extra, hatchling, Debian's Chromium and poppler-utils for the real-browser
# tests, and the Nu HTML checker and axe-core from npm. Safe to run again: each step is skipped
# when its tool is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet --disable-pip-version-check '.[test]'

# Hatchling in this environment lets the wheel test build offline (--no-build-isolation).
if ! python -c 'import hatchling' >/dev/null 2>&1; then
  python -m pip install --quiet --disable-pip-version-check 'hatchling>=1.21'
fi

# Chromium for the browser tests; poppler-utils (pdfinfo) to read the page size of printed PDFs.
apt_missing=()
command -v chromium >/dev/null 2>&1 || apt_missing+=(chromium)
command -v pdfinfo >/dev/null 2>&1 || apt_missing+=(poppler-utils)
if [ "${#apt_missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" >/dev/null
fi

# The Nu HTML checker and axe-core, in one npm call: a later `npm install --no-save` of one
# package would prune the other (neither is in a package.json).
if [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -f node_modules/axe-core/axe.min.js ]; then
  npm install --silent --ignore-scripts --no-audit --no-fund --no-save vnu-jar@26.9.27 axe-core@4.14.1 >/dev/null
fi
