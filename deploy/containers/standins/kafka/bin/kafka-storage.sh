#!/usr/bin/env bash
# Formats KRaft storage: kafka-storage.sh format -t <cluster-id> -c <server.properties>
exec "$(dirname "$0")/kafka-run-class.sh" kafka.tools.StorageTool "$@"
