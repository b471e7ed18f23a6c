import { SANDBOX_TOKEN } from '../../src/azure';
import { PROD, startSandbox, SUB, type SandboxHarness } from './sandbox-harness';
import { v2Tenant } from './v2-tenant';

const WS = `/sandbox/arm/subscriptions/${SUB}/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/law-soc-prod`;
const SI = `${WS}/providers/Microsoft.SecurityInsights`;
const PREVIEW = 'api-version=2025-10-01-preview';
/** A person's token in the portal: any bearer token but the bot's. */
const PERSON = { Authorization: 'Bearer a-soc-engineer' };

describe('PUT of an alert rule (Alert Rules - Create Or Update), as a person turns a rule back on', () => {
  let h: SandboxHarness;
  beforeEach(async () => {
    h = await startSandbox({ tenant: v2Tenant() });
    expect((await h.request('POST', '/sandbox/portal/connect', { workspace: `${SUB}/rg-soc/law-soc-prod` })).status).toBe(200);
  });
  afterEach(() => h.close());

  /** GET the rule, flip `enabled`, PUT it back: what the portal does. */
  async function turnBackOn(name: string, headers = PERSON) {
    const rule = (await h.request('GET', `${SI}/alertRules/${name}?${PREVIEW}`)).body;
    return h.request(
      'PUT',
      `${SI}/alertRules/${name}?${PREVIEW}`,
      { kind: rule.kind, etag: rule.etag, properties: { ...rule.properties, enabled: true } },
      headers,
    );
  }

  it('turns the Fusion rule and an incident creation rule back on: 200 with the rule, and the bot reads them enabled', async () => {
    const before = await h.arm().listAlertRules(PROD);
    expect(before.filter((r) => ['BuiltInFusion', 'mde-incidents'].includes(r.name)).map((r) => r.enabled)).toEqual([false, false]);
    const fusion = await turnBackOn('BuiltInFusion');
    expect(fusion.status).toBe(200);
    expect(fusion.body).toMatchObject({ name: 'BuiltInFusion', kind: 'Fusion', properties: { enabled: true } });
    expect((await turnBackOn('mde-incidents')).status).toBe(200);
    const after = await h.arm().listAlertRules(PROD);
    expect(after.filter((r) => ['BuiltInFusion', 'mde-incidents'].includes(r.name)).map((r) => r.enabled)).toEqual([true, true]);
    expect(h.sandbox.state().subscriptions[0]!.workspaces[0]!.alertRules.find((r) => r.name === 'BuiltInFusion')!.enabled).toBe(true);
  });

  it('takes the incident settings of a Scheduled rule, and creates a new rule with 201', async () => {
    const rule = (await h.request('GET', `${SI}/alertRules/sched-alerts-only?${PREVIEW}`)).body;
    const props = { ...rule.properties, incidentConfiguration: { ...rule.properties.incidentConfiguration, createIncident: true } };
    expect((await h.request('PUT', `${SI}/alertRules/sched-alerts-only?${PREVIEW}`, { kind: 'Scheduled', properties: props }, PERSON)).status).toBe(200);
    expect((await h.arm().listAlertRules(PROD)).find((r) => r.name === 'sched-alerts-only')).toMatchObject({ createIncident: true });
    const created = await h.request('PUT', `${SI}/alertRules/new-rule?${PREVIEW}`, { kind: 'Scheduled', properties: { ...props, displayName: 'New' } }, PERSON);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'new-rule', kind: 'Scheduled', properties: { displayName: 'New', enabled: true } });
  });

  it('refuses the bot (it holds Reader only), a call without a token, and bodies ARM would refuse; nothing changes', async () => {
    const bot = await turnBackOn('BuiltInFusion', { Authorization: `Bearer ${SANDBOX_TOKEN}` });
    expect(bot.status).toBe(403);
    expect(bot.body.error.code).toBe('AuthorizationFailed');
    expect(bot.body.error.message).toContain('Microsoft.SecurityInsights/alertRules/write');
    const anonymous = await h.request('PUT', `${SI}/alertRules/BuiltInFusion?${PREVIEW}`, { kind: 'Fusion', properties: { enabled: true } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('AuthenticationFailed');
    const put = (body: unknown, query = PREVIEW) => h.request('PUT', `${SI}/alertRules/BuiltInFusion?${query}`, body, PERSON);
    expect((await put({ kind: 'Fusion', properties: { enabled: true } })).body.error.message).toMatch(
      /missing required properties: properties.alertRuleTemplateName/,
    );
    expect((await put({ kind: 'Scheduled', properties: { enabled: true } })).status).toBe(400);
    const changedKind = await put({ kind: 'MicrosoftSecurityIncidentCreation', properties: { displayName: 'x', enabled: true, productFilter: 'x' } });
    expect(changedKind.body.error.message).toMatch(/kind cannot be changed/);
    expect((await put('not json')).status).toBe(400);
    expect((await put({ kind: 'Fusion', properties: { enabled: true, alertRuleTemplateName: 'x' } }, 'api-version=2024-13-01')).body.error.code).toBe(
      'InvalidApiVersionParameter',
    );
    expect((await h.request('DELETE', `${SI}/alertRules/BuiltInFusion?${PREVIEW}`, undefined, PERSON)).status).toBe(405);
    expect((await h.request('PUT', `${SI}/automationRules/ar-alerts?${PREVIEW}`, {}, PERSON)).status).toBe(405);
    expect(h.sandbox.state().subscriptions[0]!.workspaces[0]!.alertRules.find((r) => r.name === 'BuiltInFusion')!.enabled).toBe(false);
  });

  it('logs the write like any emulated call, without taking a read token', async () => {
    await h.request('DELETE', '/sandbox/calls');
    await h.request('PUT', `${SI}/alertRules/BuiltInFusion?${PREVIEW}`, { kind: 'Fusion', properties: { enabled: true, alertRuleTemplateName: 'x' } }, PERSON);
    const calls = (await h.request('GET', '/sandbox/calls')).body.calls;
    expect(calls).toEqual([
      expect.objectContaining({ method: 'PUT', path: expect.stringMatching(/alertRules\/BuiltInFusion$/), status: 200, principal: 'unknown' }),
    ]);
  });
});
