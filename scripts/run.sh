#!/usr/bin/env bash
# Run the app: install what is missing, then serve the workbook with Voilà on 127.0.0.1.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$REPO/scripts/install.sh"
exec bash "$REPO/scripts/serve.sh"
