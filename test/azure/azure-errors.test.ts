import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { CredentialUnavailableError } from '@azure/identity';
import { AzureCallError } from '../../src/azure';
import { toAzureCallError } from '../../src/azure/to-azure-call-error';
import { PROD, RAVI, startSandbox, type SandboxHarness } from '../sandbox/sandbox-harness';

class BrokenCredential implements TokenCredential {
  async getToken(): Promise<AccessToken | null> {
    throw new CredentialUnavailableError('no managed identity endpoint');
  }
}

describe('Azure call failures become AzureCallError', () => {
  let h: SandboxHarness;
  beforeAll(async () => (h = await startSandbox()));
  afterAll(() => h.close());
  afterEach(() => h.request('DELETE', '/sandbox/faults'));

  const fault = (f: Record<string, unknown>) => h.request('POST', '/sandbox/faults', f);

  it('retries a 429 with Retry-After and succeeds', async () => {
    await fault({
      match: '^GET /subscriptions/[^/]+/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/law-soc-prod$',
      status: 429,
      retryAfter: 1,
      count: 1,
    });
    const started = Date.now();
    expect(await h.arm().getWorkspace(PROD)).toMatchObject({ name: 'law-soc-prod' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("gives 'unavailable' when 503 outlasts the retries", async () => {
    await fault({ match: 'dataConnectors', status: 503, count: 10 });
    await expect(h.arm().listDataConnectors(PROD)).rejects.toMatchObject({ name: 'AzureCallError', kind: 'unavailable', status: 503 });
    const left = await h.request('GET', '/sandbox/faults');
    expect(left.body.faults[0].count).toBe(6);
  });

  it("gives 'throttled' when 429 outlasts the retries within the call's deadline", async () => {
    await fault({ match: 'alertRules', status: 429, retryAfter: 0, count: 100 });
    await expect(h.arm({ callTimeoutMs: 1000 }).listAlertRules(PROD)).rejects.toMatchObject({ kind: 'throttled', status: 429 });
  });

  it("gives 'forbidden' on 403 and 'not-found' on a 404 the port does not absorb", async () => {
    await fault({ match: 'roleAssignments', status: 403 });
    await expect(h.arm().listRoleAssignmentsFor(`/subscriptions/${PROD.subscriptionId}`, RAVI)).rejects.toMatchObject({ kind: 'forbidden', status: 403 });
    await expect(h.arm().listAlertRules({ ...PROD, name: 'law-missing' })).rejects.toMatchObject({ kind: 'not-found' });
  });

  it("gives 'timeout' when no answer comes within the call timeout (status 0)", async () => {
    await fault({ match: 'automationRules', status: 0, delayMs: 2000, count: 1 });
    const started = Date.now();
    await expect(h.arm({ callTimeoutMs: 300 }).listAutomationRules(PROD)).rejects.toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("gives 'timeout' when the connection keeps dropping (status 0)", async () => {
    await fault({ match: 'onboardingStates', status: 0, delayMs: 10, count: 10 });
    await expect(h.arm().isSentinelEnabled(PROD)).rejects.toMatchObject({ kind: 'timeout' });
    await fault({ match: '^GET /v1.0/users/', status: 0, delayMs: 10, count: 10 });
    await expect(h.graph().getUser(RAVI)).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('gives \'malformed\' on an unparsable body that persists (fault extension "body")', async () => {
    await fault({ match: 'automationRules', status: 200, body: 'not json', count: 10 });
    await expect(h.arm().listAutomationRules(PROD)).rejects.toMatchObject({ kind: 'malformed' });
    await fault({ match: '^GET /subscriptions$', status: 200, body: '{"value": [', count: 10 });
    await expect(h.arm().listSubscriptions()).rejects.toMatchObject({ kind: 'malformed' });
    await fault({ match: 'subscribedSkus', status: 200, body: 'not json', count: 10 });
    await expect(h.graph().hasDefenderXdr()).rejects.toMatchObject({ kind: 'malformed' });
    await h.request('DELETE', '/sandbox/faults');
  });

  it('retries an unparsable body once within the call deadline', async () => {
    await fault({ match: 'automationRules', status: 200, body: 'not json', count: 1 });
    expect(await h.arm().listAutomationRules(PROD)).toHaveLength(2);
    await fault({ match: 'subscribedSkus', status: 200, body: 'not json', count: 1 });
    expect(await h.graph().hasDefenderXdr()).toBe(true);
  });

  it('retries a Graph 429 and maps Graph 5xx / 403', async () => {
    await fault({ match: 'subscribedSkus', status: 429, retryAfter: 0, count: 1 });
    expect(await h.graph().hasDefenderXdr()).toBe(true);
    await fault({ match: 'servicePrincipals', status: 503, count: 10 });
    await expect(h.graph().findServicePrincipal('8ee8fdad-f234-4243-8f3b-15c294843740')).rejects.toMatchObject({ kind: 'unavailable', status: 503 });
    await h.request('DELETE', '/sandbox/faults');
    await fault({ match: 'directory/roleAssignments', status: 403 });
    await expect(h.graph().listEntraRoleTemplateIds(RAVI)).rejects.toMatchObject({
      kind: 'forbidden',
      service: 'Microsoft Graph',
      permission: 'RoleManagement.Read.Directory',
    });
  });

  it("gives 'credential' naming the credential when no token can be had", async () => {
    const credential = new BrokenCredential();
    const armError = await h
      .arm({ credential })
      .listSubscriptions()
      .catch((e: unknown) => e);
    expect(armError).toBeInstanceOf(AzureCallError);
    expect(armError).toMatchObject({ kind: 'credential' });
    expect((armError as Error).message).toContain('BrokenCredential');
    await expect(h.graph({ credential }).getUser(RAVI)).rejects.toMatchObject({ kind: 'credential' });
  });

  it("gives 'unavailable' when nothing listens", async () => {
    await expect(h.arm({ endpoint: 'http://127.0.0.1:1/sandbox/arm' }).listSubscriptions()).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('maps raw errors by status, name and code', () => {
    expect(toAzureCallError('op', { statusCode: 502, message: 'bad gateway' }, 'C').kind).toBe('unavailable');
    expect(toAzureCallError('op', { name: 'AbortError', message: 'aborted' }, 'C').kind).toBe('timeout');
    expect(toAzureCallError('op', { code: 'PARSE_ERROR', message: 'x' }, 'C').kind).toBe('malformed');
    expect(toAzureCallError('op', new Error('weird'), 'C')).toMatchObject({ kind: 'unexpected', operation: 'op' });
    expect(toAzureCallError('op', { name: 'AuthenticationError', message: 'bad secret' }, 'ClientSecretCredential').message).toContain(
      'ClientSecretCredential',
    );
  });
});
