#!/usr/bin/env bash
# Installs what the browser tests need: Debian's chromium (never a downloaded browser) and the
# npm packages axe-core and playwright-core. On a machine where this cannot be done the browser
# tests skip with a message saying why.
set -u
cd "$(dirname "$0")"
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "browser tests: could not install chromium; they will be skipped"
fi
if command -v npm >/dev/null 2>&1 && [ ! -d node_modules/axe-core ]; then
  npm install --silent --no-audit --no-fund >/dev/null 2>&1 || echo "browser tests: npm install failed; they will be skipped"
fi
exit 0
