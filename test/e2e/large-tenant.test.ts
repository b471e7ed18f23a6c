import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SANDBOX_TOKEN } from '../../src/azure';
import { generateTenant } from '../../src/sandbox/generate-tenant';
import { CARD_MAX_BYTES, cardBytes } from '../../src/cards';
import { cardText, checkRow, executeActions, walk } from '../support/card-queries';
import { say, setSocChannel } from '../support/drive';
import { cardOf } from '../support/fake-connector';
import { personalConversationId, personalMessage, searchInvoke, TENANT_ID, USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

type Call = { service: string; method: string; path: string; status: number };

/** 1,000 workspaces in 100 subscriptions; the portal connected law-097-01 before the bot came. ARM throttling and the Resource Graph quota are on. */
describe('a tenant of 100 subscriptions and 1,000 workspaces (calls counted through /sandbox/calls)', () => {
  let dir: string;
  let file: string;
  let t: TestBot;
  const fixture = generateTenant({ subscriptions: 100, workspaces: 1000 }) as { subscriptions: { id: string }[] };
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'large-tenant-'));
    file = path.join(dir, 'tenant.json');
    fs.writeFileSync(file, JSON.stringify(fixture));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  // A bot of its own for each test: nothing read or kept by another test.
  beforeEach(async () => {
    t = await startTestBot({ SANDBOX_TENANT: file, ALLOWED_TENANT_IDS: TENANT_ID, SANDBOX_THROTTLE: 'on' });
  });
  afterEach(() => t.stop());

  const calls = async (): Promise<Call[]> => (await t.request('GET', '/sandbox/calls')).body.calls;
  const clear = () => t.request('DELETE', '/sandbox/calls');
  const subscription = (n: number) => fixture.subscriptions[n - 1]!.id;
  const bearer = { Authorization: `Bearer ${SANDBOX_TOKEN}` };
  const rawRequest = (method: string, pathname: string, body?: unknown) =>
    fetch(`${t.bot.url}${pathname}`, {
      method,
      headers: { 'content-type': 'application/json', ...bearer },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('check <workspace>: the narrowing finds the workspace connected in subscription 97, reading Sentinel there and in the checked one only', async () => {
    await clear();
    const card = cardOf(await say(t, USERS.dana, 'check law-012-03'));
    const other = checkRow(card, 'No other workspace connected')!;
    expect(other.result).toBe('Failed');
    expect(other.text).toContain('law-097-01');
    const made = await calls();
    expect(made.length).toBeLessThanOrEqual(40);
    const sentinelSubscriptions = new Set(made.filter((c) => /\/providers\/Microsoft\.SecurityInsights\//i.test(c.path)).map((c) => c.path.split('/')[2]));
    expect(sentinelSubscriptions).toEqual(new Set([subscription(12), subscription(97)]));
    expect(made.filter((c) => c.service === 'resourceGraph').length).toBeLessThanOrEqual(2);
    // Answers only: 404 and the not-onboarded 400 are how Azure says a workspace has no Sentinel; nothing throttled, nothing failed.
    expect(made.filter((c) => c.status >= 429).map((c) => `${c.status} ${c.path}`)).toEqual([]);
  });

  // Resource Graph's quota (a 429 waited out until x-ms-user-quota-resets-after) is ridden out in test/azure/resource-graph.test.ts.
  it("ARM's read throttling is ridden out: 429s, then answers, and no Unknown", async () => {
    // Another tool of the same principal has used up subscription 97's read bucket.
    const read = `/sandbox/arm/subscriptions/${subscription(97)}/resourceGroups/rg-097-soc/providers/Microsoft.OperationalInsights/workspaces/law-097-01`;
    const drained = await Promise.all(Array.from({ length: 300 }, async () => (await rawRequest('GET', `${read}?api-version=2020-08-01`)).status));
    expect(drained).toContain(429);
    await clear();
    const card = cardOf(await say(t, USERS.dana, 'check law-097-02'));
    const made = await calls();
    expect(made.some((c) => c.service === 'arm' && c.status === 429)).toBe(true);
    expect(JSON.stringify(card)).not.toMatch(/\bUnknown\b/);
    expect(checkRow(card, 'No other workspace connected')!.text).toContain('law-097-01');
  });

  it('the connected-workspace scan is kept between checks and dropped when the bot changes a state', async () => {
    const scanCalls = (made: Call[]) => made.filter((c) => c.path.includes(`/subscriptions/${subscription(97)}/`) || c.service === 'resourceGraph');
    await say(t, USERS.dana, 'check law-012-03');
    await clear();
    await say(t, USERS.lena, 'check law-012-04');
    expect(scanCalls(await calls())).toEqual([]);
    // A draft is a state change the bot commits.
    await setSocChannel(t);
    expect(executeActions(cardOf(await say(t, USERS.dana, 'connect law-012-03'))).map((a) => a.verb)).toContain('request.cancel');
    await clear();
    const card = cardOf(await say(t, USERS.lena, 'check law-012-04'));
    expect(scanCalls(await calls()).length).toBeGreaterThan(0);
    expect(checkRow(card, 'No other workspace connected')!.text).toContain('law-097-01');
  });

  it('the picker searches: a typeahead card within 28 KB, and application/search answered from the inventory', async () => {
    await setSocChannel(t);
    const card = cardOf(await say(t, USERS.dana, 'connect'))!;
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    const input = walk(card).find((n) => n.type === 'Input.ChoiceSet')!;
    expect(input['choices.data']).toEqual({ type: 'Data.Query', dataset: 'workspaces' });
    expect((input.choices as unknown[]).length).toBe(25);
    await clear();
    const search = async (text: string, options = {}) => {
      const res = await t.send(searchInvoke(t.serviceUrl, USERS.dana, text, options));
      expect(res.status).toBe(200);
      return res.body;
    };
    const found = await search('law-097');
    expect(found).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.search.searchResponse' });
    expect(found.value.results.map((r: { title: string }) => r.title.split(' · ')[0])).toEqual(
      Array.from({ length: 10 }, (_, i) => `law-097-${String(i + 1).padStart(2, '0')}`),
    );
    expect(found.value.results[0].value).toBe(
      `/subscriptions/${subscription(97)}/resourceGroups/rg-097-soc/providers/Microsoft.OperationalInsights/workspaces/law-097-01`,
    );
    // The first keystroke may be none: the first 15, not botbuilder's 400.
    expect((await search('')).value.results).toHaveLength(15);
    expect((await search('law', { skip: 990, top: 15 })).value.results).toHaveLength(10);
    expect((await search('097 soc')).value.results.map((r: { title: string }) => r.title.split(' · ')[0])).toEqual([
      'law-097-01',
      'law-097-04',
      'law-097-07',
      'law-097-10',
    ]);
    expect(await search('x', { dataset: 'people' })).toMatchObject({
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'UnknownDataset' },
    });
    // Searches read the inventory the bot keeps, not Azure per keystroke.
    expect(await calls()).toEqual([]);
  });

  it('check all: a progress card replaced while it runs, then reports within 28 KB, one row a workspace with Sentinel, blocked first', async () => {
    const withSentinel = (fixture as unknown as { subscriptions: { workspaces: { name: string; sentinel: boolean }[] }[] }).subscriptions
      .flatMap((sub) => sub.workspaces)
      .filter((w) => w.sentinel)
      .map((w) => w.name);
    const chat = personalConversationId(USERS.dana);
    const res = await t.send(personalMessage(t.serviceUrl, USERS.dana, 'check all'));
    expect(res.status).toBe(200);
    const TOTALS = /^(\d+) workspaces: (\d+) passed · (\d+) failed · (\d+) warnings · (\d+) unknown$/;
    await t.connector.waitFor(
      (c) => c.some((x) => x.conversationId === chat && TOTALS.test(cardText(cardOf(x)).split('\n').pop() ?? '')),
      110_000,
      'the totals',
    );
    const [progress, ...reports] = t.connector.posted(chat).map((x) => cardOf(x)!);
    expect(cardText(progress)).toMatch(/Checked 0 of 1000 workspaces/);
    expect(cardText(cardOf(t.connector.updates(chat).pop()!))).toMatch(/Checked all \d+ workspaces with Microsoft Sentinel in \d+ s/);
    expect(reports.length).toBeGreaterThan(1);
    for (const card of reports) expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    const lines = reports.flatMap((card) =>
      walk(card)
        .filter((n) => n.type === 'RichTextBlock')
        .map((n) => (n.inlines as { text: string }[]).map((i) => i.text).join('')),
    );
    const rows = lines.filter((l) => /^law-\d{3}-\d{2} · /.test(l));
    expect(rows.map((r) => r.split(' · ')[0]).sort()).toEqual([...withSentinel].sort());
    const words = rows.map((r) => /· (Passed|Failed|Warning|Unknown)(:|$)/.exec(r)![1]!);
    const rank = { Failed: 0, Unknown: 1, Warning: 2, Passed: 3 } as Record<string, number>;
    expect(words.map((w) => rank[w])).toEqual([...words.map((w) => rank[w])].sort((a, b) => a! - b!));
    // law-097-01 is connected: every other workspace is blocked by it; nothing was left undecided by throttling.
    expect(rows.find((r) => r.startsWith('law-001-0') && r.includes('Failed'))).toContain('No other workspace connected');
    // The bot's own tenant is known to every row's tenant check: only the subscriptions of another tenant (Lighthouse) fail it.
    const tenantRows = rows.filter((r) => r.includes('Workspace in this tenant'));
    expect(tenantRows.length).toBeGreaterThan(0);
    for (const r of tenantRows) expect(r).toMatch(/\(Lighthouse\) · Failed: /);
    const totals = TOTALS.exec(lines.pop()!)!;
    expect(Number(totals[1])).toBe(withSentinel.length);
    expect(Number(totals[2]) + Number(totals[3]) + Number(totals[4]) + Number(totals[5])).toBe(withSentinel.length);
    expect(Number(totals[5])).toBe(0);
  }, 120_000);
});
