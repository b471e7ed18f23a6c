import { DANA, SOC_ANALYSTS, startSandbox, SUB, type SandboxHarness } from './sandbox-harness';

const ARM = '/sandbox/arm';
const RA = `${ARM}/subscriptions/${SUB}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01`;

describe('sandbox HTTP endpoints', () => {
  let h: SandboxHarness;
  beforeAll(async () => (h = await startSandbox()));
  afterAll(() => h.close());
  afterEach(() => h.request('DELETE', '/sandbox/faults'));

  it('leaves paths outside /sandbox/ alone', async () => {
    const res = await h.request('POST', '/api/messages', { type: 'message' });
    expect(res.status).toBe(404);
    expect(res.body).toBeUndefined();
  });

  it('answers unknown ARM resources with an ARM 404 body', async () => {
    const res = await h.request(
      'GET',
      `${ARM}/subscriptions/${SUB}/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/nope?api-version=2025-07-01`,
    );
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'ResourceNotFound', message: expect.any(String) } });
    const ok = await h.request('GET', `${ARM}/subscriptions?api-version=2022-12-01`);
    expect(ok.status).toBe(200);
    expect(ok.body.value[0]).toMatchObject({ id: `/subscriptions/${SUB}`, subscriptionId: SUB, displayName: 'SOC Production', state: 'Enabled' });
  });

  it('answers unknown Graph resources with a Graph 404 body', async () => {
    const res = await h.request('GET', '/sandbox/graph/v1.0/users/99999999-9999-4999-8999-999999999999');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'Request_ResourceNotFound', message: expect.any(String) });
  });

  it('serves real ARM shapes for workspaces, onboarding states and connectors', async () => {
    const ws = `${ARM}/subscriptions/${SUB}/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/law-soc-prod`;
    const workspace = await h.request('GET', `${ws}?api-version=2023-09-01`);
    expect(workspace.body).toMatchObject({
      name: 'law-soc-prod',
      type: 'Microsoft.OperationalInsights/workspaces',
      location: 'westeurope',
      properties: { provisioningState: 'Succeeded' },
    });
    const onboarding = await h.request('GET', `${ws}/providers/Microsoft.SecurityInsights/onboardingStates/default?api-version=2024-03-01`);
    expect(onboarding.body).toMatchObject({ name: 'default', type: 'Microsoft.SecurityInsights/onboardingStates' });
    const connectors = await h.request('GET', `${ws}/providers/Microsoft.SecurityInsights/dataConnectors?api-version=2025-10-01-preview`);
    expect(connectors.body.value[0]).toMatchObject({
      kind: 'MicrosoftThreatProtection',
      properties: { dataTypes: { incidents: { state: 'Enabled' }, alerts: { state: 'Enabled' } } },
    });
    const off = await h.request(
      'GET',
      `${ARM}/subscriptions/${SUB}/resourceGroups/rg-ops/providers/Microsoft.OperationalInsights/workspaces/law-ops-metrics` +
        '/providers/Microsoft.SecurityInsights/onboardingStates/default?api-version=2024-03-01',
    );
    expect(off.status).toBe(404);
  });

  it('filters role assignments: principalId eq is exact, assignedTo() expands groups', async () => {
    const exact = await h.request('GET', `${RA}&$filter=${encodeURIComponent(`principalId eq '${DANA}'`)}`);
    expect(exact.body.value).toEqual([]);
    const expanded = await h.request('GET', `${RA}&$filter=${encodeURIComponent(`assignedTo('${DANA}')`)}`);
    expect(expanded.body.value).toHaveLength(1);
    expect(expanded.body.value[0]).toMatchObject({
      name: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      type: 'Microsoft.Authorization/roleAssignments',
      properties: {
        roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/8d289c81-5878-46d4-8554-54e1e3d8b5cb`,
        principalId: SOC_ANALYSTS,
        principalType: 'Group',
        scope: `/subscriptions/${SUB}`,
      },
    });
    const bad = await h.request('GET', `${RA}&$filter=${encodeURIComponent('roleName eq 1')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('assignedTo');
  });

  it('requires ConsistencyLevel: eventual on transitiveRoleAssignments', async () => {
    const filter = encodeURIComponent("principalId eq '22222222-2222-4222-8222-222222222222'");
    const path = `/sandbox/graph/beta/roleManagement/directory/transitiveRoleAssignments?$filter=${filter}`;
    expect((await h.request('GET', path)).status).toBe(400);
    const ok = await h.request('GET', path, undefined, { ConsistencyLevel: 'eventual' });
    expect(ok.body).toMatchObject({
      '@odata.context': expect.stringContaining('transitiveRoleAssignments'),
      value: [{ roleDefinitionId: '194ae4cb-b126-40b2-bd5b-6091b380977d', directoryScopeId: '/' }],
    });
  });

  it('refuses writes to the emulated ARM', async () => {
    expect((await h.request('PUT', `${ARM}/subscriptions/${SUB}?api-version=2022-12-01`, {})).status).toBe(405);
  });

  it('manages faults: POST adds (matching case-insensitively), GET lists, DELETE clears with 204', async () => {
    const added = await h.request('POST', '/sandbox/faults', { match: '^get /SUBSCRIPTIONS$', status: 500, count: 2 });
    expect(added.status).toBe(200);
    expect(added.body.faults).toEqual([{ match: '^get /SUBSCRIPTIONS$', status: 500, count: 2, delayMs: 0 }]);
    expect((await h.request('GET', `${ARM}/subscriptions?api-version=x`)).status).toBe(500);
    expect((await h.request('GET', '/sandbox/state')).status).toBe(200);
    const cleared = await h.request('DELETE', '/sandbox/faults');
    expect(cleared.status).toBe(204);
    expect((await h.request('GET', `${ARM}/subscriptions?api-version=2022-12-01`)).status).toBe(200);
  });

  it('sets Retry-After on a 429 fault', async () => {
    await h.request('POST', '/sandbox/faults', { match: 'subscribedSkus', status: 429, retryAfter: 3 });
    const res = await h.request('GET', '/sandbox/graph/v1.0/subscribedSkus');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
  });

  it('refuses bad bodies with 400 and a message', async () => {
    const notJson = await h.request('POST', '/sandbox/faults', 'not json');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toMatch(/not valid JSON/);
    const badRegex = await h.request('POST', '/sandbox/faults', { match: '(', status: 500 });
    expect(badRegex.status).toBe(400);
    expect(badRegex.body.error.message).toContain('match');
    const badStatus = await h.request('POST', '/sandbox/faults', { match: 'x', status: 42 });
    expect(badStatus.body.error.message).toContain('status');
    const noWorkspace = await h.request('POST', '/sandbox/portal/connect', { ws: 'x' });
    expect(noWorkspace.status).toBe(400);
    expect(noWorkspace.body.error.message).toContain('workspace');
  });

  it('answers 404 for unknown /sandbox endpoints and 405 for wrong methods', async () => {
    expect((await h.request('GET', '/sandbox/nothing')).status).toBe(404);
    expect((await h.request('GET', '/sandbox/portal/connect')).status).toBe(405);
    expect((await h.request('POST', '/sandbox/state', {})).status).toBe(405);
  });
});

describe('sandbox latency', () => {
  it('adds SANDBOX_LATENCY_MS to emulated calls only', async () => {
    const h = await startSandbox({ latencyMs: 300 });
    try {
      let started = Date.now();
      await h.arm().listSubscriptions();
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      started = Date.now();
      await h.graph().getUser(DANA);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      started = Date.now();
      await h.request('GET', '/sandbox/state');
      expect(Date.now() - started).toBeLessThan(250);
    } finally {
      await h.close();
    }
  });
});
