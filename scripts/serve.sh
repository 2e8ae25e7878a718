#!/usr/bin/env bash
# Set up (first run only) and serve the site at http://127.0.0.1:8000 with live reload.
#   bash scripts/serve.sh               every locale
#   bash scripts/serve.sh --locale sv   one locale only, at the root (a translator's preview:
#                                       rebuilds take a fraction of the time)
# Any other arguments go to `mkdocs serve`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ "${1:-}" == "--locale" ]]; then
  if [[ -z "${2:-}" ]]; then
    echo "serve.sh: --locale needs a locale code, e.g. --locale sv" >&2
    exit 2
  fi
  export PLAYBOOK_LOCALE="$2"  # mkdocs.yml: the i18n plugin's build_only_locale
  shift 2
fi
bash scripts/setup.sh
exec .venv/bin/mkdocs serve --dev-addr 127.0.0.1:8000 "$@"
