#!/usr/bin/env bash
# Run the whole test suite: install what is missing, lint, then pytest (unit, notebooks under
# nbval, and the real-browser tests against a Voilà server the tests start on 127.0.0.1).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
bash scripts/install.sh --test
export DIALOOG_DATA_DIR="${DIALOOG_DATA_DIR:-$(mktemp -d)}"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/python -m pytest tests notebooks --nbval-lax "$@"
