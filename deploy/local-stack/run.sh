#!/usr/bin/env bash
# Starts the whole Truffle platform locally (PostgreSQL, in-process Kafka, dev IdP, Ashby sandbox, SMTP catcher
# and the five services). Builds first when a service jar is missing or --build is given. Ctrl-C stops it all.
# Usage (from anywhere): deploy/local-stack/run.sh [--build]   (LOCAL_STACK_JAVA_OPTS: the launcher's JVM options)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

build=false
for arg in "$@"; do
  case "$arg" in
    --build) build=true ;;
    -h|--help)
      sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'
      exit 0 ;;
    *) echo "unknown argument: $arg (only --build)" >&2; exit 2 ;;
  esac
done

for module in api-gateway key-service access-request-service screening-service ashby-connector-service; do
  if [ ! -f "$module/target/quarkus-app/quarkus-run.jar" ]; then
    echo "$module is not built yet."
    build=true
  fi
done
if [ ! -d deploy/local-stack/target/classes ] || [ ! -d deploy/local-stack/target/lib ]; then
  build=true
fi

if [ "$build" = true ]; then
  echo "Building: ./mvnw -q -B -DskipTests package"
  ./mvnw -q -B -DskipTests package
fi

JAVA="java"
if [ -n "${JAVA_HOME:-}" ]; then
  JAVA="$JAVA_HOME/bin/java"
fi
# the launcher JVM hosts the broker, the dev IdP, the Ashby sandbox and the SMTP catcher
exec "$JAVA" ${LOCAL_STACK_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC} -cp "deploy/local-stack/target/classes:deploy/local-stack/target/lib/*" \
  com.truffle.deploy.stack.LocalStackMain "$ROOT"
