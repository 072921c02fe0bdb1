#!/usr/bin/env bash
# Jaeger exporter interop: thriftrw (HTTP) and Apache Thrift compact (UDP) with the official jaeger.thrift IDL.
# Usage: run.sh <bin-dir>
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/../node-suite.sh" "$here" run.cjs "${1:?usage: run.sh <bin-dir>}/parley-export-cli"
