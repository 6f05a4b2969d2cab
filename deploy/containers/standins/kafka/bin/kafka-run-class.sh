#!/usr/bin/env bash
# Runs a Kafka main class with /opt/kafka/libs on the class path (the distribution's script, reduced).
set -euo pipefail
base=$(cd "$(dirname "$0")/.." && pwd)
main=$1; shift
if [ -z "${KAFKA_LOG4J_OPTS:-}" ]; then
  if [ "$main" = kafka.Kafka ]; then KAFKA_LOG4J_OPTS="-Dlog4j2.configurationFile=$base/config/log4j2.yaml"
  else KAFKA_LOG4J_OPTS="-Dlog4j2.configurationFile=$base/config/tools-log4j2.yaml"; fi
fi
if [ "$main" = kafka.Kafka ]; then heap=${KAFKA_HEAP_OPTS:--Xmx512m -Xms256m}; else heap=${KAFKA_HEAP_OPTS:--Xmx256m}; fi
# shellcheck disable=SC2086 # option lists, word-split on purpose
exec java $heap ${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true} \
  $KAFKA_LOG4J_OPTS ${KAFKA_OPTS:-} -cp "$base/libs/*" "$main" "$@"
