import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { TENANT_ID } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';
import { waitUntil } from '../support/settle';

const ROOT = path.join(__dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium';
const PLAYGROUND = path.join(ROOT, 'node_modules/.bin/agentsplayground');
const SHOTS = path.join(ROOT, 'docs/playground');
const PROD = 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0/rg-soc/law-soc-prod';
const found = fs.existsSync(CHROMIUM);
if (!found) process.stderr.write(`Agents Playground browser test SKIPPED: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH).\n`);
const describeWithChromium = found ? describe : describe.skip;

interface Playground {
  url: string;
  child: ChildProcess;
}

/**
 * Starts one Agents Playground against the bot as the README says (`npm run playground` /
 * `npm run playground:approver`), on a port of its own, and waits for its "Listening on" line.
 */
async function startPlayground(botUrl: string, config: string | null, port: number): Promise<Playground> {
  const child = spawn(PLAYGROUND, ['-e', `${botUrl}/api/messages`, '-c', 'msteams', '--disable-telemetry', '-p', String(port)], {
    cwd: ROOT,
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', ...(config ? { M365_AGENTS_PLAYGROUND_CONFIG_PATH: config } : {}) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listening = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the Playground did not start: ${out.slice(-500)}`)), 60_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Listening on (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`the Playground exited (${code}): ${out.slice(-500)}`)));
  });
  return { url: `http://localhost:${await listening}`, child };
}

function stopPlayground(p: Playground | undefined): void {
  if (p?.child.pid && p.child.exitCode === null) {
    try {
      process.kill(-p.child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

/** The Playground's send box (a rich-text editor) in a personal chat. */
async function send(page: Page, text: string): Promise<void> {
  await page.locator('[contenteditable=true]').first().click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

describeWithChromium('Microsoft 365 Agents Playground in Chromium: two people walk connect and disconnect as the README says', () => {
  let t: TestBot;
  let dana: Playground;
  let ravi: Playground;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestBot({ VERIFY_POLL_SECONDS: '3600' });
    // Dana from .m365agentsplayground.yml, Ravi from the approver's configuration.
    [dana, ravi] = await Promise.all([
      startPlayground(t.bot.url, null, 56250 + (process.pid % 200)),
      startPlayground(t.bot.url, 'playground/approver.m365agentsplayground.yml', 56460 + (process.pid % 200)),
    ]);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking'],
    });
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    stopPlayground(dana);
    stopPlayground(ravi);
    await t?.stop();
  });

  const state = async () => (await t.bot.store.listOpenRequests(TENANT_ID))[0]?.state ?? 'none';
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, name) });

  test('notify here (Ravi) → connect, Submit (Dana) → Approve, portal, Check now (Ravi) → disconnect with a reason → approved and checked', async () => {
    const open = async (p: Playground) => {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      await page.goto(p.url);
      await page.locator('[contenteditable=true]').first().waitFor({ timeout: 60_000 });
      return page;
    };
    const [r, d] = await Promise.all([open(ravi), open(dana)]);
    await expectVisible(r.getByText('Ravi Menon (Security admin)').first());
    await expectVisible(d.getByText('Dana Okafor (SOC lead)').first());

    // Ravi: team SOC, channel SOC approvals (behind the menu), a new post mentioning the bot: notify here.
    await r.locator('button').first().click();
    await r.getByText('SOC approvals').first().click();
    await r.getByText('Start a new post').first().waitFor();
    await r.locator('[contenteditable=true]').first().click();
    await r.keyboard.type('@Sent');
    await r.getByRole('listbox').getByText('Sentinel onboarding', { exact: true }).click();
    await r.keyboard.type(' notify here');
    await r.getByRole('button', { name: 'Post' }).click();
    await expectVisible(r.getByText(/This channel is now the SOC channel/).first());
    await shot(r, '01-ravi-notify-here.png');

    // Dana, in her personal chat: connect; the product changes card; Submit for approval.
    await send(d, 'connect law-soc-prod');
    const submit = d.getByRole('button', { name: 'Submit for approval' }).last();
    await submit.waitFor({ timeout: 60_000 });
    await submit.scrollIntoViewIfNeeded();
    await shot(d, '02-dana-product-changes.png');
    await submit.click();
    await waitUntil(async () => (await state()) === 'submitted', 'the request submitted', 30_000);

    // Ravi: the approval card in SOC approvals, naming him; Approve turns it into the portal step.
    await expectVisible(r.getByText('Approval needed: connect request').last());
    await expectVisible(r.getByText(/may decide/).last());
    const approve = r.getByRole('button', { name: 'Approve' }).last();
    await approve.scrollIntoViewIfNeeded();
    await shot(r, '03-ravi-approval-card.png');
    await approve.click();
    const checkNow = r.getByRole('button', { name: 'Check now' }).last();
    await checkNow.waitFor({ timeout: 30_000 });
    expect(await state()).toBe('approved');
    await checkNow.scrollIntoViewIfNeeded();
    await shot(r, '04-ravi-portal-step.png');

    // The Defender portal's Connect (README terminal 4), then Check now: connected, announced, Dana told.
    expect((await t.request('POST', '/sandbox/portal/connect', { workspace: PROD })).status).toBe(200);
    await checkNow.click();
    await waitUntil(async () => (await t.bot.store.getConnection(TENANT_ID)) !== null, 'the connection recorded', 30_000);
    await expectVisible(d.getByText('Workspace connected to the Defender portal').last());
    await shot(d, '05-dana-told-connected.png');

    // Dana: disconnect, a reason, Continue, then Send for approval on the confirmation.
    await send(d, 'disconnect');
    const reason = d.getByPlaceholder('Why this workspace is being disconnected').last();
    await reason.waitFor({ timeout: 30_000 });
    await reason.fill('Moving to the new SOC workspace');
    await shot(d, '06-dana-disconnect-reason.png');
    await d.getByRole('button', { name: 'Continue' }).last().click();
    const submitDisconnect = d.getByRole('button', { name: 'Send for approval' }).last();
    await waitUntil(async () => (await t.bot.store.listOpenRequests(TENANT_ID))[0]?.version === 2, 'the reason saved', 30_000);
    await submitDisconnect.scrollIntoViewIfNeeded();
    await submitDisconnect.click();
    await waitUntil(async () => (await state()) === 'submitted', 'the disconnect submitted', 30_000);
    expect((await t.bot.store.listOpenRequests(TENANT_ID))[0]).toMatchObject({ kind: 'disconnect', reason: 'Moving to the new SOC workspace' });

    // Ravi approves it in the channel, the portal disconnects, Check now: disconnected.
    await expectVisible(r.getByText('Approval needed: disconnect request').last());
    await r.getByRole('button', { name: 'Approve' }).last().click();
    const checkDisconnect = r.getByRole('button', { name: 'Check now' }).last();
    await waitUntil(async () => (await state()) === 'approved', 'the disconnect approved', 30_000);
    expect((await t.request('POST', '/sandbox/portal/disconnect', { workspace: PROD, reason: 'test' })).status).toBe(200);
    await checkDisconnect.click();
    await waitUntil(async () => (await t.bot.store.getConnection(TENANT_ID)) === null, 'the connection cleared', 30_000);
    await expectVisible(r.getByText(/Moving to the new SOC workspace/).last());
    await shot(r, '07-ravi-disconnected.png');
  }, 240_000);
});

async function expectVisible(locator: { waitFor(o?: { state?: 'visible'; timeout?: number }): Promise<void> }): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: 30_000 });
}
