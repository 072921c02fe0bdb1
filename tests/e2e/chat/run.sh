#!/usr/bin/env bash
# End-to-end tests of parley-chat. Usage: run.sh <build-bin-dir>
set -euo pipefail
bin=$(cd "$1" && pwd)
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
PARLEY_BIN="$bin" node --test --test-reporter=spec ./*.test.mjs
