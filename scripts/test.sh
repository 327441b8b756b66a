#!/bin/sh
# The whole check: set up, lint, type-check, and run the test suite.
set -eu
cd "$(dirname "$0")/.."
scripts/bootstrap.sh dev
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/python -m pytest -q "$@"
