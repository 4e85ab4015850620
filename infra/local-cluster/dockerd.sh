#!/usr/bin/env bash
# The local cluster's own Docker engine: Debian's dockerd on its own socket, data and exec
# directories, with infra/local-cluster/runc-without-sys-resource.sh as its default runtime (so
# privileged containers — kind's nodes — start on machines whose bounding set lacks
# CAP_SYS_RESOURCE), bridge networks carved from a fixed private range, and published ports
# bound to 127.0.0.1 unless a mapping names another address. Another dockerd on the machine
# is left alone.
#
#   infra/local-cluster/dockerd.sh start   # installs docker.io if missing, starts, waits
#   infra/local-cluster/dockerd.sh stop    # stops the dockerd this script started (by its PID)
#   infra/local-cluster/dockerd.sh host    # prints the DOCKER_HOST to use
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${PYAIRTABLE_CLUSTER_CACHE:-$HOME/.cache/pyairtable-cluster}
run_dir=/run/pyairtable-docker
socket=$run_dir/docker.sock
pid_file=$run_dir/dockerd.pid
# Fixed private ranges, clear of Docker's defaults (172.17.0.0/16 and up): docker0 and every
# network `docker network create` makes (kind's among them).
bridge_ip=10.213.0.1/24
network_pool=10.214.0.0/16

export DOCKER_HOST=unix://$socket

running() { [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; }

start() {
  if ! command -v dockerd >/dev/null; then
    echo "dockerd.sh: installing Debian's docker.io" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io jq >&2
  fi
  command -v jq >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q jq >&2
  if running; then return 0; fi
  mkdir -p "$run_dir" "$cache/docker" "$cache/bin"
  install -m 0755 "$here/runc-without-sys-resource.sh" "$cache/bin/runc-without-sys-resource"
  cat >"$cache/docker/daemon.json" <<JSON
{
  "data-root": "$cache/docker/data",
  "exec-root": "$run_dir/exec",
  "pidfile": "$pid_file",
  "hosts": ["unix://$socket"],
  "bip": "$bridge_ip",
  "default-address-pools": [{ "base": "$network_pool", "size": 24 }],
  "ip": "127.0.0.1",
  "runtimes": { "runc-without-sys-resource": { "path": "$cache/bin/runc-without-sys-resource" } },
  "default-runtime": "runc-without-sys-resource",
  "storage-driver": "overlay2",
  "log-driver": "json-file",
  "log-opts": { "max-size": "10m", "max-file": "2" }
}
JSON
  nohup dockerd --config-file "$cache/docker/daemon.json" >"$cache/docker/dockerd.log" 2>&1 &
  for _ in $(seq 1 60); do
    if docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "dockerd.sh: dockerd did not answer on $socket within 60 s; its log:" >&2
  tail -n 30 "$cache/docker/dockerd.log" >&2
  exit 1
}

stop() {
  running || return 0
  local pid
  pid=$(cat "$pid_file")
  kill -TERM "$pid"
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || return 0; sleep 1; done
  echo "dockerd.sh: dockerd (pid $pid) did not stop within 30 s" >&2
  exit 1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  host) echo "$DOCKER_HOST" ;;
  *) echo "usage: dockerd.sh start|stop|host" >&2; exit 2 ;;
esac
