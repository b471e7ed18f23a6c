import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cardOf } from '../support/fake-connector';
import { cardText, executeActions, walk } from '../support/card-queries';
import { click, say, setSocChannel } from '../support/drive';
import { USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';
import { connectWorkspace, OMAR, requesterTold, socPostMatching, startDisconnect, SUB } from './disconnect-steps';

const FIXTURES = path.resolve(__dirname, '../fixtures');
const WS = `${SUB}/rg-soc/law-soc-prod`;
const WS_ID = `/subscriptions/${SUB}/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/law-soc-prod`;
const SI = `/sandbox/arm${WS_ID}/providers/Microsoft.SecurityInsights`;

/** What connecting affects in impact-tenant.json (every item of the analysis), by display name. */
const AFFECTED_RULES = [
  'Advanced Multistage Attack Detection',
  'Create incidents from Defender for Endpoint alerts',
  'Create incidents from Defender for Office 365 alerts',
  'Impossible travel (alerts only)',
  'New admin account (NRT, alerts only)',
  'Brute force, reopens closed incidents',
  'Mass download (NRT, grouped)',
];
const AFFECTED_AUTOMATION = ['Tag Defender incidents', 'Escalate ransomware by title', 'Route by description', 'Sync Defender updates', 'Enrich new alerts'];
const PLAYBOOKS = ['notify-soc', 'open-ticket', 'enrich-alert'];
/** Rules and automation rules connecting does not change: disabled ones, and conditions that keep their meaning. */
const HARMLESS = [
  'Harmless scheduled rule',
  'Disabled alerts-only rule',
  'Create incidents from Defender for Cloud Apps alerts (disabled)',
  'Assign new incidents to tier 1',
  'Note analyst updates',
  'Old provider rule (disabled)',
];
/** What the portal turns off on Connect, and what the checklist names after a disconnect. */
const TURNED_OFF = [
  'Advanced Multistage Attack Detection',
  'Create incidents from Defender for Endpoint alerts',
  'Create incidents from Defender for Office 365 alerts',
];
const TURNED_OFF_NAMES = ['BuiltInFusion', 'mde-incidents', 'mdo-incidents'];

/** Every Microsoft Learn link of a card (TextBlock markdown links). */
const learnLinks = (card: unknown): string[] => [...JSON.stringify(card).matchAll(/\]\((https:\/\/learn\.microsoft\.com\/[^)]+)\)/g)].map((m) => m[1]!);

describe('what connecting changes and breaks, and how to undo it (impact-tenant.json: every item of the analysis)', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ SANDBOX_TENANT: path.join(FIXTURES, 'impact-tenant.json'), VERIFY_POLL_SECONDS: '3600' });
    await setSocChannel(t);
  });
  afterAll(async () => {
    await t.stop();
  });

  /** A person (not the bot) turns a rule back on in the portal: GET it, PUT it back enabled, as ARM takes it. */
  async function turnBackOn(name: string): Promise<void> {
    const url = `${t.bot.url}${SI}/alertRules/${name}?api-version=2025-10-01-preview`;
    const headers = { authorization: 'Bearer a-soc-engineer', 'content-type': 'application/json' };
    const rule = (await (await fetch(url, { headers })).json()) as { kind: string; etag: string; properties: Record<string, unknown> };
    const put = await fetch(url, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ kind: rule.kind, etag: rule.etag, properties: { ...rule.properties, enabled: true } }),
    });
    expect(put.status).toBe(200);
  }

  test('the product-changes card and `check` name each affected rule and automation rule (with playbooks), not the harmless ones; CMK shown', async () => {
    for (const command of ['connect law-soc-prod', 'check law-soc-prod']) {
      const card = cardOf(await say(t, USERS.dana, command))!;
      const text = cardText(card);
      for (const name of [...AFFECTED_RULES, ...AFFECTED_AUTOMATION, ...PLAYBOOKS])
        expect({ command, name, found: text.includes(name) }).toEqual({ command, name, found: true });
      for (const name of HARMLESS) expect({ command, name, found: text.includes(name) }).toEqual({ command, name, found: false });
      expect(text).toMatch(/Customer-managed keys/);
      expect(text).toMatch(/alerts and incidents are no longer CMK-encrypted/);
      expect(text).toMatch(/Fusion rule/);
      expect(text).toMatch(/Turned off when the workspace is connected/);
      expect(text).toMatch(/not visible in the Defender portal/);
      expect(text).toMatch(/closed incidents are not reopened/);
      expect(text).toMatch(/Incident provider condition removed: runs on Defender XDR incidents too/);
      expect(text).toMatch(/Description condition will not work/);
      expect(text).toMatch(/Updated by Microsoft 365 Defender becomes Other/);
      expect(text).toMatch(/alert trigger: acts on Microsoft Sentinel alerts only/);
      // Each item links the Microsoft Learn section that says so.
      expect(learnLinks(card)).toEqual(
        expect.arrayContaining([
          'https://learn.microsoft.com/azure/sentinel/move-to-defender#configure-automation-rules-and-playbooks',
          'https://learn.microsoft.com/azure/sentinel/move-to-defender#configure-analytics-rules',
          'https://learn.microsoft.com/azure/sentinel/move-to-defender#onboarding-to-the-defender-portal-with-customer-managed-keys-cmk',
          'https://learn.microsoft.com/azure/sentinel/move-to-defender#understand-how-alerts-are-correlated-and-incidents-are-merged-in-the-defender-portal',
        ]),
      );
      // Most consequential first: automation that changes meaning before the Fusion rule, before grouping.
      expect(text.indexOf('Tag Defender incidents')).toBeLessThan(text.indexOf('Advanced Multistage Attack Detection'));
      expect(text.indexOf('Advanced Multistage Attack Detection')).toBeLessThan(text.indexOf('Brute force, reopens closed incidents'));
    }
  });

  test('approval stores a snapshot; the portal turns Fusion off on Connect and the connected post says what it turned off', async () => {
    const requestId = await connectWorkspace(t, 'law-soc-prod');
    const request = (await t.bot.store.getRequest(requestId)) as Record<string, any>;
    expect(request.approvalSnapshot.rulesEnabled.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(TURNED_OFF_NAMES));
    expect(request.approvalSnapshot.automationRulesAffected.map((r: { displayName: string }) => r.displayName).sort()).toEqual([...AFFECTED_AUTOMATION].sort());
    expect(request.approvalSnapshot.connectors.some((c: { kind: string }) => c.kind === 'MicrosoftThreatProtection')).toBe(true);

    const state = (await t.request('GET', '/sandbox/state')).body;
    const rules = state.subscriptions[0].workspaces[0].alertRules as Array<{ name: string; enabled: boolean }>;
    expect(rules.filter((r) => TURNED_OFF_NAMES.includes(r.name)).map((r) => r.enabled)).toEqual([false, false, false]);

    const post = await socPostMatching(t, /^Connected law-soc-prod/, 'connected post');
    const text = cardText(cardOf(post));
    expect(text).toMatch(/On before connecting, off now/);
    for (const name of TURNED_OFF) expect(text).toContain(name);
    expect(text).toMatch(/Advanced Multistage Attack Detection\s+—\s+Fusion rule/);
    expect(text).not.toContain('Impossible travel (alerts only)');
  });

  test('the disconnect card and its confirmation list the rules to turn back on and warn that the Defender XDR connector goes off', async () => {
    const { card, requestId } = await startDisconnect(t, USERS.dana);
    const confirm = await click(t, USERS.dana, 'disconnect.submit', { requestId, version: 1, reason: 'Moving the SOC to the new EU workspace.' }, 'personal');
    expect(confirm.statusCode).toBe(200);
    for (const shown of [card, confirm.value]) {
      const text = cardText(shown);
      expect(text).toMatch(/Disconnecting also turns off the Defender XDR connector of this workspace/);
      expect(text).toMatch(/Connecting turned these off/);
      for (const name of TURNED_OFF) expect(text).toContain(name);
      expect(text).not.toContain('Create incidents from Defender for Cloud Apps alerts (disabled)');
      expect(learnLinks(shown)).toEqual(
        expect.arrayContaining([
          'https://learn.microsoft.com/azure/sentinel/configure-fusion-rules',
          'https://learn.microsoft.com/azure/sentinel/create-incidents-from-alerts',
          'https://learn.microsoft.com/azure/sentinel/microsoft-sentinel-onboard#offboard-microsoft-sentinel',
        ]),
      );
    }
    expect(executeActions(confirm.value).find((a) => a.verb === 'request.submit')!.data).toEqual({ requestId, version: 2 });

    // Submit, approve, the portal disconnects: the verified-disconnect post carries the checklist.
    expect((await click(t, USERS.dana, 'request.submit', { requestId, version: 2 }, 'personal')).statusCode).toBe(200);
    expect((await click(t, OMAR, 'request.approve', { requestId, version: 3 }, 'channel')).statusCode).toBe(200);
    expect((await t.request('POST', '/sandbox/portal/disconnect', { workspace: WS, reason: 'Moving' })).status).toBe(200);
    expect((await click(t, OMAR, 'connection.verify', { requestId, version: 4 }, 'channel')).statusCode).toBe(200);
    const post = await socPostMatching(t, /^Disconnected law-soc-prod/, 'disconnected post');
    const text = cardText(cardOf(post));
    expect(text).toMatch(/The disconnect turned off the Defender XDR connector/);
    for (const name of TURNED_OFF) expect(text).toContain(name);
    await requesterTold(t, USERS.dana, /^Disconnected law-soc-prod/);
  });

  test('`status` shows the checklist, read live, until every rule is on again in the sandbox', async () => {
    const status = async () => cardText(cardOf(await say(t, USERS.dana, 'status')));
    let text = await status();
    expect(text).toMatch(/After the disconnect of law-soc-prod .*: turn back on by hand/);
    expect(text).toMatch(/Reconnect the Defender XDR connector/);
    for (const name of TURNED_OFF) expect(text).toContain(name);

    await turnBackOn('BuiltInFusion');
    text = await status();
    expect(text).not.toContain('Advanced Multistage Attack Detection');
    expect(text).toContain('Create incidents from Defender for Endpoint alerts');
    expect(text).toContain('Create incidents from Defender for Office 365 alerts');

    await turnBackOn('mde-incidents');
    await turnBackOn('mdo-incidents');
    text = await status();
    expect(text).not.toMatch(/turn back on by hand/);
    for (const name of TURNED_OFF) expect(text).not.toContain(name);
  });
});

/** impact-tenant.json with 300 analytics rules and 120 automation rules in law-soc-prod, every one affected, with long names. */
function bigTenantFile(): string {
  const tenant = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'impact-tenant.json'), 'utf8'));
  const ws = tenant.subscriptions[0].workspaces[0];
  const long = (what: string, i: number) => `${what} ${String(i).padStart(3, '0')} — ${'a long descriptive rule name '.repeat(4)}`.slice(0, 120);
  const playbook = (i: number) => `/subscriptions/${SUB}/resourceGroups/rg-soc/providers/Microsoft.Logic/workflows/playbook-with-a-long-name-${i}`;
  ws.alertRules = [
    { name: 'BuiltInFusion', kind: 'Fusion', displayName: 'Advanced Multistage Attack Detection', enabled: true },
    ...Array.from({ length: 299 }, (_, i) => {
      const name = `rule-${i}`;
      switch (i % 4) {
        case 0:
          return {
            name,
            kind: 'MicrosoftSecurityIncidentCreation',
            displayName: long('Incident creation', i),
            productFilter: 'Microsoft Cloud App Security',
            enabled: true,
          };
        case 1:
          return { name, kind: 'Scheduled', displayName: long('Alerts only', i), enabled: true, createIncident: false };
        case 2:
          return {
            name,
            kind: 'Scheduled',
            displayName: long('Reopens', i),
            enabled: true,
            createIncident: true,
            groupingEnabled: true,
            reopenClosedIncident: true,
          };
        default:
          return { name, kind: 'NRT', displayName: long('NRT grouped', i), enabled: true, createIncident: true, groupingEnabled: true };
      }
    }),
  ];
  ws.automationRules = Array.from({ length: 120 }, (_, i) => ({
    name: `ar-${i}`,
    displayName: long('Automation', i),
    triggersOn: 'Incidents',
    triggersWhen: 'Created',
    conditions: [
      { property: 'IncidentProviderName', operator: 'Equals', values: ['Microsoft 365 Defender'] },
      { property: 'IncidentTitle', operator: 'Contains', values: ['x'] },
      { property: 'IncidentDescription', operator: 'Contains', values: ['y'] },
    ],
    actions: [1, 2, 3].map((n) => ({ type: 'RunPlaybook', logicAppResourceId: playbook(i * 3 + n) })),
  }));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'impact-big-')), 'tenant.json');
  fs.writeFileSync(file, JSON.stringify(tenant));
  return file;
}

describe('a 300-rule workspace: every card of connect, check, disconnect and status stays within 28 KB, long lists folded', () => {
  const LIMIT = 28 * 1024;
  let t: TestBot;
  let file: string;
  beforeAll(async () => {
    file = bigTenantFile();
    t = await startTestBot({ SANDBOX_TENANT: file, VERIFY_POLL_SECONDS: '3600', SANDBOX_THROTTLE: 'off' });
    await setSocChannel(t);
  });
  afterAll(async () => {
    await t.stop();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  const bytes = (card: unknown): number => Buffer.byteLength(JSON.stringify(card), 'utf8');

  test('each card is at most 28 KB; the impact lists fold behind Show or hide, and say how many are not listed', async () => {
    const answers: unknown[] = [];
    const check = cardOf(await say(t, USERS.dana, 'check law-soc-prod'))!;
    const checkText = cardText(check);
    expect(checkText).toContain('Automation 000');
    expect(checkText).toMatch(/more not listed here/);
    expect(walk(check).some((n) => n.type === 'Action.ToggleVisibility')).toBe(true);

    const requestId = await connectWorkspace(t, 'law-soc-prod');
    const changes = (await t.bot.store.getRequest(requestId)) as Record<string, any>;
    expect(changes.approvalSnapshot.rulesEnabled).toHaveLength(300);

    const { card, requestId: disconnectId } = await startDisconnect(t, USERS.dana);
    expect(cardText(card)).toMatch(/…and \d+ more \(see Microsoft Sentinel > Analytics\)/);
    const confirm = await click(t, USERS.dana, 'disconnect.submit', { requestId: disconnectId, version: 1, reason: 'Too many rules' }, 'personal');
    answers.push(confirm.value);
    answers.push((await click(t, USERS.dana, 'request.submit', { requestId: disconnectId, version: 2 }, 'personal')).value);
    answers.push((await click(t, OMAR, 'request.approve', { requestId: disconnectId, version: 3 }, 'channel')).value);
    expect((await t.request('POST', '/sandbox/portal/disconnect', { workspace: WS, reason: 'Too many rules' })).status).toBe(200);
    answers.push((await click(t, OMAR, 'connection.verify', { requestId: disconnectId, version: 4 }, 'channel')).value);
    await socPostMatching(t, /^Disconnected law-soc-prod/, 'disconnected post');
    await requesterTold(t, USERS.dana, /^Disconnected law-soc-prod/);
    const status = cardOf(await say(t, USERS.dana, 'status'))!;
    expect(cardText(status)).toMatch(/turn back on by hand/);

    // Every card the bot sent (posts, replies, updates) and every card an invoke answered with.
    const cards = [...t.connector.calls.map((c) => cardOf(c)).filter((c) => c !== null), ...answers];
    expect(cards.length).toBeGreaterThan(15);
    const templatesSeen = new Set(cards.map((c) => cardText(c).split('\n')[0]));
    expect(templatesSeen.size).toBeGreaterThan(5);
    const over = cards.map((c) => ({ title: cardText(c).split('\n')[0], bytes: bytes(c) })).filter((c) => c.bytes > LIMIT);
    expect(over).toEqual([]);
    // The big ones were cut to fit, not sent whole: the product-changes card is among the largest and still within the limit.
    const productChanges = t.connector.calls
      .map((c) => cardOf(c))
      .find((c) => c && executeActions(c).some((a) => a.verb === 'request.submit' && a.data.requestId === requestId));
    expect(productChanges).toBeTruthy();
    expect(bytes(productChanges)).toBeLessThanOrEqual(LIMIT);
    expect(cardText(productChanges)).toMatch(/more not listed here/);
  });
});
