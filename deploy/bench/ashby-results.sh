#!/usr/bin/env bash
# A result reaching Ashby, one at a time on the whole local stack: prints p50/p99 of the candidate's submit answer
# (the baseline) and of submit -> the Ashby sandbox accepted the result, and their ratio, over N trials (default 50).
# Builds the services and the bench first. Usage: deploy/bench/ashby-results.sh [trials]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
./mvnw -q -B -DskipTests install
./mvnw -q -B -Pbench -pl deploy/bench install -DskipTests
cd deploy/bench
exec java -cp "target/classes:target/lib/*" com.truffle.bench.AshbyResultsBench "${1:-50}" "$ROOT"
