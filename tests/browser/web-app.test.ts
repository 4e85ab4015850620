import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { setDailyTokenQuota } from './admin-quota.ts';
import { launchChromium } from './chromium-browser.ts';
import { startStack } from './running-stack.ts';
import type { RunningStack } from './running-stack.ts';

const screenshots = path.resolve(import.meta.dirname, '../../docs/screenshots');
const OFFLINE_BADGE = 'Offline planner: no language model is configured';
// Long enough for a cold answer (gateway, chat, mcp and the emulator), short enough to fail fast.
const UI_TIMEOUT_MS = 15_000;

// One platform and one browser for the file: the scenarios follow one another as a user would.
describe('the web app in Chromium against npm start', { timeout: 180_000 }, () => {
  let stack: RunningStack;
  let browser: Browser;
  let demoContext: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchChromium();
    demoContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    demoContext.setDefaultTimeout(UI_TIMEOUT_MS);
    page = await demoContext.newPage();
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await browser.close().catch(() => undefined);
    await stack.stop();
  });

  const conversation = () => page.getByRole('region', { name: 'Conversation' });
  const answers = () =>
    conversation()
      .getByRole('listitem')
      .filter({ has: page.getByText(OFFLINE_BADGE) });

  /** Sends a question and waits until it is answered, or refused with `refusal` shown. */
  async function ask(question: string, refusal?: Locator): Promise<'answered' | 'refused'> {
    const before = await answers().count();
    await page.getByLabel('Your question').fill(question);
    await page.getByRole('button', { name: 'Send' }).click();
    const outcome = async () => {
      // Stop replaces Send while the answer streams.
      const streaming = (await page.getByRole('button', { name: 'Stop' }).count()) > 0;
      if (!streaming && (await answers().count()) > before) return 'answered';
      if (refusal !== undefined && (await refusal.count()) > 0) return 'refused';
      return 'pending';
    };
    await expect.poll(outcome, { timeout: UI_TIMEOUT_MS }).not.toBe('pending');
    return (await outcome()) === 'answered' ? 'answered' : 'refused';
  }

  async function signIn(target: Page, login: string, password: string): Promise<void> {
    await target.getByLabel('Email or username').fill(login);
    await target.getByLabel('Password').fill(password);
    await target.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  it('signs up a new user, who lands without a workspace, and signs them in again', async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(UI_TIMEOUT_MS);
    try {
      const newcomer = await context.newPage();
      await newcomer.goto(stack.gatewayUrl);
      await newcomer.getByRole('button', { name: 'Create an account' }).click();
      const email = `newcomer-${String(Date.now())}@example.com`;
      await newcomer.getByLabel('Email', { exact: true }).fill(email);
      await newcomer.getByLabel('Display name (optional)').fill('New Comer');
      await newcomer.getByLabel('Password').fill('a long enough password');
      await newcomer.getByRole('button', { name: 'Create account' }).click();

      await newcomer.getByRole('heading', { name: 'Choose a workspace' }).waitFor();
      expect(await newcomer.getByText('You are not a member of any workspace yet').count()).toBe(1);
      await newcomer.getByRole('button', { name: 'Sign out' }).click();

      await signIn(newcomer, email, 'a long enough password');
      await newcomer.getByRole('heading', { name: 'Choose a workspace' }).waitFor();
      expect(await newcomer.getByText('New Comer').count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('signs the demo user in, picks the demo workspace and answers from the demo base offline', async () => {
    await page.goto(stack.gatewayUrl);
    await signIn(page, stack.demo.user.email, stack.demo.user.password);
    // Back to the workspace list (one workspace opens its chat directly) to pick it by hand.
    await page.getByRole('navigation', { name: 'Workspace' }).waitFor();
    await page.getByRole('link', { name: 'PyAirtable' }).click();
    await page.getByRole('heading', { name: 'Choose a workspace' }).waitFor();
    await page.getByRole('button', { name: /Demo workspace/ }).click();
    expect(new URL(page.url()).pathname).toBe(`/w/${stack.demo.workspaceId}/chat`);

    await ask('how many deals are won');
    const answer = answers().last();
    expect(await answer.textContent()).toMatch(/There are 59 records in Deals/);
    expect(await answer.getByText(OFFLINE_BADGE).isVisible()).toBe(true);
  });

  it('shows records as a table and opens a tool call onto its arguments', async () => {
    await ask('show 5 deals');
    const answer = answers().last();
    // The offline planner writes records as a Markdown table (offline-answer.ts).
    const table = answer.locator('table');
    expect(await table.count()).toBe(1);
    expect(await table.locator('thead th').first().textContent()).toBe('Name');
    expect(await table.locator('tbody tr').count()).toBe(5);
    expect(await answer.getByText('5 records from Deals:').count()).toBe(1);

    const card = answer.getByRole('group').filter({ hasText: 'list_records' });
    const args = card.getByText('"pageSize": 5');
    expect(await args.isVisible()).toBe(false);
    await card.getByText('list_records', { exact: true }).click();
    expect(await args.isVisible()).toBe(true);
    expect(await card.getByText('"table": "Deals"').isVisible()).toBe(true);

    await page.screenshot({ path: path.join(screenshots, 'chat.png') });
  });

  it('finds the session and its messages again after a reload', async () => {
    await page.getByRole('button', { name: 'New conversation' }).click();
    await page.getByText('Ask a question about this workspace’s bases to start.').waitFor();
    await page.reload();

    const sessions = page.getByRole('navigation', { name: 'Conversations' });
    await sessions.getByRole('button', { name: 'how many deals are won', exact: true }).click();
    await expect.poll(() => answers().count(), { timeout: UI_TIMEOUT_MS }).toBe(2);
    expect(await isShown(conversation().getByText('There are 59 records in Deals'))).toBe(true);
    expect(await isShown(conversation().getByText('5 records from Deals:'))).toBe(true);
  });

  it('creates an API key whose secret is shown once and works, then revokes it', async () => {
    await page
      .getByRole('navigation', { name: 'Workspace' })
      .getByRole('link', {
        name: 'Dashboard',
      })
      .click();
    const keys = page.getByRole('region', { name: 'API keys' });
    await keys.getByRole('table').getByRole('row').nth(1).waitFor();
    await page.screenshot({ path: path.join(screenshots, 'dashboard.png'), fullPage: true });

    await keys.getByLabel('Name', { exact: true }).fill('browser test key');
    await keys.getByLabel('Role').selectOption('viewer');
    await keys.getByRole('button', { name: 'Create key' }).click();
    const shown = keys.getByRole('status').filter({ hasText: 'shown only now' });
    const secret = (await shown.locator('code').textContent()) ?? '';
    expect(secret.length).toBeGreaterThan(20);
    expect(await airtableBasesStatus(secret)).toBe(200);

    page.once('dialog', (dialog) => void dialog.accept());
    await keys.getByRole('button', { name: 'Revoke browser test key' }).click();
    const row = keys.getByRole('row').filter({ hasText: 'browser test key' });
    await expect.poll(() => row.textContent(), { timeout: UI_TIMEOUT_MS }).toMatch(/revoked/);
    expect(await keys.getByRole('button', { name: 'Revoke browser test key' }).count()).toBe(0);
    // Without Redis, each service forgets the key when its access cache expires (≤ 30 s).
    await expect
      .poll(() => airtableBasesStatus(secret), { timeout: 45_000, interval: 1_000 })
      .toBe(401);
  });

  it('tells the user when the daily quota is used up', async () => {
    await page
      .getByRole('navigation', { name: 'Workspace' })
      .getByRole('link', {
        name: 'Chat',
      })
      .click();
    const previous = await setDailyTokenQuota(stack.gatewayUrl, stack.demo, 1);
    try {
      const notice = conversation().getByRole('alert').filter({ hasText: 'Daily quota used up' });
      // Without Redis, chat sees the admin's change when its access cache expires (≤ 30 s).
      await expect
        .poll(async () => ask('how many deals are won', notice), {
          timeout: 60_000,
          interval: 1_000,
        })
        .toBe('refused');
      expect(await notice.textContent()).toMatch(/It resets at/);
    } finally {
      await setDailyTokenQuota(stack.gatewayUrl, stack.demo, previous);
    }
  });

  async function airtableBasesStatus(apiKey: string): Promise<number> {
    const response = await fetch(`${stack.gatewayUrl}/api/airtable/bases`, {
      headers: { 'x-api-key': apiKey },
    });
    return response.status;
  }
});

async function isShown(locator: Locator): Promise<boolean> {
  await locator.first().waitFor();
  return locator.first().isVisible();
}
