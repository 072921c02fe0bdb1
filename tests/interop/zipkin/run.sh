#!/usr/bin/env bash
# Zipkin v2 exporter interop: JSON schema of the v2 model, read back by zipkin-js.
# Usage: run.sh <bin-dir>
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/../node-suite.sh" "$here" run.mjs "${1:?usage: run.sh <bin-dir>}/parley-export-cli"
