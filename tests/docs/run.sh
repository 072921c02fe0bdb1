#!/usr/bin/env bash
# The C++ in docs/TRACING.md and README.md is exactly the marked regions of
# the compiled example programs in examples/docs (node only; no build).
set -euo pipefail
cd "$(dirname "$0")/../.."
node tests/docs/check_examples.mjs
