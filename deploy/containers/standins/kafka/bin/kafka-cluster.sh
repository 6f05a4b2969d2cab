#!/usr/bin/env bash
# Cluster tool (cluster-id, unregister)
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.ClusterTool "$@"
