import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { childEnvironment } from '../../src/config/environment.ts';
import { ConfigError, loadConfig } from '../../src/config/load-config.ts';
import { defineServiceConfig } from '../../src/config/service-config.ts';

const schema = defineServiceConfig(8000, {
  DATABASE_URL: Type.String({ minLength: 1 }),
  REDIS_URL: Type.Optional(Type.String({ minLength: 1 })),
  CACHE_TTL_MS: Type.Integer({ minimum: 0, default: 5_000 }),
  FEATURE_ENABLED: Type.Boolean({ default: false }),
});

function problemsOf(action: () => unknown): readonly { variable: string; message: string }[] {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('converts strings to declared types and applies defaults', () => {
    const config = loadConfig(schema, {
      DATABASE_URL: 'postgres://localhost/app',
      PORT: '9000',
      FEATURE_ENABLED: 'true',
    });
    expect(config.PORT).toBe(9000);
    expect(config.FEATURE_ENABLED).toBe(true);
    expect(config.CACHE_TTL_MS).toBe(5_000);
    expect(config.HOST).toBe('0.0.0.0');
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('names a missing variable', () => {
    const problems = problemsOf(() => loadConfig(schema, {}));
    expect(problems).toEqual([{ variable: 'DATABASE_URL', message: 'is required but not set' }]);
  });

  it('names every bad variable at once, showing what was given', () => {
    const problems = problemsOf(() =>
      loadConfig(schema, { DATABASE_URL: 'x', PORT: 'eighty', LOG_LEVEL: 'loud' }),
    );
    expect(problems.map((problem) => problem.variable).sort()).toEqual(['LOG_LEVEL', 'PORT']);
    expect(problems.find((problem) => problem.variable === 'PORT')?.message).toContain('"eighty"');
  });

  it('rejects an out-of-range port with its name in the message', () => {
    expect(() => loadConfig(schema, { DATABASE_URL: 'x', PORT: '70000' })).toThrow(/PORT/);
  });

  it('treats empty strings as unset', () => {
    const problems = problemsOf(() => loadConfig(schema, { DATABASE_URL: '' }));
    expect(problems[0]?.variable).toBe('DATABASE_URL');
    expect(loadConfig(schema, { DATABASE_URL: 'x', REDIS_URL: '' }).REDIS_URL).toBeUndefined();
  });

  it('returns a frozen object holding only declared variables', () => {
    const config = loadConfig(schema, { DATABASE_URL: 'x', UNRELATED: 'y' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(config).not.toHaveProperty('UNRELATED');
  });

  it('reads process.env by default', () => {
    process.env['KIT_TEST_VARIABLE'] = 'from-process';
    try {
      const config = loadConfig(Type.Object({ KIT_TEST_VARIABLE: Type.String() }));
      expect(config.KIT_TEST_VARIABLE).toBe('from-process');
    } finally {
      delete process.env['KIT_TEST_VARIABLE'];
    }
  });

  it('does not show long values, which are often secrets', () => {
    const secret = 'postgres://user:very-long-secret-password@db/app';
    const problems = problemsOf(() =>
      loadConfig(Type.Object({ PORT: Type.Integer() }), { PORT: secret }),
    );
    expect(problems[0]?.message).not.toContain('very-long-secret-password');
  });
});

describe('childEnvironment', () => {
  it('adds overrides and removes variables overridden with undefined', () => {
    process.env['KIT_CHILD_REMOVED'] = 'present';
    try {
      const environment = childEnvironment({
        KIT_CHILD_ADDED: 'yes',
        KIT_CHILD_REMOVED: undefined,
      });
      expect(environment['KIT_CHILD_ADDED']).toBe('yes');
      expect(environment).not.toHaveProperty('KIT_CHILD_REMOVED');
    } finally {
      delete process.env['KIT_CHILD_REMOVED'];
    }
  });
});

describe('loadConfigOrExit', () => {
  it('prints the problems and exits 78 when a service boots with bad configuration', async () => {
    const { spawnSync } = await import('node:child_process');
    const script = [
      "import { Type } from 'typebox';",
      "import { loadConfigOrExit } from './services/kit/src/config/load-config.ts';",
      "loadConfigOrExit(Type.Object({ DATABASE_URL: Type.String() }), 'demo');",
    ].join('\n');
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: new URL('../../../../', import.meta.url),
      env: childEnvironment({ DATABASE_URL: undefined }),
      encoding: 'utf8',
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('demo: Invalid configuration:');
    expect(result.stderr).toContain('DATABASE_URL: is required but not set');
    expect(result.stderr).not.toContain('    at ');
  });
});
