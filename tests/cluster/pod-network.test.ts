/**
 * infra/local-cluster/images/pod-network/pod-network.sh, run by sh against a fake Kubernetes
 * API, with fake curl, ip and iptables first on PATH recording what the script asks of them:
 * the CNI config for this node, a route per other node, one MASQUERADE rule, and how it starts
 * and stops.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { childEnvironment } from '@pyairtable/kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const SCRIPT = path.resolve(
  import.meta.dirname,
  '../../infra/local-cluster/images/pod-network/pod-network.sh',
);
const NODE_NAME = 'pyairtable-control-plane';
const POD_SUBNET = '10.244.0.0/16';
const CONFLIST = '10-pod-network.conflist';
const MASQUERADE = `-t nat -C POSTROUTING -s ${POD_SUBNET} ! -d ${POD_SUBNET} -j MASQUERADE`;

interface FakeNode {
  readonly name: string;
  readonly podCIDR?: string;
  readonly internalIP: string;
}

const THIS_NODE: FakeNode = { name: NODE_NAME, podCIDR: '10.244.0.0/24', internalIP: '10.214.0.4' };
const OTHER_NODE: FakeNode = {
  name: 'pyairtable-worker',
  podCIDR: '10.244.1.0/24',
  internalIP: '10.214.0.2',
};
// Joined, but the controller manager has not given it a podCIDR yet.
const NEW_NODE: FakeNode = { name: 'pyairtable-worker2', internalIP: '10.214.0.3' };

function nodeList(nodes: readonly FakeNode[]): unknown {
  return {
    kind: 'NodeList',
    items: nodes.map((node) => ({
      metadata: { name: node.name },
      spec: node.podCIDR === undefined ? {} : { podCIDR: node.podCIDR },
      status: {
        addresses: [
          { type: 'Hostname', address: node.name },
          { type: 'InternalIP', address: node.internalIP },
        ],
      },
    })),
  };
}

// The script speaks https to the API; this curl records its arguments and asks the fake API
// over plain http, failing like `curl --fail` on an error status.
const FAKE_CURL = `#!${process.execPath}
const args = process.argv.slice(2);
require('node:fs').appendFileSync(process.env.FAKE_LOG, 'curl ' + args.join(' ') + '\\n');
const url = args[args.length - 1].replace(/^https:/, 'http:');
const headers = {};
args.forEach((arg, i) => {
  if (arg === '--header') headers[args[i + 1].split(':')[0]] = args[i + 1].replace(/^[^:]*: ?/, '');
});
fetch(url, { headers }).then(
  async (response) => {
    if (!response.ok) { console.error('curl: (22) ' + response.status); process.exit(22); }
    process.stdout.write(await response.text());
  },
  (error) => { console.error('curl: (7) ' + error.message); process.exit(7); },
);
`;

const LOG_CALL = 'echo "$(basename "$0") $*" >>"$FAKE_LOG"';
// The MASQUERADE rule exists (-C succeeds) once it has been appended.
const FAKE_IPTABLES = `#!/bin/sh
${LOG_CALL}
rule="$FAKE_STATE/$(basename "$0").rule"
case " $* " in
  *" -C "*) [ -f "$rule" ] ;;
  *" -A "*) touch "$rule" ;;
esac
`;

function fakeSave(rules: number): string {
  return `#!/bin/sh\necho '*nat'\necho ':POSTROUTING ACCEPT [0:0]'\n${'echo "-A KUBE-X -j RETURN"\n'.repeat(rules)}echo COMMIT\n`;
}

const FAKES: Readonly<Record<string, string>> = {
  curl: FAKE_CURL,
  ip: `#!/bin/sh\n${LOG_CALL}\n`,
  'iptables-legacy': FAKE_IPTABLES,
  'iptables-nft': FAKE_IPTABLES,
};

let dir: string;
let cniDir: string;
let log: string;
let server: http.Server;
let apiPort: number;
let nodes: readonly FakeNode[];
let failListing: boolean;
let requests: { url: string | undefined; authorization: string | undefined }[];
let child: ChildProcess | undefined;
let output: { stdout: string; stderr: string };

async function writeFakes(legacyRules: number, nftRules: number): Promise<string> {
  const bin = path.join(dir, 'bin');
  await mkdir(bin, { recursive: true });
  const scripts = {
    ...FAKES,
    'iptables-legacy-save': fakeSave(legacyRules),
    'iptables-nft-save': fakeSave(nftRules),
  };
  for (const [name, text] of Object.entries(scripts)) {
    await writeFile(path.join(bin, name), text);
    await chmod(path.join(bin, name), 0o755);
  }
  return bin;
}

async function startScript(
  overrides: Readonly<Record<string, string | undefined>> = {},
  rules: { legacy: number; nft: number } = { legacy: 3, nft: 1 },
): Promise<ChildProcess> {
  const bin = await writeFakes(rules.legacy, rules.nft);
  const env = childEnvironment({
    PATH: `${bin}:${childEnvironment().PATH ?? '/usr/bin:/bin'}`,
    NODE_NAME,
    POD_SUBNET,
    KUBERNETES_SERVICE_HOST: '127.0.0.1',
    KUBERNETES_SERVICE_PORT: String(apiPort),
    CNI_CONFIG_DIR: cniDir,
    SYNC_SECONDS: '0.1',
    FAKE_LOG: log,
    FAKE_STATE: dir,
    ...overrides,
  });
  // Its own process group, so the fakes and sleeps it leaves running can be killed with it.
  const started = spawn('sh', [SCRIPT], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  started.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  started.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  child = started;
  return started;
}

async function calls(program?: string): Promise<string[]> {
  const text = await readFile(log, 'utf8').catch(() => '');
  const lines = text.split('\n').filter((line) => line !== '');
  return program === undefined ? lines : lines.filter((line) => line.startsWith(`${program} `));
}

/** Waits until the script has listed the nodes `count` times and acted on the last listing. */
async function syncs(count: number): Promise<void> {
  await vi.waitFor(
    async () => {
      expect(child?.exitCode, output.stderr).toBeNull();
      // Counted by the MASQUERADE checks, which close each successful sync.
      expect((await calls()).filter((line) => line.includes(' -C ')).length).toBeGreaterThan(
        count - 1,
      );
    },
    { timeout: 20_000, interval: 50 },
  );
}

async function exitOf(
  script: ChildProcess,
): Promise<{ code: number | null; signal: string | null }> {
  if (script.exitCode !== null || script.signalCode !== null) {
    return { code: script.exitCode, signal: script.signalCode };
  }
  const [code, signal] = (await once(script, 'exit')) as [number | null, string | null];
  return { code, signal };
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pod-network-'));
  cniDir = path.join(dir, 'cni');
  await mkdir(cniDir);
  log = path.join(dir, 'calls.log');
  nodes = [THIS_NODE, OTHER_NODE, NEW_NODE];
  failListing = false;
  requests = [];
  output = { stdout: '', stderr: '' };
  server = http.createServer((request, response) => {
    requests.push({ url: request.url, authorization: request.headers.authorization });
    if (request.method !== 'GET' || request.url !== '/api/v1/nodes' || failListing) {
      response.writeHead(failListing ? 500 : 404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(nodeList(nodes)));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  apiPort = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  if (child?.pid !== undefined) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The whole group has already exited.
    }
    await exitOf(child);
  }
  child = undefined;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

describe('pod-network.sh', () => {
  it("writes this node's CNI config, routes the other node's pods, and masquerades once", async () => {
    await startScript();
    await syncs(1);
    const target = path.join(cniDir, CONFLIST);
    const first = await stat(target);
    await syncs(4);

    const config = JSON.parse(await readFile(target, 'utf8')) as {
      name: string;
      plugins: { type: string; ipam?: { type: string; ranges: unknown }; capabilities?: unknown }[];
    };
    expect(config.name).toBe('pod-network');
    expect(config.plugins.map((plugin) => plugin.type)).toEqual(['ptp', 'portmap']);
    expect(config.plugins[0]?.ipam?.type).toBe('host-local');
    expect(config.plugins[0]?.ipam?.ranges).toEqual([[{ subnet: '10.244.0.0/24' }]]);
    expect(config.plugins[1]?.capabilities).toEqual({ portMappings: true });

    // Unchanged, so never written again: the same file, and one "wrote" line.
    const last = await stat(target);
    expect([last.ino, last.mtimeMs]).toEqual([first.ino, first.mtimeMs]);
    expect(output.stdout.split(`wrote ${target} for 10.244.0.0/24`)).toHaveLength(2);

    const routes = await calls('ip');
    expect(routes.length).toBeGreaterThanOrEqual(4);
    expect(new Set(routes)).toEqual(new Set(['ip route replace 10.244.1.0/24 via 10.214.0.2']));

    const iptables = await calls('iptables-legacy');
    expect(iptables[0]).toBe(`iptables-legacy ${MASQUERADE}`);
    expect(iptables.filter((line) => line.includes(' -A '))).toEqual([
      `iptables-legacy ${MASQUERADE.replace(' -C ', ' -A ')}`,
    ]);
    expect(iptables.filter((line) => line.includes(' -C ')).length).toBeGreaterThanOrEqual(4);
    expect(await calls('iptables-nft')).toEqual([]);
    expect(output.stdout).toContain(
      `pod-network: node ${NODE_NAME}, pod subnet ${POD_SUBNET}, iptables-legacy`,
    );

    const curl = (await calls('curl'))[0] ?? '';
    expect(curl).toContain(`https://127.0.0.1:${String(apiPort)}/api/v1/nodes`);
    expect(curl).toContain('--cacert /var/run/secrets/kubernetes.io/serviceaccount/ca.crt');
    expect(requests[0]?.authorization).toMatch(/^Bearer/);
  });

  it('uses the nftables flavour when it holds more rules', async () => {
    await startScript({}, { legacy: 0, nft: 2 });
    await syncs(1);

    expect(await calls('iptables-legacy')).toEqual([]);
    expect((await calls('iptables-nft'))[0]).toBe(`iptables-nft ${MASQUERADE}`);
  });

  it('writes the CNI config only once this node has a podCIDR', async () => {
    nodes = [{ name: NODE_NAME, internalIP: THIS_NODE.internalIP }, OTHER_NODE];
    await startScript();
    await syncs(2);
    // Not even with the node's InternalIP standing in for the podCIDR it lacks.
    expect(output.stdout).not.toContain('pod-network: wrote');
    await expect(stat(path.join(cniDir, CONFLIST))).rejects.toThrow(/ENOENT/);

    nodes = [THIS_NODE, OTHER_NODE];
    await vi.waitFor(() => stat(path.join(cniDir, CONFLIST)), { timeout: 20_000, interval: 50 });
    const config = JSON.parse(await readFile(path.join(cniDir, CONFLIST), 'utf8')) as {
      plugins: { ipam?: { ranges: unknown } }[];
    };
    expect(config.plugins[0]?.ipam?.ranges).toEqual([[{ subnet: '10.244.0.0/24' }]]);
  });

  it('says so when listing the nodes fails, and keeps trying', async () => {
    failListing = true;
    await startScript();
    await vi.waitFor(
      () => {
        expect(requests.length).toBeGreaterThanOrEqual(2);
      },
      { timeout: 20_000, interval: 50 },
    );
    expect(output.stderr).toContain('pod-network: listing nodes failed; retrying in 0.1s');
    expect(await calls('ip')).toEqual([]);

    failListing = false;
    await syncs(1);
    expect(await calls('ip')).toContain('ip route replace 10.244.1.0/24 via 10.214.0.2');
  });

  it.each(['NODE_NAME', 'POD_SUBNET'])(
    'exits non-zero naming %s when it is missing',
    async (name) => {
      const started = await startScript({ [name]: undefined });

      const { code } = await exitOf(started);

      expect(code).not.toBe(0);
      expect(output.stderr).toContain(`${name} is required`);
      expect(await calls()).toEqual([]);
    },
  );

  it('ends with exit code 0 on SIGTERM', async () => {
    const started = await startScript();
    await syncs(1);

    started.kill('SIGTERM');
    const exit = await exitOf(started);

    expect(exit).toEqual({ code: 0, signal: null });
  });
});
