#!/usr/bin/env bash
# Static checks of the backend setups in deploy/ (node only; no Docker).
set -euo pipefail
cd "$(dirname "$0")/../.."
node tests/deploy/check.mjs
