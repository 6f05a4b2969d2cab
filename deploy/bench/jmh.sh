#!/usr/bin/env bash
# Key-verification hot path (JMH): valid keys through checksum + HMAC + a 100k-key replica, garbage keys rejected
# with zero lookups. Builds what it needs. Usage: deploy/bench/jmh.sh [--quick]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
./mvnw -q -B -Pbench -pl deploy/bench -am install -DskipTests
exec java -cp "deploy/bench/target/classes:deploy/bench/target/lib/*" com.truffle.bench.KeyVerificationBench "$@"
