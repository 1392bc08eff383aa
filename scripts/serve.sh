#!/usr/bin/env bash
# Serve the dialoog workbook with Voilà on 127.0.0.1 (no installs here).
#   DIALOOG_PORT      port (default 8866)
#   DIALOOG_PRELOAD   1 = preheated kernel pool (config/preheat), default 0 (config/)
#   DIALOOG_NOTEBOOK  notebook to serve (default notebooks/workbook.ipynb)
# Single-notebook mode: the root URL is the app, no directory listing is exposed.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${DIALOOG_PORT:-8866}"
NOTEBOOK="${DIALOOG_NOTEBOOK:-$REPO/notebooks/workbook.ipynb}"
CONFIG_DIR="$REPO/config"
if [[ "${DIALOOG_PRELOAD:-0}" == "1" ]]; then
  CONFIG_DIR="$REPO/config/preheat"
fi
PY="$REPO/.venv/bin/python"
[[ -x "$PY" ]] || { echo "No virtualenv at $REPO/.venv" >&2; exit 1; }
[[ -f "$NOTEBOOK" ]] || { echo "Notebook not found: $NOTEBOOK" >&2; exit 1; }

# The kernel runs with cwd = the notebook's directory; make the repo's package importable.
export PYTHONPATH="$REPO${PYTHONPATH:+:$PYTHONPATH}"

echo "dialoog: http://127.0.0.1:$PORT/"
exec "$PY" -m voila "$NOTEBOOK" \
  --Voila.config_file_paths="$CONFIG_DIR" \
  --Voila.ip=127.0.0.1 \
  --Voila.port="$PORT" \
  --Voila.port_retries=0 \
  --no-browser
