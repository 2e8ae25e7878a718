#!/usr/bin/env bash
# Set up (first run only) and run the whole test suite; extra arguments go to pytest.
# Browser tests need Debian's chromium at /usr/bin/chromium, axe-core from npm (the version
# pinned in tests/browser/axe/package-lock.json) and pdftoppm (poppler-utils); the CAT-tool test
# needs Debian's omegat (with its Java runtime). Installed here when missing (Debian packages
# only when running as root); otherwise the tests that need them are skipped with the reason.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
command -v npm >/dev/null || missing+=(nodejs npm)
[ -f /usr/share/omegat/OmegaT.jar ] || missing+=(omegat)
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "test: installing Debian's ${missing[*]} for the browser and CAT-tool tests"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
axe=tests/browser/axe
if command -v npm >/dev/null && { [ ! -f "$axe/node_modules/axe-core/axe.min.js" ] ||
    [ "$axe/package-lock.json" -nt "$axe/node_modules/.package-lock.json" ]; }; then
  echo "test: installing axe-core for the accessibility tests (npm ci)"
  npm ci --prefix "$axe" --no-audit --no-fund --loglevel=error >/dev/null
fi
exec .venv/bin/python -m pytest "$@"
