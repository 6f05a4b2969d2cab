#!/usr/bin/env bash
# HTTP load on GET /v1/jobs: direct vs nginx (the yardstick, forwarding only) vs the gateway with a READ key, in
# one run on the local stack. Installs wrk and nginx (Debian packages) when missing, builds the services and the
# bench. Usage: deploy/bench/http-load.sh [seconds per round, default 20] [rounds, default 3] [paced req/s, default 1000]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null || \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx >/dev/null
fi
./mvnw -q -B -DskipTests install
./mvnw -q -B -Pbench -pl deploy/bench install -DskipTests
cd deploy/bench
# one key drives all the load: raise its per-key limit (still checked per request) so the limit is not what is measured
export TRUFFLE_GATEWAY_RATE_LIMIT_PER_SECOND=10000000 TRUFFLE_GATEWAY_RATE_LIMIT_BURST=10000000
export TRUFFLE_GATEWAY_KEY_LOOKUP_PER_CLIENT_PER_SECOND=10000000 TRUFFLE_GATEWAY_KEY_LOOKUP_PER_CLIENT_BURST=10000000
exec java -cp "target/classes:target/lib/*" com.truffle.bench.HttpLoadBench "${1:-20}" "${2:-3}" "$ROOT" "${3:-1000}"
