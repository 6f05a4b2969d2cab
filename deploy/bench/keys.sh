#!/usr/bin/env bash
# key-service numbers (issue 3): key creation latency through the gateway, and events/s through the outbox under
# concurrent creations. Builds the services and the bench first. Usage: deploy/bench/keys.sh [sequential creations]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
./mvnw -q -B -DskipTests install
./mvnw -q -B -Pbench -pl deploy/bench install -DskipTests
cd deploy/bench
exec java -cp "target/classes:target/lib/*" com.truffle.bench.KeyServiceBench "${1:-240}" "$ROOT"
