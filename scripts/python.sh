#!/usr/bin/env bash
# Prints the path of a Python >= 3.12 (Django 6 needs it), or says why there is none and fails.
# $PYTHON, when set, is the only candidate. Otherwise: python3.14 .. python3.12 and python3 on
# PATH, then pyenv's installed versions, newest first (a pyenv shim that is not activated fails
# to run, so the versions folder is searched as well).
set -u
ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }
if [ -n "${PYTHON:-}" ]; then
  candidates=("$PYTHON")
else
  candidates=(python3.14 python3.13 python3.12 python3)
  while IFS= read -r dir; do
    candidates+=("$dir/bin/python3")
  done < <(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]* 2>/dev/null | sort -rV)
fi
for c in "${candidates[@]}"; do
  if ok "$c"; then command -v "$c"; exit 0; fi
done
echo "error: Provenance needs Python 3.12 or newer (Django 6 requires it); none was found." >&2
echo "       Tried: ${candidates[*]}" >&2
echo "       Install Python 3.13 (python.org, pyenv or your package manager)," >&2
echo "       or point PYTHON at one: PYTHON=/path/to/python3.13 make ..." >&2
exit 1
