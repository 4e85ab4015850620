/**
 * CRDs of the projects the chart renders objects for (prometheus-operator's ServiceMonitor and
 * PrometheusRule, KEDA's ScaledObject, Gateway API's HTTPRoute), taken from those projects' Go
 * modules: the module proxy is reachable where chart repositories are not, and Go's module
 * cache keeps them after the first download.
 */
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One CRD file inside a pinned module. */
interface ModuleFile {
  readonly module: string;
  readonly version: string;
  readonly file: string;
}

/** The CRDs the chart needs, at the versions the tests pin. */
export const THIRD_PARTY_CRDS: readonly ModuleFile[] = [
  {
    module: 'github.com/prometheus-operator/prometheus-operator',
    version: 'v0.85.0',
    file: 'example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml',
  },
  {
    module: 'github.com/prometheus-operator/prometheus-operator',
    version: 'v0.85.0',
    file: 'example/prometheus-operator-crd/monitoring.coreos.com_prometheusrules.yaml',
  },
  {
    module: 'github.com/kedacore/keda/v2',
    version: 'v2.21.0',
    file: 'config/crd/bases/keda.sh_scaledobjects.yaml',
  },
  {
    module: 'sigs.k8s.io/gateway-api',
    // v1.7 needs Go 1.27 even to download with GOTOOLCHAIN=local; v1.6 is the newest this Go takes.
    version: 'v1.6.3',
    file: 'config/crd/standard/gateway.networking.k8s.io_httproutes.yaml',
  },
];

/** Where `go mod download` unpacked `module@version` (downloaded on first use). */
export async function moduleDirectory(module: string, version: string): Promise<string> {
  // Outside any Go module, so the download does not touch a go.mod. On failure go still prints
  // its JSON, with the reason in `Error`.
  const stdout = await run('go', ['mod', 'download', '-json', `${module}@${version}`], {
    cwd: tmpdir(),
    maxBuffer: 16 * 1024 * 1024,
    timeout: 20 * 60_000,
  }).then(
    (result) => result.stdout,
    (error: unknown) => (error as { stdout?: string }).stdout ?? String(error),
  );
  const { Dir: directory, Error: failure } = (
    stdout.trimStart().startsWith('{') ? JSON.parse(stdout) : { Error: stdout }
  ) as { Dir?: string; Error?: string };
  if (directory === undefined)
    throw new Error(`go mod download ${module}@${version}: ${failure ?? stdout}`);
  return directory;
}

/** The paths of every file of {@link THIRD_PARTY_CRDS}. */
export async function thirdPartyCrdFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const { module, version, file } of THIRD_PARTY_CRDS)
    files.push(path.join(await moduleDirectory(module, version), file));
  return files;
}
