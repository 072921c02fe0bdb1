#!/usr/bin/env bash
# OTLP exporter interop against protobufjs and the official proto files.
# Usage: run.sh <bin-dir>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?usage: run.sh <bin-dir>}
cd "$here"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
node run.mjs "$bin/parley-export-cli"
