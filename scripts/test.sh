#!/usr/bin/env bash
# Install everything the tests need (system packages, a virtualenv with the
# project and its test extras), then run the architecture contract, the linter
# and the test suite. Used by the README and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: a headless browser and its driver for HTML tests, and
# Virtuoso for the SPARQL-server push test. No CJK font: the report's plots
# keep their text as text, and the tests pass on a machine without one.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v virtuoso-t >/dev/null 2>&1 || need+=(virtuoso-opensource)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing system packages: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "warning: cannot install ${need[*]} (not root or no apt-get)" >&2
  fi
fi

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv --upgrade-deps .venv
# a pip older than 24 (Python 3.11's own) warns that lxml lacks the extra html_clean,
# which lxml 6 spells html-clean
.venv/bin/python -m pip install -q --disable-pip-version-check "pip>=24"
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"

.venv/bin/lint-imports
lint=(extract kg ontology tests)
[ -d benchmarks ] && lint+=(benchmarks)
[ -d scripts ] && lint+=(scripts)
.venv/bin/ruff check "${lint[@]}"
.venv/bin/ruff format --check "${lint[@]}"
.venv/bin/python -m pytest --doctest-modules extract kg ontology tests "$@"
