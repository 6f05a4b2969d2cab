#!/usr/bin/env bash
# Revocation propagation through the whole local stack: regenerate / revoke a key while a client hammers it;
# prints p50/p99 of "admin got 200/204 -> client got its first 401" over N trials each (default 100).
# Builds the services and the bench first. Usage: deploy/bench/revocation.sh [trials]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
./mvnw -q -B -DskipTests install
./mvnw -q -B -Pbench -pl deploy/bench install -DskipTests
cd deploy/bench
exec java -cp "target/classes:target/lib/*" com.truffle.bench.RevocationBench "${1:-100}" "$ROOT"
