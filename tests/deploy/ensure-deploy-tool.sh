#!/usr/bin/env bash
# Builds a deploy tool the deploy tests need from its Go module, once per version, into the
# cache tests/go-tools/ensure-go-tool.sh uses; prints the binary's path.
#
#   tests/deploy/ensure-deploy-tool.sh kind               # -> $CACHE/kind-v0.33.0/kind
#   tests/deploy/ensure-deploy-tool.sh kind-config-check  # kind's own config loader, see below
#   tests/deploy/ensure-deploy-tool.sh tilt               # -> $CACHE/tilt-v0.34.0/tilt
#
# Like ensure-go-tool.sh, nothing prebuilt is downloaded: these machines reach only package
# registries, so each tool is compiled from its module on the Go module proxy. A finished build
# is recorded by the binary appearing in the cache, written atomically.
set -euo pipefail

KIND_VERSION=v0.33.0
# The newest Tilt release the module proxy serves here. Its checksum is missing from the
# checksum database's mirror on these machines, so it is fetched with GONOSUMDB (the module
# still comes from the proxy, and every dependency is checked against Tilt's own go.sum).
TILT_VERSION=v0.34.0

tool=${1:?usage: ensure-deploy-tool.sh <kind|kind-config-check|tilt>}
cache=${PYAIRTABLE_TOOLS_CACHE:-$HOME/.cache/pyairtable-tools}
here=$(cd "$(dirname "$0")" && pwd)

case "$tool" in
  kind | kind-config-check) version=$KIND_VERSION ;;
  tilt) version=$TILT_VERSION ;;
  *) echo "ensure-deploy-tool: unknown tool '$tool' (known: kind, kind-config-check, tilt)" >&2; exit 2 ;;
esac

# Tilt's build carries a page of its own in place of the web UI (see below): a binary built
# without it is cached under another name.
build_variant=''
[ "$tool" != tilt ] || build_variant=-cli
binary="$cache/$tool-$version$build_variant/$tool"
if [ -x "$binary" ]; then
  echo "$binary"
  exit 0
fi

command -v go >/dev/null || { echo "ensure-deploy-tool: Go is not installed; it is needed to build $tool" >&2; exit 1; }
mkdir -p "$(dirname "$binary")"
work=$(mktemp -d "${TMPDIR:-/tmp}/deploy-tool-$tool.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
export GOFLAGS=-mod=mod GOTOOLCHAIN=local CGO_ENABLED=0

# A module's own tree, writable, so it builds with its own go.mod (replace directives and all)
# and so a program placed inside it may import the module's internal packages.
module_tree() {
  local module=$1 dir
  dir=$(go mod download -json "$module@$version" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')
  [ -n "$dir" ] || { echo "ensure-deploy-tool: could not download $module@$version" >&2; exit 1; }
  cp -r "$dir" "$work/src"
  chmod -R u+w "$work/src"
}

case "$tool" in
  kind)
    module_tree sigs.k8s.io/kind
    (cd "$work/src" && go build -trimpath -ldflags "-s -w" -o "$work/$tool" . >&2)
    ;;
  kind-config-check)
    # kind's config loading and validation live in internal packages; a main package inside
    # kind's own tree may import them, so the check runs the very code `kind create cluster` runs.
    module_tree sigs.k8s.io/kind
    mkdir -p "$work/src/pkg/kind-config-check"
    cp "$here/kind-config-check.go" "$work/src/pkg/kind-config-check/main.go"
    cp "$work/src/images/base/files/etc/containerd/config.toml" "$work/src/pkg/kind-config-check/containerd-config.toml"
    (cd "$work/src" && go build -trimpath -ldflags "-s -w" -o "$work/$tool" ./pkg/kind-config-check >&2)
    ;;
  tilt)
    export GONOSUMDB=github.com/tilt-dev/tilt
    # Tilt parses Tiltfiles' neighbours with tree-sitter, a C library: it needs cgo (and gcc).
    export CGO_ENABLED=1
    module_tree github.com/tilt-dev/tilt
    rm -rf "$work/src/vendor"
    # The web UI is a Node build of tilt/web that the module does not carry, and without it
    # `tilt up` and `tilt ci` refuse to start. The binary gets a page saying so instead; the CLI
    # (tilt ci, tilt get, tilt logs) is complete.
    printf '%s\n' '<!doctype html><title>Tilt</title><p>This Tilt was built from its Go module without its web UI. Use the CLI: <code>tilt get uiresources</code>, <code>tilt logs</code>.</p>' \
      >"$work/src/pkg/assets/build/index.html"
    (cd "$work/src" && go build -trimpath -ldflags "-s -w -X main.version=${version#v}" -o "$work/$tool" ./cmd/tilt >&2)
    ;;
esac

mv "$work/$tool" "$binary.partial"
mv "$binary.partial" "$binary"
echo "$binary"
