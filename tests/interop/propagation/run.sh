#!/usr/bin/env bash
# Propagation interop against the OpenTelemetry JS propagators.
# Usage: run.sh <bin-dir>
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/../node-suite.sh" "$here" run.mjs "${1:?usage: run.sh <bin-dir>}/parley-propagation-cli"
