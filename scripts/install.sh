#!/usr/bin/env bash
# Install what dialoog needs into .venv (only what is missing), for the run and test commands.
#   scripts/install.sh          the app
#   scripts/install.sh --test   the app, the test tools and Debian's chromium for browser tests
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
PYTHON="${PYTHON:-python3}"
extras=""
[[ "${1:-}" == "--test" ]] && extras="[test]"

if [[ ! -x .venv/bin/python ]]; then
  echo "dialoog: creating .venv"
  "$PYTHON" -m venv .venv
fi
# Reinstall only when the dependencies changed (a stamp of pyproject.toml and the extras).
stamp=".venv/.dialoog-installed"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)$extras"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "dialoog: installing Python packages${extras:+ (with test tools)}"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".$extras"
  echo "$want" > "$stamp"
fi

# Test tools from Debian: chromium (browser tests) and PostgreSQL (workshop store tests).
if [[ -n "$extras" ]]; then
  missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  if [[ ${#missing[@]} -gt 0 ]]; then
    if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
      echo "dialoog: installing ${missing[*]} for the tests"
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
      echo "dialoog: missing ${missing[*]}; install with apt-get to run every test" >&2
    fi
  fi
fi
