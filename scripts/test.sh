#!/usr/bin/env bash
# Set up (first run only) and run the whole test suite; extra arguments go to pytest.
# Browser tests need Debian's chromium at /usr/bin/chromium, and the CAT-tool test Debian's
# omegat (with its Java runtime): installed here when missing and running as root; otherwise
# those tests are skipped with a reason.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "test: installing Debian's chromium for the browser tests"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ ! -f /usr/share/omegat/OmegaT.jar ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "test: installing Debian's omegat for the CAT-tool round trip test"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq omegat >/dev/null
fi
exec .venv/bin/python -m pytest "$@"
