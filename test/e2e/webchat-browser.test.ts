import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { TENANT_ID, USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';
import { startWebChatServer, type WebChatServer } from '../support/webchat-page';
import { waitUntil } from '../support/settle';

const CHROMIUM = process.env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium';
const SHOTS = path.join(__dirname, '../../docs/webchat');
const PROD = 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0/rg-soc/law-soc-prod';
const found = fs.existsSync(CHROMIUM);
if (!found) process.stderr.write(`Web Chat browser test SKIPPED: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH).\n`);
const describeWithChromium = found ? describe : describe.skip;

/** Types a message into Web Chat's send box and sends it. */
async function type(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox').first();
  await box.fill(text);
  await box.press('Enter');
}

describeWithChromium('Web Chat (the Emulator’s renderer) in Chromium: two people walk the connect flow', () => {
  let t: TestBot;
  let web: WebChatServer;
  let browser: Browser;
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'webchat-chromium-'));

  beforeAll(async () => {
    t = await startTestBot({ VERIFY_POLL_SECONDS: '3600' });
    web = await startWebChatServer(t);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    });
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await t?.stop();
    fs.rmSync(userDir, { recursive: true, force: true });
  });

  test('connect → Submit for approval → Approve → /sandbox/portal/connect → Check now, clicked in Web Chat', async () => {
    const open = async (user: { id: string; name: string }, conversationId: string) => {
      const page = await browser.newPage({ viewport: { width: 760, height: 1000 } });
      await page.goto(web.pageUrl(user, conversationId));
      await page.getByRole('textbox').first().waitFor({ timeout: 60_000 });
      return page;
    };
    const approver = await open(USERS.ravi, 'webchat-ravi|livechat');
    const requester = await open(USERS.dana, 'webchat-dana|livechat');

    // The approver's Web Chat conversation becomes the SOC channel.
    await type(approver, 'notify here');
    await approver.getByText('This conversation is now the SOC channel').last().waitFor();

    // The requester asks to connect: the product changes card, with its buttons drawn by Web Chat.
    await type(requester, 'connect law-soc-prod');
    const submit = requester.getByRole('button', { name: 'Submit for approval' }).last();
    await submit.waitFor({ timeout: 60_000 });
    await expectVisible(requester.getByText('Microsoft Sentinel enabled').last());
    await submit.scrollIntoViewIfNeeded();
    await requester.screenshot({ path: path.join(SHOTS, '01-requester-product-changes.png') });
    await submit.click();
    await waitUntil(async () => (await t.bot.store.listOpenRequests(TENANT_ID)).some((r) => r.state === 'submitted'), 'the request submitted', 30_000);

    // The approval card arrives in the approver's conversation; he comments and approves.
    const approve = approver.getByRole('button', { name: 'Approve' }).last();
    await approve.waitFor({ timeout: 30_000 });
    await expectVisible(approver.getByText('Approval needed: connect request').last());
    await approver
      .getByRole('textbox', { name: /Comment/ })
      .last()
      .fill('Go ahead');
    await approve.scrollIntoViewIfNeeded();
    await approver.screenshot({ path: path.join(SHOTS, '02-approver-approval-card.png') });
    await approve.click();

    // His answer: the portal step card with Check now.
    const checkNow = approver.getByRole('button', { name: 'Check now' }).last();
    await checkNow.waitFor({ timeout: 30_000 });
    await expectVisible(approver.getByText('Connect a workspace').last());
    await checkNow.scrollIntoViewIfNeeded();
    await approver.screenshot({ path: path.join(SHOTS, '03-approver-portal-step.png') });

    // The approver connects in the simulated portal, then clicks Check now.
    expect((await t.request('POST', '/sandbox/portal/connect', { workspace: PROD })).status).toBe(200);
    await checkNow.click();
    await waitUntil(async () => (await t.bot.store.getConnection(TENANT_ID)) !== null, 'the connection recorded', 30_000);
    await approver.getByText('Workspace connected to the Defender portal').last().waitFor({ timeout: 30_000 });
    await approver.screenshot({ path: path.join(SHOTS, '04-approver-connected.png') });

    // The requester was told of the approval in her own chat.
    await requester
      .getByText(/approved/i)
      .last()
      .waitFor({ timeout: 30_000 });
    await requester.screenshot({ path: path.join(SHOTS, '05-requester-told.png') });
    expect(await t.bot.store.getConnection(TENANT_ID)).toMatchObject({ workspace: { name: 'law-soc-prod' }, approvedBy: { id: USERS.ravi.id } });
  }, 180_000);
});

async function expectVisible(locator: { waitFor(o?: { state?: 'visible'; timeout?: number }): Promise<void> }): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: 30_000 });
}
