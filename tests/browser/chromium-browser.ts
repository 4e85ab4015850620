import { Type } from 'typebox';
import { loadConfig } from '@pyairtable/kit';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

/** Which Chromium the browser tests drive: Debian's by default, as `.ci/run` installs it. */
const browserConfigSchema = Type.Object({
  CHROMIUM_PATH: Type.String({ minLength: 1, default: '/usr/bin/chromium' }),
});

/** Launches the system Chromium headless; no sandbox, since tests may run as root. */
export async function launchChromium(): Promise<Browser> {
  const { CHROMIUM_PATH } = loadConfig(browserConfigSchema);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox'],
  });
}
