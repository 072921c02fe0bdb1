#!/usr/bin/env bash
# OTLP exporter interop: a @grpc/grpc-js TraceService server and protobufjs with the official proto files.
# Usage: run.sh <bin-dir>
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/../node-suite.sh" "$here" run.mjs "${1:?usage: run.sh <bin-dir>}/parley-export-cli"
