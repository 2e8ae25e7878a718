#!/usr/bin/env bash
# Set up (first run only) and serve the site at http://127.0.0.1:8000 with live reload.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
exec .venv/bin/mkdocs serve --dev-addr 127.0.0.1:8000 "$@"
