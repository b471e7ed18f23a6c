import { SANDBOX_TOKEN } from '../../src/azure';
import { createReadMeter } from '../../src/sandbox/read-meter';
import { PROD, startSandbox, SUB, type SandboxHarness } from './sandbox-harness';

const BOT = { Authorization: `Bearer ${SANDBOX_TOKEN}` };
const WS = `/sandbox/arm/subscriptions/${SUB}/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/law-soc-prod`;
const RULES = `${WS}/providers/Microsoft.SecurityInsights/alertRules?api-version=2025-09-01`;

describe('the ARM read meter (250 tokens, 25 per second)', () => {
  it('allows 250 reads at once, then asks to wait a second; refills at 25 per second', () => {
    let now = 0;
    const meter = createReadMeter({ now: () => now });
    for (let i = 0; i < 250; i++) expect(meter.take('bot|sub')).toEqual({ allowed: true, remaining: 249 - i });
    expect(meter.take('bot|sub')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(meter.take('bot|other-sub')).toMatchObject({ allowed: true });
    expect(meter.take('someone-else|sub')).toMatchObject({ allowed: true });
    now = 40;
    expect(meter.take('bot|sub')).toMatchObject({ allowed: true, remaining: 0 });
    expect(meter.take('bot|sub')).toMatchObject({ allowed: false });
    now = 10_040;
    expect(meter.take('bot|sub')).toEqual({ allowed: true, remaining: 249 });
  });
});

describe('ARM throttling in the sandbox', () => {
  let now = 0;
  let h: SandboxHarness;
  beforeEach(async () => {
    now = 0;
    h = await startSandbox({ now: () => now });
  });
  afterEach(() => h.close());

  const drain = async (): Promise<void> => {
    for (let i = 0; i < 250; i++) expect((await h.request('GET', RULES, undefined, BOT)).status).toBe(200);
  };

  it("answers ARM's 429 past the bucket: Retry-After, x-ms-ratelimit-remaining-subscription-reads and SubscriptionRequestsThrottled", async () => {
    const first = await h.request('GET', RULES, undefined, BOT);
    expect(first.headers.get('x-ms-ratelimit-remaining-subscription-reads')).toBe('249');
    for (let i = 0; i < 249; i++) await h.request('GET', RULES, undefined, BOT);
    const throttled = await h.request('GET', RULES, undefined, BOT);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(throttled.headers.get('x-ms-ratelimit-remaining-subscription-reads')).toBe('0');
    expect(throttled.body.error.code).toBe('SubscriptionRequestsThrottled');
    expect(throttled.body.error.message).toMatch(
      new RegExp(`^Number of 'read' requests for subscription '${SUB}' actor '[0-9a-f-]{36}' exceeded\\. Please try again after '1' seconds`),
    );
    // Tenant-level reads have their own bucket; another principal has its own too.
    const subs = await h.request('GET', '/sandbox/arm/subscriptions?api-version=2022-12-01', undefined, BOT);
    expect(subs.status).toBe(200);
    expect(subs.headers.get('x-ms-ratelimit-remaining-tenant-reads')).toBe('249');
    expect((await h.request('GET', RULES)).status).toBe(200);
    // Every call is in the call log, the throttled one with its status, api-version and principal.
    const calls = (await h.request('GET', '/sandbox/calls')).body.calls as { status: number; apiVersion: string; principal: string }[];
    expect(calls.filter((c) => c.status === 429)).toEqual([expect.objectContaining({ apiVersion: '2025-09-01', principal: 'bot' })]);
    expect(calls).toHaveLength(253);
  });

  it('the bot rides a throttled read out by honouring Retry-After', async () => {
    await drain();
    const arm = h.arm();
    const started = Date.now();
    // The clock moves on a second after the 429, as ARM's would.
    const tick = setTimeout(() => (now += 1000), 500);
    const rules = await arm.listAlertRules(PROD);
    clearTimeout(tick);
    expect(rules.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const statuses = ((await h.request('GET', '/sandbox/calls')).body.calls as { status: number }[]).slice(250).map((c) => c.status);
    expect(statuses[0]).toBe(429);
    expect(statuses.at(-1)).toBe(200);
  });

  it('a throttled read that outlasts the call deadline fails within it (the check is then Unknown), never hangs', async () => {
    await drain();
    const started = Date.now();
    await expect(h.arm({ callTimeoutMs: 800 }).listAlertRules(PROD)).rejects.toMatchObject({ kind: expect.stringMatching(/throttled|timeout/) });
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

describe('SANDBOX_THROTTLE=off', () => {
  it('never throttles', async () => {
    const h = await startSandbox({ throttle: false, now: () => 0 });
    try {
      for (let i = 0; i < 300; i++) expect((await h.request('GET', RULES, undefined, BOT)).status).toBe(200);
    } finally {
      await h.close();
    }
  });
});
