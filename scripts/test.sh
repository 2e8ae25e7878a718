#!/usr/bin/env bash
# Set up (first run only) and run the whole test suite; extra arguments go to pytest.
# Browser tests need Debian's chromium at /usr/bin/chromium: installed here when missing and
# running as root; otherwise they are skipped with a reason.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "test: installing Debian's chromium for the browser tests"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
exec .venv/bin/python -m pytest "$@"
