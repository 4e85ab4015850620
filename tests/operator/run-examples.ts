/**
 * `npm run operator:examples`: what a platform team does on a cluster, on a local control
 * plane. Starts etcd + kube-apiserver (built from Go modules), Postgres, the Airtable emulator
 * and the operator as its own process (`node operator/src/main.ts`, as the image runs it), then:
 *
 *   kubectl apply --server-side -f operator/config/crd/
 *   kubectl apply -f operator/examples/
 *   kubectl wait --for=condition=Ready tenant/acme workspace/acme-sales -n pyairtable-demo
 *
 * (the CRDs go in before the operator starts, as the chart installs them), printing every
 * command and what kubectl answered. Exits non-zero if any step fails.
 */
import path from 'node:path';
import { buildEmulator } from '@pyairtable/airtable-emulator';
import { findFreePort, generateCipherKey } from '@pyairtable/kit';
import { createTempFolder, createTestDatabase, startTestPostgres } from '@pyairtable/kit/testing';
import { startServiceProcess, waitUntilReady } from '@pyairtable/local-stack';
import { kubectl, startControlPlane } from '../envtest/index.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** One kubectl step of the walk-through and what it printed. */
export interface ExampleStep {
  readonly command: string;
  readonly exitCode: number;
  readonly output: string;
}

/** Runs the walk-through; `print` receives each line as it happens. */
export async function runExamples(print: (line: string) => void): Promise<ExampleStep[]> {
  const stops: (() => Promise<unknown>)[] = [];
  const steps: ExampleStep[] = [];
  try {
    print('starting etcd and kube-apiserver (built from their Go modules on first use)…');
    const controlPlane = await startControlPlane();
    stops.push(() => controlPlane.stop());
    const postgres = await startTestPostgres();
    const database = await createTestDatabase(postgres.adminUrl);
    stops.push(async () => {
      await database.drop();
      await postgres.stop();
    });
    const emulator = await buildEmulator({});
    const emulatorUrl = await emulator.listen({ host: '127.0.0.1', port: 0 });
    stops.push(() => emulator.close());

    const run = async (args: readonly string[]): Promise<void> => {
      const command = `kubectl ${args.join(' ')}`;
      print(`$ ${command}`);
      const result = await kubectl(controlPlane.kubeconfigPath, args);
      const output = `${result.stdout}${result.stderr}`.trimEnd();
      if (output !== '') print(output);
      steps.push({ command, exitCode: result.exitCode, output });
      if (result.exitCode !== 0)
        throw new Error(`${command} exited with ${String(result.exitCode)}`);
    };
    await run(['apply', '--server-side', '-f', 'operator/config/crd/']);
    await run([
      'wait',
      '--for=condition=Established',
      'crd/tenants.pyairtable.io',
      'crd/workspaces.pyairtable.io',
    ]);
    const logDir = await createTempFolder();
    const operator = startServiceProcess(
      { name: 'operator', entry: 'operator/src/main.ts', port: await findFreePort() },
      {
        root,
        host: '127.0.0.1',
        logFile: path.join(logDir, 'operator.log'),
        environment: {
          KUBECONFIG: controlPlane.kubeconfigPath,
          DATABASE_URL: database.url,
          SECRET_ENCRYPTION_KEYS: generateCipherKey('examples'),
          AIRTABLE_ENDPOINT_URL: emulatorUrl,
          LOG_LEVEL: 'warn',
        },
      },
    );
    stops.push(() => operator.stop(10_000));
    await waitUntilReady(operator, 60_000);
    print(`operator running (pid ${String(operator.pid)}, log ${operator.logFile})`);

    await run(['apply', '-f', 'operator/examples/']);
    await run([
      'wait',
      '--for=condition=Ready',
      'tenant/acme',
      'workspace/acme-sales',
      '-n',
      'pyairtable-demo',
      '--timeout=60s',
    ]);
    await run(['get', 'tenants,workspaces', '-n', 'pyairtable-demo']);
    return steps;
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  }
}

if (import.meta.main) {
  process.chdir(root);
  runExamples((line) => {
    console.log(line);
  }).then(
    () => {
      console.log('every step succeeded');
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
