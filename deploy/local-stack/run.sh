#!/usr/bin/env bash
# Starts the whole Truffle platform locally (PostgreSQL, in-process Kafka, dev IdP, Ashby sandbox, SMTP catcher
# and the five services). Builds first when a service jar is missing or --build is given. Ctrl-C stops it all.
# Usage (from anywhere): deploy/local-stack/run.sh [--build] [--dev <service>]
#   --dev <service>: the rest of the stack as above, that one service in ./mvnw quarkus:dev (live reload, Dev UI)
#   on the stack's PostgreSQL, broker, IdP, Ashby sandbox and SMTP catcher, with the environment the launcher would
#   give its jar (LOCAL_STACK_JAVA_OPTS: the launcher's JVM options)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

SERVICES=(api-gateway key-service access-request-service screening-service ashby-connector-service)
build=false
dev=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=true ;;
    --dev)
      [ $# -ge 2 ] || { echo "--dev needs a service: ${SERVICES[*]}" >&2; exit 2; }
      dev=$2; shift
      [[ " ${SERVICES[*]} " == *" $dev "* ]] || { echo "unknown service $dev (one of: ${SERVICES[*]})" >&2; exit 2; }
      ;;
    -h|--help)
      sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
      exit 0 ;;
    *) echo "unknown argument: $1 (--build, --dev <service>)" >&2; exit 2 ;;
  esac
  shift
done

for module in "${SERVICES[@]}"; do
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
LAUNCHER=("$JAVA" ${LOCAL_STACK_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC} -cp "deploy/local-stack/target/classes:deploy/local-stack/target/lib/*"
  com.truffle.deploy.stack.LocalStackMain "$ROOT")
if [ -z "$dev" ]; then
  # the launcher JVM hosts the broker, the dev IdP, the Ashby sandbox and the SMTP catcher
  exec "${LAUNCHER[@]}"
fi

# --dev: quarkus:dev resolves the platform modules from the local Maven repository; install them once
if [ "$build" = true ] || [ ! -d "$HOME/.m2/repository/com/truffle/service-kit/1.0.0-SNAPSHOT" ]; then
  echo "Installing the platform modules for quarkus:dev: ./mvnw -q -B -DskipTests install -pl $dev -am"
  ./mvnw -q -B -DskipTests install -pl "$dev" -am
fi
envfile="$ROOT/.local-stack/dev/$dev.env"
rm -f "$envfile"
"${LAUNCHER[@]}" --dev "$dev" &
launcher=$!
trap 'kill "$launcher" 2>/dev/null; wait "$launcher" 2>/dev/null' EXIT
trap 'exit 130' INT TERM
# the launcher writes the service's environment once the rest of the stack is ready
until [ -f "$envfile" ]; do
  kill -0 "$launcher" 2>/dev/null || { echo "the local stack did not start" >&2; exit 1; }
  sleep 0.5
done
echo "Starting $dev in quarkus:dev (the rest of the stack stops with it)"
# shellcheck disable=SC1090 # written by the launcher: export NAME='value' lines
set -a; . "$envfile"; set +a
./mvnw quarkus:dev -pl "$dev" -Ddebug=false
