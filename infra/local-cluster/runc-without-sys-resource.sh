#!/bin/sh
# runc, minus CAP_SYS_RESOURCE. The capability bounding set of the machines this cluster is
# built for lacks exactly that one capability, so runc fails to start any container asking for
# it ("unable to apply caps: operation not permitted") — every privileged container, which kind
# nodes and kube-proxy are. This wrapper takes it out of the OCI spec runc is about to apply —
# the bundle's config.json on create/run, the --process file on exec — and runs the real runc.
#
# It is registered as dockerd's default runtime on the host (infra/local-cluster/dockerd.sh) and
# installed as /usr/local/sbin/runc in the kind node image, ahead of Debian's /usr/sbin/runc on
# the PATH of the node's containerd. Everything else passes through untouched.
set -eu

real_runc=${REAL_RUNC:-/usr/sbin/runc}

strip_sys_resource() {
  spec=$1 path=$2
  [ -f "$spec" ] || return 0
  grep -q CAP_SYS_RESOURCE "$spec" || return 0
  edited="$spec.without-sys-resource"
  jq --compact-output "$path.capabilities |= (if . == null then . else with_entries(.value |= (if type == \"array\" then map(select(. != \"CAP_SYS_RESOURCE\")) else . end)) end)" \
    "$spec" >"$edited"
  mv "$edited" "$spec"
}

command=''
bundle=.
process=''
expect=''
for arg in "$@"; do
  case "$expect" in
    bundle) bundle=$arg; expect=''; continue ;;
    process) process=$arg; expect=''; continue ;;
  esac
  case "$arg" in
    --bundle | -b) expect=bundle ;;
    --bundle=*) bundle=${arg#--bundle=} ;;
    --process | -p) expect=process ;;
    --process=*) process=${arg#--process=} ;;
    create | run | exec) [ -n "$command" ] || command=$arg ;;
  esac
done

case "$command" in
  create | run) strip_sys_resource "$bundle/config.json" .process ;;
  exec) [ -z "$process" ] || strip_sys_resource "$process" '' ;;
esac

exec "$real_runc" "$@"
