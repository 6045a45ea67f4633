#!/usr/bin/env bash
# Set up a working copy: Debian packages for OCR (when we may install them), a virtualenv in .venv
# and the package in editable mode. `scripts/setup.sh test` adds the test and optional extras.
set -euo pipefail
cd "$(dirname "$0")/.."
extras=""
[ "${1:-}" = "test" ] && extras="[test]"

if ! command -v tesseract >/dev/null 2>&1 || ! tesseract --list-langs 2>/dev/null | grep -qx deu; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing tesseract-ocr, tesseract-ocr-deu, poppler-utils (Debian)" >&2
    apt-get update -qq >/dev/null && \
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-deu poppler-utils >/dev/null || \
      echo "setup: could not install Tesseract; OCR input and its tests will be unavailable" >&2
  else
    echo "setup: Tesseract with German data is missing; install it with" >&2
    echo "       sudo apt-get install tesseract-ocr tesseract-ocr-deu poppler-utils" >&2
  fi
fi

# OCR through Tesseract's API (tesserocr) keeps the model loaded: built from source against Debian's own
# library below, so that it reads exactly as the tesseract command does.
if ! pkg-config --exists tesseract lept 2>/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libtesseract-dev libleptonica-dev pkg-config; } >/dev/null || \
    echo "setup: could not install libtesseract-dev; OCR will use the slower tesseract command" >&2
fi

# The German word list (wngerman) proves OCR word repairs (fiir → für, Gerneinde → Gemeinde); without it
# only a letter's own words do.
if [ ! -f /usr/share/dict/ngerman ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wngerman; } >/dev/null || \
    echo "setup: could not install wngerman; OCR word repairs will rely on the letter alone" >&2
fi

# The service's browser test drives Debian's Chromium headless through Selenium (skipped without it).
if [ -n "$extras" ] && ! command -v chromedriver >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; } >/dev/null || \
    echo "setup: could not install chromium/chromium-driver; the browser test will be skipped" >&2
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".${extras}"
if pkg-config --exists tesseract lept 2>/dev/null && ! .venv/bin/python -c "import tesserocr" 2>/dev/null; then
  .venv/bin/python -m pip install -q --no-binary tesserocr "tesserocr>=2.7,<3" || \
    echo "setup: tesserocr could not be built; OCR will use the slower tesseract command" >&2
fi
