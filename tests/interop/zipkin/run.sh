#!/usr/bin/env bash
# Zipkin v2 exporter interop (JSON schema of the v2 model).
# Usage: run.sh <bin-dir>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?usage: run.sh <bin-dir>}
cd "$here"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
node run.mjs "$bin/parley-export-cli"
