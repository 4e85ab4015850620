# What every script that builds a tool from its Go module shares (sourced, not run):
# tests/go-tools/ensure-go-tool.sh, tests/deploy/ensure-deploy-tool.sh and
# infra/local-cluster/build-go-component.sh. Nothing prebuilt is downloaded — these machines
# reach only package registries — so each tool is compiled from the Go module proxy, once per
# version, into PYAIRTABLE_TOOLS_CACHE (default ~/.cache/pyairtable-tools). A finished build is
# recorded by the binary itself appearing there, written atomically, so an interrupted build
# is redone.

go_build_cache=${PYAIRTABLE_TOOLS_CACHE:-$HOME/.cache/pyairtable-tools}

# go_build_begin <script name> <tool> <binary path>: prints the binary and exits when it is
# already built; otherwise checks for Go and sets up $work (removed on exit) and a static,
# module-mode, local-toolchain build environment (a script may turn cgo back on).
go_build_begin() {
  local script=$1 tool=$2
  go_build_binary=$3
  if [ -x "$go_build_binary" ]; then
    echo "$go_build_binary"
    exit 0
  fi
  command -v go >/dev/null || { echo "$script: Go is not installed; it is needed to build $tool" >&2; exit 1; }
  mkdir -p "$(dirname "$go_build_binary")"
  work=$(mktemp -d "${TMPDIR:-/tmp}/go-build-$tool.XXXXXX")
  # Module trees are copied read-only from the module cache: make them removable first.
  trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
  export GOFLAGS=-mod=mod GOTOOLCHAIN=local CGO_ENABLED=0
}

# go_build_finish <built file>: moves the build into the cache atomically and prints its path.
go_build_finish() {
  mv "$1" "$go_build_binary.partial"
  mv "$go_build_binary.partial" "$go_build_binary"
  echo "$go_build_binary"
}

# module_dir <module> <version>: downloads a module and prints its directory in the module cache.
module_dir() {
  local dir
  dir=$(GOFLAGS=-mod=mod go mod download -json "$1@$2" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')
  [ -n "$dir" ] || { echo "could not download $1@$2 from the Go module proxy" >&2; exit 1; }
  echo "$dir"
}

# module_tree <module> <version>: the module's own tree in $work/src, writable, so it builds
# with its own go.mod (replace directives and all) and a program placed inside it may import
# the module's internal packages.
module_tree() {
  cp -r "$(module_dir "$1" "$2")" "$work/src"
  chmod -R u+w "$work/src"
  rm -rf "$work/src/vendor"
}

# etcd_main <etcd version>: etcd's own main package is not importable, so the server is a
# one-file main around etcdmain, in $work.
etcd_main() {
  printf 'module pyairtable.local/etcd\n\ngo 1.26\n\nrequire go.etcd.io/etcd/server/v3 %s\n' "$1" >"$work/go.mod"
  cat >"$work/main.go" <<'MAIN'
// The etcd server binary: etcd's own main package is not importable, so this wraps etcdmain.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
MAIN
  (cd "$work" && go mod tidy >&2)
}
