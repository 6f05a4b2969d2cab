#!/usr/bin/env bash
# "The old key stops working immediately", with two gateway replicas: the admin regenerates / revokes a key through
# replica A while clients hammer it on A and on B; prints the successes at A after the admin's 200/204 (goal 0) and
# p50/p99 of "answer -> first 401" at B (goal p99 <= 25 ms), over N trials each (default 100).
# Builds the services and the bench first. Usage: deploy/bench/revocation.sh [trials]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
./mvnw -q -B -DskipTests install
./mvnw -q -B -Pbench -pl deploy/bench install -DskipTests
cd deploy/bench
exec java -cp "target/classes:target/lib/*" com.truffle.bench.RevocationBench "${1:-100}" "$ROOT"
