#!/usr/bin/env bash
# Starts a broker and/or controller: kafka-server-start.sh <server.properties>
exec "$(dirname "$0")/kafka-run-class.sh" kafka.Kafka "$@"
