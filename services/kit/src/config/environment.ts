/**
 * The environment a child process should start with: this process's environment plus
 * overrides. Launchers (npm start, tests that spawn services) use it so that only the kit
 * touches `process.env`.
 */
export function childEnvironment(
  overrides: Readonly<Record<string, string | undefined>> = {},
): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...process.env, ...overrides })) {
    if (value !== undefined) merged[name] = value;
  }
  return merged;
}
