import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readStackFile, writeStackFile } from '../src/stack-file.ts';
import type { StackDescription } from '../src/stack-file.ts';
import { acquireStackLock, liveStackLockOwner } from '../src/stack-lock.ts';

const DEMO = {
  admin: { email: 'admin@pyairtable.local', password: 'a' },
  user: { email: 'demo@pyairtable.local', password: 'b' },
  tenantId: 'ten_1',
  workspaceId: 'wsp_1',
  apiKey: 'pak_1',
};

function description(overrides: Partial<StackDescription> = {}): StackDescription {
  return {
    startedAt: '2026-11-24T00:00:00.000Z',
    pid: process.pid,
    services: { gateway: { url: 'http://127.0.0.1:8000', pid: 1 } },
    postgres: { url: 'postgres://x', embedded: true },
    redis: { inProcess: true },
    logs: '.data/logs',
    demo: DEMO,
    ...overrides,
  };
}

let dataDir = '';
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'stack-files-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('readStackFile', () => {
  it("gives the gateway's URL and the demo accounts of what writeStackFile wrote", () => {
    writeStackFile(dataDir, description());
    const stack = readStackFile(dataDir);
    expect(stack.gatewayUrl).toBe('http://127.0.0.1:8000');
    expect(stack.demo).toEqual(DEMO);
  });

  it('names what is missing: the gateway, or the demo accounts', () => {
    writeStackFile(dataDir, description({ services: {} }));
    expect(() => readStackFile(dataDir)).toThrow('names no gateway');
    const withoutDemo: Record<string, unknown> = { ...description() };
    delete withoutDemo['demo'];
    writeStackFile(dataDir, withoutDemo as unknown as StackDescription);
    expect(() => readStackFile(dataDir)).toThrow('has no demo accounts');
  });
});

describe('liveStackLockOwner', () => {
  it('is the process holding the lock, and nobody once it is released', () => {
    const release = acquireStackLock(dataDir);
    expect(liveStackLockOwner(dataDir)?.pid).toBe(process.pid);
    release();
    expect(liveStackLockOwner(dataDir)).toBeUndefined();
  });

  it('is nobody when the lock was left by a process that is gone', () => {
    // Far above any pid the kernel hands out (pid_max is at most 2^22).
    writeFileSync(
      path.join(dataDir, 'stack.lock'),
      JSON.stringify({ pid: 2 ** 30, startedAt: 'x' }),
    );
    expect(liveStackLockOwner(dataDir)).toBeUndefined();
  });
});
