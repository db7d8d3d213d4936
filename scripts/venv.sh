#!/usr/bin/env bash
# Creates (or refreshes) the project's virtualenv in $VENV (default .venv) with a Python >= 3.12
# and installs the pinned requirements into it.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${VENV:-.venv}
python=$(scripts/python.sh)
if ! "$venv/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then
  echo "Creating $venv with $python ($("$python" --version))"
  rm -rf "$venv"
  "$python" -m venv "$venv"
fi
# Some machines list package folders that do not exist; pip warns about each one on every run.
quiet_pip() {
  "$venv/bin/python" -m pip "$@" --quiet --disable-pip-version-check 2> >(grep -v 'is ignored: it is neither' >&2)
}
quiet_pip install --upgrade pip
quiet_pip install -r requirements-dev.txt
touch "$venv/.installed"
