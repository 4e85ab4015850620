// kind-config-check loads a kind cluster config with kind's own loader and validation (the
// code `kind create cluster --config` runs before it needs a container runtime), applies the
// config's containerd patches to the node image's containerd config as kind does at node
// setup, parses every hosts.toml the config mounts into a node, and prints all of it as JSON.
//
// It is compiled inside a copy of kind's module tree by ensure-deploy-tool.sh, because kind's
// config loader is an internal package: importable only from within that tree.
//
//	kind-config-check kind-config.yaml   # relative mount paths resolve against the working directory, as in kind
package main

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/BurntSushi/toml"

	"sigs.k8s.io/kind/pkg/internal/apis/config/encoding"
	"sigs.k8s.io/kind/pkg/internal/patch"
)

// The containerd config of kind's node image at this kind version, copied in at build time.
//
//go:embed containerd-config.toml
var nodeContainerdConfig string

type portMapping struct {
	ContainerPort int32  `json:"containerPort"`
	HostPort      int32  `json:"hostPort"`
	ListenAddress string `json:"listenAddress"`
	Protocol      string `json:"protocol"`
}

type mount struct {
	HostPath      string `json:"hostPath"`
	ContainerPath string `json:"containerPath"`
	ReadOnly      bool   `json:"readOnly"`
}

type node struct {
	Role              string        `json:"role"`
	Image             string        `json:"image"`
	ExtraPortMappings []portMapping `json:"extraPortMappings"`
	ExtraMounts       []mount       `json:"extraMounts"`
}

type report struct {
	Name       string                    `json:"name"`
	Nodes      []node                    `json:"nodes"`
	Containerd map[string]interface{}            `json:"containerd"`
	HostsTOML  map[string]map[string]interface{} `json:"hostsToml"`
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

func main() {
	if len(os.Args) != 2 {
		fail("usage: kind-config-check <kind-config.yaml>")
	}
	cfg, err := encoding.Load(os.Args[1])
	if err != nil {
		fail("kind could not load the config: %v", err)
	}
	if err := cfg.Validate(); err != nil {
		fail("kind rejects the config: %v", err)
	}
	patched, err := patch.ContainerdTOML(nodeContainerdConfig, cfg.ContainerdConfigPatches, cfg.ContainerdConfigPatchesJSON6902)
	if err != nil {
		fail("kind could not apply the containerd patches: %v", err)
	}
	out := report{Name: cfg.Name, Containerd: map[string]interface{}{}, HostsTOML: map[string]map[string]interface{}{}}
	if _, err := toml.Decode(patched, &out.Containerd); err != nil {
		fail("the patched containerd config is not TOML: %v", err)
	}
	for _, n := range cfg.Nodes {
		item := node{Role: string(n.Role), Image: n.Image, ExtraPortMappings: []portMapping{}, ExtraMounts: []mount{}}
		for _, p := range n.ExtraPortMappings {
			item.ExtraPortMappings = append(item.ExtraPortMappings, portMapping{p.ContainerPort, p.HostPort, p.ListenAddress, string(p.Protocol)})
		}
		for _, m := range n.ExtraMounts {
			// The docker provider makes relative host paths absolute against the working directory.
			hostPath, err := filepath.Abs(m.HostPath)
			if err != nil {
				fail("mount %s: %v", m.HostPath, err)
			}
			item.ExtraMounts = append(item.ExtraMounts, mount{hostPath, m.ContainerPath, m.Readonly})
			err = filepath.WalkDir(hostPath, func(file string, entry fs.DirEntry, err error) error {
				if err != nil || entry.IsDir() || entry.Name() != "hosts.toml" {
					return err
				}
				parsed := map[string]interface{}{}
				if _, err := toml.DecodeFile(file, &parsed); err != nil {
					return fmt.Errorf("%s: %w", file, err)
				}
				relative, _ := filepath.Rel(hostPath, file)
				out.HostsTOML[filepath.Join(m.ContainerPath, relative)] = parsed
				return nil
			})
			if err != nil {
				fail("mount %s: %v", m.HostPath, err)
			}
		}
		out.Nodes = append(out.Nodes, item)
	}
	encoded, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		fail("%v", err)
	}
	fmt.Println(string(encoded))
}
