#!/usr/bin/env bash
# Jaeger Thrift exporter interop (thriftrw + the official jaeger.thrift IDL).
# Usage: run.sh <bin-dir>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?usage: run.sh <bin-dir>}
cd "$here"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
node run.cjs "$bin/parley-export-cli"
