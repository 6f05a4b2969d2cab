#!/usr/bin/env bash
# build-images.sh — builds the five services' images from their packaged jars (<service>/target/quarkus-app, made by
# `./mvnw install -DskipTests`) with <service>/src/main/docker/Dockerfile.jvm, tagged
# ghcr.io/truffle/<service>:<version> (the root pom's version without -SNAPSHOT, as deploy/kubernetes names them)
# and :latest. Prints each build's time and the images' sizes. Needs an engine (deploy/containers/engine.sh up).
#   build-images.sh [service...]     default: all five
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
REGISTRY_PREFIX=${REGISTRY_PREFIX:-ghcr.io/truffle}
ALL=(api-gateway key-service access-request-service screening-service ashby-connector-service)
services=("$@"); [ ${#services[@]} -gt 0 ] || services=("${ALL[@]}")

die() { printf '[images] error: %s\n' "$*" >&2; exit 1; }

docker info >/dev/null 2>&1 || die "no Docker engine answers (start one: deploy/containers/engine.sh up)"

# the project's own version (outside <parent>), e.g. 1.0.0-SNAPSHOT -> 1.0.0
# (one awk, no pipe: under pipefail an early-exiting `grep -m1` kills its writer with SIGPIPE, exit 141)
version=$(awk '/<parent>/,/<\/parent>/ { next } match($0, /<version>[^<]*<\/version>/) {
  print substr($0, RSTART + 9, RLENGTH - 19); exit }' "$ROOT/pom.xml")
version=${version%-SNAPSHOT}
[ -n "$version" ] || die "no <version> found in $ROOT/pom.xml"

missing=()
for s in "${services[@]}"; do
  [ -f "$ROOT/$s/src/main/docker/Dockerfile.jvm" ] || die "unknown service $s (no $s/src/main/docker/Dockerfile.jvm)"
  [ -f "$ROOT/$s/target/quarkus-app/quarkus-run.jar" ] || missing+=("$s/target/quarkus-app/quarkus-run.jar")
done
[ ${#missing[@]} -eq 0 ] || die "not built: ${missing[*]} — run ./mvnw install -DskipTests first"

buildlog=$(mktemp); trap 'rm -f "$buildlog"' EXIT
total_start=$(date +%s.%N)
rows=()
for s in "${services[@]}"; do
  image=$REGISTRY_PREFIX/$s
  start=$(date +%s.%N)
  printf '[images] building %s:%s\n' "$image" "$version"
  # the legacy builder: this machine's engine has no BuildKit (Docker Desktop's has, and takes the same command)
  DOCKER_BUILDKIT=${DOCKER_BUILDKIT:-0} docker build -q -f "$ROOT/$s/src/main/docker/Dockerfile.jvm" \
      -t "$image:$version" -t "$image:latest" "$ROOT/$s" >/dev/null 2>"$buildlog" \
    || { cat "$buildlog" >&2; die "building $s failed"; }
  secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  size=$(docker image inspect -f '{{.Size}}' "$image:$version" | awk '{ printf "%.0f", $1 / 1e6 }')
  rows+=("$(printf '%-45s %6s s %6s MB' "$image:$version" "$secs" "$size")")
done

printf '\n%-45s %8s %9s\n' image build size
printf '%s\n' "${rows[@]}"
awk -v a="$total_start" -v b="$(date +%s.%N)" 'BEGIN { printf "total: %.1f s (sizes include the shared base layers)\n", b - a }'
