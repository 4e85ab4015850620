import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** `.data/stack.json`: how scripts and people find the running stack without reading logs. */
export interface StackDescription {
  readonly startedAt: string;
  readonly pid: number;
  readonly services: Readonly<Record<string, { readonly url: string; readonly pid: number }>>;
  readonly postgres: { readonly url: string; readonly embedded: boolean };
  readonly redis: { readonly url: string } | { readonly inProcess: true };
  /** The Airtable emulator's URL, a token for it and the bases it serves (demo data). */
  readonly airtable?: {
    readonly url: string;
    readonly token: string;
    readonly bases: readonly { readonly id: string; readonly name: string }[];
  };
  readonly logs: string;
  /** The demo tenant's workspace and the accounts to use it with (when the gateway runs). */
  readonly demo?: {
    readonly admin: { readonly email: string; readonly password: string };
    readonly user: { readonly email: string; readonly password: string };
    readonly tenantId: string;
    readonly workspaceId: string;
    readonly apiKey: string;
  };
}

/** The demo accounts of a stack that runs the gateway. */
export type StackDemo = NonNullable<StackDescription['demo']>;

/** A running stack as its `stack.json` describes it, with the gateway's URL and the demo found. */
export interface RunningStackFile {
  readonly description: StackDescription;
  readonly gatewayUrl: string;
  readonly demo: StackDemo;
}

/** Reads `<dataDir>/stack.json` of a stack that runs the gateway; fails naming what is missing. */
export function readStackFile(dataDir: string): RunningStackFile {
  const file = path.join(dataDir, 'stack.json');
  const description = JSON.parse(readFileSync(file, 'utf8')) as StackDescription;
  const gatewayUrl = description.services['gateway']?.url;
  if (gatewayUrl === undefined) throw new Error(`${file} names no gateway`);
  if (description.demo === undefined) throw new Error(`${file} has no demo accounts`);
  return { description, gatewayUrl, demo: description.demo };
}

/** Writes the description where `npm start`'s users expect it; returns its path. */
export function writeStackFile(dataDir: string, description: StackDescription): string {
  const file = path.join(dataDir, 'stack.json');
  writeFileSync(file, `${JSON.stringify(description, null, 2)}\n`, { mode: 0o600 });
  return file;
}

/** Removes the description when the stack stops, so its presence means "running". */
export function removeStackFile(dataDir: string): void {
  rmSync(path.join(dataDir, 'stack.json'), { force: true });
}
