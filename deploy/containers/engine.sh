#!/usr/bin/env bash
# engine.sh — a Docker engine for this project, and the images its configuration names.
#
#   engine.sh up      use the engine that answers `docker info`, or install and start one (dockerd with overlay2,
#                     no iptables, no IP forwarding: containers get no outbound network); then make sure the images
#                     below exist: pulled where a registry answers, else built here as stand-ins (Debian bookworm
#                     base from debootstrap, PostgreSQL 15, Kafka 4.1.1, OpenJDK 17 JRE). Idempotent.
#   engine.sh down    remove the containers made from these images, stop the dockerd that `up` started (and its
#                     containerd); images stay
#   engine.sh status  whether the engine answers, and which of the images exist
#   engine.sh env     the variables Testcontainers needs on such a machine, for eval: Ryuk off (its image cannot be
#                     pulled, and without it a test JVM's containers are removed by a JVM hook instead) and every
#                     connection on 127.0.0.1 (these VMs have /.dockerenv, which makes Testcontainers use docker0)
#
# State (dockerd's pid and log, build contexts) lives in deploy/containers/.engine/ (git-ignored).
# Environment: ENGINE_PULL=0 skips trying the registry; DEBIAN_MIRROR overrides the mirror read from apt's sources.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
STATE=$HERE/.engine
DOCKERD_PID=$STATE/dockerd.pid
CONTAINERD_PID=$STATE/containerd.pid
DOCKERD_LOG=$STATE/dockerd.log

KAFKA_VERSION=4.1.1
BASE_IMAGE=truffle/debian-minbase:bookworm
# name -> the stand-in that provides it. The first of each group is what Testcontainers code names; the others are
# what Quarkus 3.34.3 Dev Services pull by default (PostgreSQL: docker.io/library/postgres:18 — the stand-in is
# PostgreSQL 15, pin quarkus.datasource.devservices.image-name=postgres:15 to say so; Kafka with
# quarkus.kafka.devservices.provider=strimzi: quay.io/strimzi-test-container/test-container:0.114.0-kafka-4.1.1).
PG_NAMES=(postgres:15 postgres:18)
KAFKA_NAMES=("apache/kafka:$KAFKA_VERSION")
# the same broker as root: Strimzi's container copies its start script with a mode only root may execute
STRIMZI_NAMES=("quay.io/strimzi-test-container/test-container:0.114.0-kafka-$KAFKA_VERSION")
JRE_NAMES=(registry.access.redhat.com/ubi9/openjdk-17-runtime:1.23)
# containers made from any of these images carry one of these labels (image labels pass to containers)
LABELS=(com.truffle.standin com.truffle.service)

log() { printf '[engine] %s\n' "$*" >&2; }
die() { printf '[engine] error: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
took() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }

engine_answers() { docker info >/dev/null 2>&1; }
have_image() { docker image inspect "$1" >/dev/null 2>&1; }
our_dockerd() { [ -f "$DOCKERD_PID" ] && kill -0 "$(cat "$DOCKERD_PID")" 2>/dev/null; }

# the Debian mirror apt uses (one-line or deb822 sources), for debootstrap
debian_mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
  local m
  m=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | awk '$1 == "deb" && $0 ~ / bookworm / { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }')
  if [ -z "$m" ]; then
    m=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | awk 'BEGIN { RS = ""; FS = "\n" } /Suites:[^\n]*bookworm( |\n|$)/ && !/debian-security/ {
                 for (i = 1; i <= NF; i++) if ($i ~ /^URIs:/) { split($i, u, " "); print u[2]; exit } }')
  fi
  echo "${m:-http://deb.debian.org/debian}"
}

install_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  [ ${#missing[@]} -eq 0 ] && return
  local t; t=$(now)
  log "installing ${missing[*]} (no recommends: they pull needrestart)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  log "packages: $(took "$t")"
}

start_engine() {
  local t; t=$(now)
  mkdir -p "$STATE"
  log "starting dockerd (log: ${DOCKERD_LOG#"$ROOT"/})"
  setsid dockerd --storage-driver=overlay2 --iptables=false --ip-forward=false \
    >"$DOCKERD_LOG" 2>&1 </dev/null &
  echo $! >"$DOCKERD_PID"
  local i
  for i in $(seq 1 150); do
    engine_answers && break
    kill -0 "$(cat "$DOCKERD_PID")" 2>/dev/null || { tail -20 "$DOCKERD_LOG" >&2; die "dockerd exited"; }
    sleep 0.2
  done
  engine_answers || { tail -20 "$DOCKERD_LOG" >&2; die "dockerd did not answer within 30 s"; }
  # the containerd dockerd started as its child, so that `down` can end it by pid too
  pgrep -P "$(cat "$DOCKERD_PID")" -x containerd >"$CONTAINERD_PID" 2>/dev/null || rm -f "$CONTAINERD_PID"
  log "engine: $(took "$t") (dockerd pid $(cat "$DOCKERD_PID"))"
}

# 0 when every name in "$@" now exists (present already, or pulled)
REGISTRY=unknown
present_or_pulled() {
  local n missing=()
  for n in "$@"; do have_image "$n" || missing+=("$n"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "${ENGINE_PULL:-1}" = 0 ] && REGISTRY=no
  [ "$REGISTRY" = no ] && return 1
  for n in "${missing[@]}"; do
    if timeout 60 docker pull -q "$n" >/dev/null 2>&1; then
      REGISTRY=yes
    else
      [ "$REGISTRY" = yes ] || { REGISTRY=no; log "no registry answers (docker pull $n failed): building stand-ins"; }
      return 1
    fi
  done
}

tag_all() { local src=$1 n; shift; for n in "$@"; do [ "$n" = "$src" ] || docker tag "$src" "$n"; done; }

build_base() {
  have_image "$BASE_IMAGE" && return
  local t mirror dir; t=$(now); mirror=$(debian_mirror); dir=$STATE/rootfs
  log "debootstrap bookworm (minbase) from $mirror"
  rm -rf "$dir"
  debootstrap --variant=minbase bookworm "$dir" "$mirror" >"$STATE/debootstrap.log" 2>&1 \
    || { tail -20 "$STATE/debootstrap.log" >&2; die "debootstrap failed"; }
  # packages installed in derived images start no daemons
  printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"; chmod 755 "$dir/usr/sbin/policy-rc.d"
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  tar -C "$dir" -c . | docker import -c 'CMD ["/bin/bash"]' -c 'LABEL com.truffle.standin=base' - "$BASE_IMAGE" >/dev/null
  rm -rf "$dir"
  log "base image $BASE_IMAGE: $(took "$t")"
}

build_standin() {  # <dir under standins/> <context> <names...>
  local what=$1 ctx=$2; shift 2
  local t; t=$(now)
  log "building the $what stand-in as $*"
  # the legacy builder: BuildKit is not part of this engine; --network host: RUN steps reach the Debian mirror
  DOCKER_BUILDKIT=0 docker build --network host --build-arg BASE="$BASE_IMAGE" -t "$1" "$ctx" \
      >"$STATE/build-$what.log" 2>&1 \
    || { tail -20 "$STATE/build-$what.log" >&2; die "building the $what stand-in failed (log: ${STATE#"$ROOT"/}/build-$what.log)"; }
  tag_all "$@"
  log "$what: $(took "$t")"
}

kafka_context() {
  local ctx=$STATE/build/kafka
  rm -rf "$ctx"; mkdir -p "$ctx"
  cp -r "$HERE/standins/kafka/." "$ctx/"
  log "resolving Kafka $KAFKA_VERSION's jars from Maven"
  (cd "$ROOT" && ./mvnw -q -B -f "$HERE/standins/kafka/pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$ctx/libs") >&2 || die "resolving the Kafka jars failed"
  echo "$ctx"
}

ensure_images() {
  present_or_pulled "${JRE_NAMES[@]}" "${PG_NAMES[@]}" "${KAFKA_NAMES[@]}" "${STRIMZI_NAMES[@]}" \
    && { log "images: all present"; return; }
  local need_pg=0 need_kafka=0 need_jre=0 need_strimzi=0
  present_or_pulled "${PG_NAMES[@]}" || need_pg=1
  present_or_pulled "${KAFKA_NAMES[@]}" || need_kafka=1
  present_or_pulled "${JRE_NAMES[@]}" || need_jre=1
  present_or_pulled "${STRIMZI_NAMES[@]}" || need_strimzi=1
  # a name missing while another of its group exists: just tag
  local n
  for grp in PG KAFKA JRE STRIMZI; do
    local -n names="${grp}_NAMES" need="need_${grp,,}"
    if [ "$need" = 1 ]; then
      for n in "${names[@]}"; do
        if have_image "$n"; then tag_all "$n" "${names[@]}"; need=0; break; fi
      done
    fi
    unset -n names need
  done
  [ $((need_pg + need_kafka + need_jre + need_strimzi)) -gt 0 ] || return 0
  build_base
  [ "$need_jre" = 0 ] || build_standin jre "$HERE/standins/jre" "${JRE_NAMES[@]}"
  [ "$need_pg" = 0 ] || build_standin postgres "$HERE/standins/postgres" "${PG_NAMES[@]}"
  if [ "$need_kafka" = 1 ]; then
    local ctx; ctx=$(kafka_context)
    build_standin kafka "$ctx" "${KAFKA_NAMES[@]}"
  fi
  if [ "$need_strimzi" = 1 ]; then
    local ctx=$STATE/build/strimzi
    mkdir -p "$ctx"
    printf 'FROM %s\nLABEL com.truffle.standin=kafka-strimzi\nUSER root\n' "${KAFKA_NAMES[0]}" >"$ctx/Dockerfile"
    build_standin kafka-strimzi "$ctx" "${STRIMZI_NAMES[@]}"
  fi
}

cmd_up() {
  local t; t=$(now)
  mkdir -p "$STATE"
  if engine_answers; then
    log "engine answers: using it"
  else
    [ "$(id -u)" = 0 ] || die "starting an engine needs root"
    install_packages
    start_engine
  fi
  ensure_images
  log "up: $(took "$t")"
}

remove_containers() {
  local l ids
  for l in "${LABELS[@]}"; do
    ids=$(docker ps -aq --filter "label=$l")
    [ -z "$ids" ] || { log "removing containers labelled $l"; docker rm -f -v $ids >/dev/null; }
  done
}

cmd_down() {
  engine_answers && remove_containers
  if our_dockerd; then
    local pid i; pid=$(cat "$DOCKERD_PID")
    log "stopping dockerd (pid $pid)"
    kill "$pid"
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && { log "dockerd still running: SIGKILL"; kill -9 "$pid"; }
    if [ -f "$CONTAINERD_PID" ] && kill -0 "$(cat "$CONTAINERD_PID")" 2>/dev/null; then
      log "stopping containerd (pid $(cat "$CONTAINERD_PID"))"
      kill "$(cat "$CONTAINERD_PID")"
    fi
    rm -f "$DOCKERD_PID" "$CONTAINERD_PID"
  else
    log "no dockerd started by engine.sh is running: leaving the engine alone"
  fi
}

cmd_status() {
  if engine_answers; then
    echo "engine: answers (server $(docker version --format '{{.Server.Version}}' 2>/dev/null))"
    if our_dockerd; then echo "dockerd: started by engine.sh, pid $(cat "$DOCKERD_PID"), pid file ${DOCKERD_PID#"$ROOT"/}"
    else echo "dockerd: not started by engine.sh"; fi
    local n
    for n in "$BASE_IMAGE" "${JRE_NAMES[@]}" "${PG_NAMES[@]}" "${KAFKA_NAMES[@]}" "${STRIMZI_NAMES[@]}"; do
      if have_image "$n"; then
        printf '  %-75s %s\n' "$n" "$(docker image inspect -f '{{index .Config.Labels "com.truffle.standin"}} {{.Size}}' "$n" \
          | awk '{ printf "%s%.0f MB", ($1 == "" ? "official image, " : "stand-in " $1 ", "), $2 / 1e6 }')"
      else
        printf '  %-75s missing\n' "$n"
      fi
    done
  else
    echo "engine: does not answer"
    return 1
  fi
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env) printf 'export TESTCONTAINERS_RYUK_DISABLED=true\nexport TESTCONTAINERS_HOST_OVERRIDE=localhost\n' ;;
  *) echo "usage: $0 up|down|status|env" >&2; exit 2 ;;
esac
