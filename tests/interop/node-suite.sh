#!/usr/bin/env bash
# Runs one node interop suite: installs its locked dependencies, then its
# entry script with the path of the driver binary.
# Usage: node-suite.sh <suite-dir> <entry-script> <driver-binary>
set -euo pipefail
suite=$1
entry=$2
driver=$3
cd "$suite"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
node "$entry" "$driver"
