import { SANDBOX_TOKEN } from '../../src/azure';
import { roleAssignmentsQuery, WORKSPACES_QUERY } from '../../src/azure/resource-graph-queries';
import { loadTenantFixture, parseTenantFixture } from '../../src/sandbox';
import { generateTenant } from '../../src/sandbox/generate-tenant';
import { formatQuotaReset } from '../../src/sandbox/resource-graph-quota';
import { RAVI, ROLE, startSandbox, type SandboxHarness } from './sandbox-harness';

const BOT = { Authorization: `Bearer ${SANDBOX_TOKEN}` };
const ARG = '/sandbox/arm/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01';

describe('Resource Graph in the sandbox (POST /providers/Microsoft.ResourceGraph/resources)', () => {
  let h: SandboxHarness;
  let now = 0;
  beforeEach(async () => {
    now = 1_000_000;
    h = await startSandbox({ tenant: parseTenantFixture(generateTenant({ subscriptions: 4, workspaces: 10, connected: 4 }), 'generated'), now: () => now });
  });
  afterEach(() => h.close());
  const query = (body: unknown) => h.request('POST', ARG, body, BOT);

  it("answers the bot's workspace query over every readable subscription, as objectArray, with the quota headers", async () => {
    const answer = await query({ query: WORKSPACES_QUERY, options: { $top: 1000, resultFormat: 'objectArray' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ totalRecords: 10, count: 10, resultTruncated: 'false', facets: [] });
    expect(answer.body.$skipToken).toBeUndefined();
    const rows = answer.body.data as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['id', 'name', 'resourceGroup', 'subscriptionId', 'location']);
    // Ordered by id; the resource group lower-cased as Resource Graph has it, the id in ARM's casing.
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort());
    expect(rows[0]!.id).toMatch(/\/resourceGroups\/rg-\d{3}-[a-z]+\/providers\/Microsoft\.OperationalInsights\/workspaces\/law-\d{3}-\d{2}$/);
    expect(rows.every((r) => r.resourceGroup === r.resourceGroup!.toLowerCase())).toBe(true);
    expect(answer.headers.get('x-ms-user-quota-remaining')).toBe('14');
    expect(answer.headers.get('x-ms-user-quota-resets-after')).toBe('00:00:05');
  });

  it("answers the bot's role-assignment query: only the principals and role asked, with the assignment's scope", async () => {
    const sps = (h.sandbox.state().servicePrincipals ?? []).map((s) => s.id);
    const answer = await query({ query: roleAssignmentsQuery(sps, ROLE.sentinelContributor) });
    expect(answer.status).toBe(200);
    // The portal's changes of the connected workspace (subscription 4): both apps hold the role there.
    const sub4 = h.sandbox.state().subscriptions[3]!.id;
    expect(answer.body.data).toEqual(
      expect.arrayContaining(
        sps.map((id) =>
          expect.objectContaining({
            subscriptionId: sub4,
            principalId: id,
            roleDefinitionId: `/subscriptions/${sub4}/providers/Microsoft.Authorization/roleDefinitions/${ROLE.sentinelContributor}`,
            scope: `/subscriptions/${sub4}`,
          }),
        ),
      ),
    );
    expect(answer.body.totalRecords).toBe(2);
    const ravi = await query({ query: roleAssignmentsQuery([RAVI], ROLE.owner) });
    expect(ravi.body.totalRecords).toBe(4);
  });

  it('pages with $top and $skipToken, and cuts a result without an id column (resultTruncated, no $skipToken)', async () => {
    const seen: string[] = [];
    let skipToken: string | undefined;
    do {
      const page = await query({ query: WORKSPACES_QUERY, options: { $top: 4, ...(skipToken ? { $skipToken: skipToken } : {}) } });
      expect(page.body.totalRecords).toBe(10);
      seen.push(...(page.body.data as { id: string }[]).map((r) => r.id));
      skipToken = page.body.$skipToken;
    } while (skipToken);
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
    const cut = await query({ query: "resources | where type =~ 'microsoft.operationalinsights/workspaces' | project name", options: { $top: 3 } });
    expect(cut.body).toMatchObject({ totalRecords: 10, count: 3, resultTruncated: 'true' });
    expect(cut.body.$skipToken).toBeUndefined();
    const table = await query({ query: WORKSPACES_QUERY, options: { $top: 2, $skip: 1, resultFormat: 'table' } });
    expect(table.body.data.columns[0]).toEqual({ name: 'id', type: 'string' });
    expect(table.body.data.rows).toHaveLength(2);
  });

  it("refuses any other query with Resource Graph's 400: InvalidQuery with the parser failure or what it cannot resolve", async () => {
    const parser = await query({ query: 'resources | where type' });
    expect(parser.status).toBe(400);
    expect(parser.body.error.code).toBe('BadRequest');
    expect(parser.body.error.message).toMatch(/^Please provide below info when asking for support: timestamp = .+, correlationId = [0-9a-f-]{36}\.$/);
    expect(parser.body.error.details[0]).toEqual({
      code: 'InvalidQuery',
      message: 'Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.',
    });
    expect(parser.body.error.details[1]).toMatchObject({ code: 'ParserFailure', line: 1, token: '<EOF>' });
    const table = await query({ query: 'securityresources | take 1' });
    expect(table.body.error.details[1]).toEqual({
      code: 'FailedToResolveEntity',
      message: "The name 'securityresources' does not refer to any known table, tabular variable or function.",
    });
    const column = await query({ query: "resources | where colour == 'red'" });
    expect(column.body.error.details[1].message).toBe("Failed to resolve scalar expression named 'colour'");
    const summarize = await query({ query: 'resources | summarize count() by type' });
    expect(summarize.body.error.details[1]).toMatchObject({ code: 'UnsupportedQuery', token: 'summarize' });
    const missing = await query({ options: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('InvalidRequestContent');
    const version = await h.request('POST', ARG.replace('2021-03-01', '2021-01-01'), { query: WORKSPACES_QUERY }, BOT);
    expect(version.status).toBe(400);
    expect(version.body.error.code).toBe('InvalidApiVersionParameter');
  });

  it('meters 15 queries per user in 5 seconds: the 16th gets 429 RateLimiting with the time to the reset; each query is one call', async () => {
    await h.request('DELETE', '/sandbox/calls');
    for (let i = 0; i < 15; i++) {
      const answer = await query({ query: WORKSPACES_QUERY });
      expect(answer.headers.get('x-ms-user-quota-remaining')).toBe(String(14 - i));
    }
    now += 2_100;
    const refused = await query({ query: WORKSPACES_QUERY });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RateLimiting');
    expect(refused.body.error.details[0].message).toMatch(/https:\/\/aka\.ms\/resourcegraph-throttling/);
    expect(refused.headers.get('x-ms-user-quota-remaining')).toBe('0');
    expect(refused.headers.get('x-ms-user-quota-resets-after')).toBe('00:00:03');
    // Another user has a quota of their own; the window resets after 5 s.
    expect((await h.request('POST', ARG, { query: WORKSPACES_QUERY })).status).toBe(200);
    now += 2_900;
    expect((await query({ query: WORKSPACES_QUERY })).headers.get('x-ms-user-quota-remaining')).toBe('14');
    const calls = (await h.request('GET', '/sandbox/calls')).body.calls as { service: string; method: string; path: string; status: number }[];
    expect(calls).toHaveLength(18);
    expect(new Set(calls.map((c) => `${c.service} ${c.method} ${c.path}`))).toEqual(
      new Set(['resourceGraph POST /providers/Microsoft.ResourceGraph/resources']),
    );
    expect(calls.filter((c) => c.status === 429)).toHaveLength(1);
    expect(formatQuotaReset(3_601_001)).toBe('01:00:02');
  });

  it('sees only the subscriptions the bot holds Reader on (botAccess.armReader)', async () => {
    const tenant = parseTenantFixture(generateTenant({ subscriptions: 4, workspaces: 10 }), 'generated');
    const first = tenant.subscriptions[0]!.id;
    tenant.botAccess = { armReader: [first] };
    const closed = await startSandbox({ tenant });
    try {
      const answer = await closed.request('POST', ARG, { query: WORKSPACES_QUERY }, BOT);
      expect(answer.body.totalRecords).toBe(3);
      expect(new Set((answer.body.data as { subscriptionId: string }[]).map((r) => r.subscriptionId))).toEqual(new Set([first]));
    } finally {
      await closed.close();
    }
    const none = loadTenantFixture();
    none.botAccess = { armReader: [] };
    const nothing = await startSandbox({ tenant: none });
    try {
      expect((await nothing.request('POST', ARG, { query: WORKSPACES_QUERY }, BOT)).body).toMatchObject({ totalRecords: 0, data: [] });
    } finally {
      await nothing.close();
    }
  });

  it('has no quota and sends no quota headers with SANDBOX_THROTTLE=off', async () => {
    const free = await startSandbox({ throttle: false });
    try {
      for (let i = 0; i < 20; i++) {
        const answer = await free.request('POST', ARG, { query: WORKSPACES_QUERY }, BOT);
        expect(answer.status).toBe(200);
        expect(answer.headers.get('x-ms-user-quota-remaining')).toBeNull();
      }
    } finally {
      await free.close();
    }
  });
});
