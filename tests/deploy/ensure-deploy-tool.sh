#!/usr/bin/env bash
# Builds a deploy tool the deploy tests need from its Go module, once per version, into the
# cache tests/go-tools/ensure-go-tool.sh uses; prints the binary's path.
#
#   tests/deploy/ensure-deploy-tool.sh kind               # -> $CACHE/kind-v0.33.0/kind
#   tests/deploy/ensure-deploy-tool.sh kind-config-check  # kind's own config loader, see below
#   tests/deploy/ensure-deploy-tool.sh tilt               # -> $CACHE/tilt-v0.34.0-cli/tilt
#
# How tools are built and cached: tests/go-tools/go-build.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../go-tools/go-build.sh"

KIND_VERSION=v0.33.0
# The newest Tilt release the module proxy serves here. Its checksum is missing from the
# checksum database's mirror on these machines, so it is fetched with GONOSUMDB (the module
# still comes from the proxy, and every dependency is checked against Tilt's own go.sum).
TILT_VERSION=v0.34.0

tool=${1:?usage: ensure-deploy-tool.sh <kind|kind-config-check|tilt>}

case "$tool" in
  kind | kind-config-check) version=$KIND_VERSION ;;
  tilt) version=$TILT_VERSION ;;
  *) echo "ensure-deploy-tool: unknown tool '$tool' (known: kind, kind-config-check, tilt)" >&2; exit 2 ;;
esac

# Tilt's build carries a page of its own in place of the web UI (see below): a binary built
# without it is cached under another name.
build_variant=''
[ "$tool" != tilt ] || build_variant=-cli
go_build_begin ensure-deploy-tool "$tool" "$go_build_cache/$tool-$version$build_variant/$tool"

case "$tool" in
  kind)
    module_tree sigs.k8s.io/kind "$version"
    (cd "$work/src" && go build -trimpath -ldflags "-s -w" -o "$work/$tool" . >&2)
    ;;
  kind-config-check)
    # kind's config loading and validation live in internal packages; a main package inside
    # kind's own tree may import them, so the check runs the very code `kind create cluster` runs.
    module_tree sigs.k8s.io/kind "$version"
    mkdir -p "$work/src/pkg/kind-config-check"
    cp "$here/kind-config-check.go" "$work/src/pkg/kind-config-check/main.go"
    cp "$work/src/images/base/files/etc/containerd/config.toml" "$work/src/pkg/kind-config-check/containerd-config.toml"
    (cd "$work/src" && go build -trimpath -ldflags "-s -w" -o "$work/$tool" ./pkg/kind-config-check >&2)
    ;;
  tilt)
    export GONOSUMDB=github.com/tilt-dev/tilt
    # Tilt parses Tiltfiles' neighbours with tree-sitter, a C library: it needs cgo (and gcc).
    export CGO_ENABLED=1
    module_tree github.com/tilt-dev/tilt "$version"
    # The web UI is a Node build of tilt/web that the module does not carry, and without it
    # `tilt up` and `tilt ci` refuse to start. The binary gets a page saying so instead; the CLI
    # (tilt ci, tilt get, tilt logs) is complete.
    printf '%s\n' '<!doctype html><title>Tilt</title><p>This Tilt was built from its Go module without its web UI. Use the CLI: <code>tilt get uiresources</code>, <code>tilt logs</code>.</p>' \
      >"$work/src/pkg/assets/build/index.html"
    (cd "$work/src" && go build -trimpath -ldflags "-s -w -X main.version=${version#v}" -o "$work/$tool" ./cmd/tilt >&2)
    ;;
esac

go_build_finish "$work/$tool"
