#!/bin/sh
# Set up a fresh machine: system tools (Tesseract for OCR, antiword for .doc), a virtualenv in .venv,
# and the package. `scripts/bootstrap.sh dev` also installs the test, Dask and server extras, PostgreSQL for the
# service's tests and Chromium for the debug page's browser test.
set -eu
cd "$(dirname "$0")/.."
need=""
command -v tesseract >/dev/null 2>&1 || need="$need tesseract-ocr tesseract-ocr-eng"
command -v antiword >/dev/null 2>&1 || need="$need antiword"
# the service's tests run against PostgreSQL too (tests/service/ start a throwaway cluster with its initdb)
if [ "${1:-}" = dev ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then need="$need postgresql"; fi
# the debug page's browser test (tests/test_debug_page.py) runs headless Chromium
if [ "${1:-}" = dev ]; then command -v chromium >/dev/null 2>&1 || need="$need chromium"; fi
if [ -n "$need" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing system packages:$need" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null
  else
    echo "warning: missing$need (OCR or .doc support will be unavailable)" >&2
  fi
fi
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
# -qq: pip's errors only. Its warnings here are noise (a pip.conf that lists a missing index prints one line
# per package looked up); a failed install still prints its error and stops this script.
pip_install() { .venv/bin/python -m pip install -qq "$@"; }
echo "installing resumeparser${1:+ [$1]} into .venv" >&2
pip_install --upgrade pip
if [ "${1:-}" = dev ]; then
  pip_install -e '.[dev,dask,server]'
else
  pip_install -e .
fi
