#!/usr/bin/env bash
# Serve the dialoog workbook with Voilà on 127.0.0.1 (no installs here).
#   DIALOOG_PORT      port (default 8866)
#   DIALOOG_PRELOAD   1 = preheated kernel pool (config/preheat), default 0 (config/)
#   DIALOOG_NOTEBOOK  serve only this notebook (its root URL is the app); default: the
#                     notebooks/ folder (workbook, self-assessment, register, workshop pages)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${DIALOOG_PORT:-8866}"
CONFIG_DIR="$REPO/config"
if [[ "${DIALOOG_PRELOAD:-0}" == "1" ]]; then
  CONFIG_DIR="$REPO/config/preheat"
fi
PY="$REPO/.venv/bin/python"
[[ -x "$PY" ]] || { echo "No virtualenv at $REPO/.venv" >&2; exit 1; }

# The kernel runs with cwd = the notebook's directory; make the repo's package importable.
export PYTHONPATH="$REPO${PYTHONPATH:+:$PYTHONPATH}"

if [[ -n "${DIALOOG_NOTEBOOK:-}" ]]; then
  # one notebook: the root URL is that app
  [[ -f "$DIALOOG_NOTEBOOK" ]] || { echo "Notebook not found: $DIALOOG_NOTEBOOK" >&2; exit 1; }
  TARGET="$DIALOOG_NOTEBOOK"
  echo "dialoog: http://127.0.0.1:$PORT/"
else
  # the notebooks folder: the workbook, and the workshop pages it links to
  TARGET="$REPO/notebooks"
  echo "dialoog: http://127.0.0.1:$PORT/voila/render/workbook.ipynb"
  echo "  workshop (facilitator): http://127.0.0.1:$PORT/voila/render/facilitator.ipynb"
  echo "  all pages:              http://127.0.0.1:$PORT/"
fi
exec "$PY" -m voila "$TARGET" \
  --Voila.config_file_paths="$CONFIG_DIR" \
  --Voila.ip=127.0.0.1 \
  --Voila.port="$PORT" \
  --Voila.port_retries=0 \
  --no-browser
