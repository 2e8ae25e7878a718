#!/usr/bin/env bash
# Make .venv hold the project and its test tools; fast when nothing changed since last time.
# Usage: source from the other scripts, or run on its own: bash scripts/setup.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
python_bin=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $($python_bin --version)"
  "$python_bin" -m venv .venv
fi
stamp=.venv/.installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing the project and its test tools into .venv"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[test]'
  touch "$stamp"
fi
# The framework diagram's PNG draws every script in Noto (diagram/fonts.py) and shapes Arabic
# and Hebrew with Pillow's libraqm, which loads libfribidi. Installed here when missing and
# running as root; otherwise say so: the build then warns about each character it cannot draw.
if [ ! -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || \
   [ ! -f /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf ] || \
   ! ldconfig -p 2>/dev/null | grep -q libfribidi.so.0; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian's Noto fonts and fribidi for the diagrams' PNG"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      fonts-noto-core fonts-noto-cjk libfribidi0 >/dev/null
  else
    echo "setup: Noto fonts or libfribidi missing: PNG diagrams of pages in Chinese, Japanese," \
      "Korean, Arabic, Hebrew, … cannot be drawn. Install them (Debian: sudo apt-get install" \
      "fonts-noto-core fonts-noto-cjk libfribidi0), or put Noto Sans fonts in a folder named" \
      "by PLAYBOOK_FONT_DIRS; until then the build warns about each character it cannot draw."
  fi
fi
