#!/usr/bin/env bash
# Headless-Chromium tests of parley-chat's web pages (the chat page and the
# trace page) against the real binary. Usage: run.sh <build-bin-dir>
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 <build-bin-dir>" >&2
  exit 2
fi
bin=$(cd "$1" && pwd)
cd "$(dirname "$0")"

if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

npm ci --no-audit --no-fund --loglevel=error >/dev/null
PARLEY_BIN="$bin" node --test --test-reporter=spec ./*.test.mjs
