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

# Debian libraries and tools: Pango for the plan as PDF (WeasyPrint), always; with the tests also
# chromium (browser tests), PostgreSQL (store tests) and poppler-utils (pdftotext, pdftoppm).
missing=()
ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0" || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
if [[ -n "$extras" ]]; then
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
fi
# axe-core (accessibility checks in the browser tests), from the npm registry, into .venv/axe.
if [[ -n "$extras" && ! -f .venv/axe/node_modules/axe-core/axe.min.js ]]; then
  if command -v npm >/dev/null 2>&1; then
    echo "dialoog: installing axe-core for the accessibility tests"
    npm install --silent --no-save --no-audit --no-fund --prefix .venv/axe axe-core@4.11 >/dev/null
  else
    missing+=(npm)
  fi
fi
if [[ ${#missing[@]} -gt 0 ]]; then
  if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
    echo "dialoog: installing ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "dialoog: missing ${missing[*]}; install them with apt-get (the PDF and some tests need them)" >&2
  fi
fi
