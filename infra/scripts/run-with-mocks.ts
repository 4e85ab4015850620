// Runs the Pulumi program for one stack under Pulumi's mocks — no cluster, no Pulumi CLI, no
// state — and writes every resource it registers, with the inputs it passes, as JSON. The
// deploy tests (tests/deploy/pulumi-*.test.ts) assert on that file.
//
//   node infra/scripts/run-with-mocks.ts <stack> <config.json> <out.json>
//
// config.json holds the stack's configuration as the Pulumi CLI hands it to a program
// ({"pyairtable:environment": "kind", ...}, every value a string). Mocks are set before the
// program is imported, so every resource goes to them.
import { readFile, writeFile } from 'node:fs/promises';
import * as pulumi from '@pulumi/pulumi';

/** One resource the program registered. */
export interface RegisteredResource {
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  /** Inputs, with secrets as `{"@secret": value}` and assets as `{"@asset": path}`. */
  readonly inputs: Record<string, unknown>;
}

// The markers Pulumi's RPC layer wraps secrets, assets and resource references in.
const SIGNATURE_KEY = '4dabf18193072939515e22adb298388d';
const SECRET_SIGNATURE = '1b47061264138c4ac30d75fd1eb44270';
const ASSET_SIGNATURE = 'c44067f5952c0a294b673a41bacd8c17';
const RESOURCE_SIGNATURE = '5cf8f73096256a8f31e491e813e4eb8e';

async function readable(value: unknown): Promise<unknown> {
  if (Array.isArray(value)) return Promise.all(value.map(readable));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  // The mock monitor hands assets back as asset objects whose path is a promise.
  if (record['__pulumiAsset'] === true) return { '@asset': await record['path'] };
  switch (record[SIGNATURE_KEY]) {
    case SECRET_SIGNATURE:
      return { '@secret': await readable(record['value']) };
    case ASSET_SIGNATURE:
      return { '@asset': record['path'] };
    case RESOURCE_SIGNATURE:
      return { '@resource': record['urn'] };
    default:
      return Object.fromEntries(
        await Promise.all(
          Object.entries(record).map(async ([key, item]) => [key, await readable(item)] as const),
        ),
      );
  }
}

/** Outputs a real provider would compute, for the resources whose outputs the program reads. */
function computedState(type: string, name: string): Record<string, unknown> {
  switch (type) {
    case 'random:index/randomPassword:RandomPassword':
      return { result: `mock${name.replaceAll('-', '')}password` };
    case 'random:index/randomBytes:RandomBytes':
      return {
        base64: Buffer.alloc(32, 7).toString('base64'),
        hex: Buffer.alloc(32, 7).toString('hex'),
      };
    default:
      return {};
  }
}

const [stack, configFile, outFile] = process.argv.slice(2);
if (stack === undefined || configFile === undefined || outFile === undefined) {
  throw new Error('usage: run-with-mocks.ts <stack> <config.json> <out.json>');
}

pulumi.runtime.setAllConfig(
  JSON.parse(await readFile(configFile, 'utf8')) as Record<string, string>,
);
const resources: RegisteredResource[] = [];
await pulumi.runtime.setMocks(
  {
    async newResource(args) {
      const inputs = args.inputs as Record<string, unknown>;
      resources.push({
        type: args.type,
        name: args.name,
        custom: args.custom ?? false,
        inputs: (await readable(inputs)) as Record<string, unknown>,
      });
      return {
        id: `${args.name}-id`,
        state: { ...inputs, ...computedState(args.type, args.name) },
      };
    },
    call(args) {
      return args.inputs as Record<string, unknown>;
    },
  },
  'pyairtable',
  stack,
  false,
);

const program = (await import('../src/index.ts')) as Record<string, unknown>;
const outputs: Record<string, unknown> = {};
for (const [key, value] of Object.entries(program)) {
  const output: pulumi.Output<unknown> = pulumi.output(value);
  outputs[key] = await new Promise((resolve) => output.apply(resolve));
}
await pulumi.runtime.disconnect();
await writeFile(outFile, JSON.stringify({ resources, outputs }, null, 2));
