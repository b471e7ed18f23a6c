import { createArmAdapter, createGraphAdapter, createSandboxCredential, type ArmPort, type GraphPort } from '../../src/azure';
import { createSandbox, parseTenantFixture } from '../../src/sandbox';
import { listenSandbox, type SandboxListener } from '../../src/server/listen-sandbox';

/** The sample tenant of contracts/sandbox-tenant.md, as JSON a test may change before it starts. */
export function sampleTenant() {
  return JSON.parse(JSON.stringify(SAMPLE)) as typeof SAMPLE & Record<string, unknown>;
}

export const SUB = 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0';
export const PROD = { subscriptionId: SUB, resourceGroup: 'rg-soc', name: 'law-soc-prod' };
export const STAGING = { subscriptionId: SUB, resourceGroup: 'rg-soc', name: 'law-soc-staging' };
export const OPS = { subscriptionId: SUB, resourceGroup: 'rg-ops', name: 'law-ops-metrics' };
export const DANA = { id: '11111111-1111-4111-8111-111111111111', name: 'Dana Okafor' };
export const RAVI = { id: '22222222-2222-4222-8222-222222222222', name: 'Ravi Menon' };
export const LENA = { id: '33333333-3333-4333-8333-333333333333', name: 'Lena Vogt' };
export const SOC_ANALYSTS = 'a0000000-0000-4000-8000-0000000050c0';

/** A simulated tenant on its own loopback port, with the real ARM and Graph adapters pointed at it, as the bot has them. */
export interface CheckSandbox {
  arm: ArmPort;
  graph: GraphPort;
  /** Makes the next `count` calls matching `match` (a regex over "METHOD path") answer `status`. */
  fault(match: string, status: number, count?: number): Promise<void>;
  clearFaults(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the sandbox with the fixture (JSON in the contract's shape), over real HTTP. */
export async function startCheckSandbox(fixture: unknown, options: { latencyMs?: number } = {}): Promise<CheckSandbox> {
  const sandbox = createSandbox({ tenant: parseTenantFixture(fixture, 'test fixture'), latencyMs: options.latencyMs ?? 0 });
  const listener: SandboxListener = await listenSandbox(sandbox);
  const credential = createSandboxCredential();
  const control = async (method: string, body?: unknown) => {
    const res = await fetch(`${listener.origin}/sandbox/faults`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} /sandbox/faults answered ${res.status}`);
  };
  return {
    arm: createArmAdapter({ endpoint: `${listener.origin}/sandbox/arm`, credential, insecureSandbox: true, callTimeoutMs: 3000 }),
    graph: createGraphAdapter({ baseUrl: `${listener.origin}/sandbox/graph`, credential, callTimeoutMs: 3000 }),
    fault: (match, status, count = 50) => control('POST', { match, status, count }),
    clearFaults: () => control('DELETE'),
    close: () => listener.close(),
  };
}

/** Runs `fn` with a sandbox of that fixture, closed afterwards whatever happens. */
export async function withCheckSandbox<T>(fixture: unknown, fn: (s: CheckSandbox) => Promise<T>, options: { latencyMs?: number } = {}): Promise<T> {
  const s = await startCheckSandbox(fixture, options);
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

const SAMPLE = {
  tenantId: '72f988bf-0000-4000-8000-00000000c0de',
  defenderXdr: true,
  users: [
    { id: DANA.id, displayName: 'Dana Okafor (SOC lead)', upn: 'dana@contoso.example', entraRoles: [] as string[], groups: [SOC_ANALYSTS] },
    { id: RAVI.id, displayName: 'Ravi Menon (Security admin)', upn: 'ravi@contoso.example', entraRoles: ['Security Administrator'], groups: [] as string[] },
    { id: LENA.id, displayName: 'Lena Vogt (Analyst)', upn: 'lena@contoso.example', entraRoles: [] as string[], groups: [SOC_ANALYSTS] },
  ],
  groups: [{ id: SOC_ANALYSTS, displayName: 'SOC analysts' } as { id: string; displayName: string; entraRoles?: string[] }],
  subscriptions: [
    {
      id: SUB,
      displayName: 'SOC Production',
      roleAssignments: [
        { principalId: RAVI.id, role: 'Owner', scope: 'subscription' },
        { principalId: SOC_ANALYSTS, role: 'Microsoft Sentinel Reader', scope: 'subscription' },
      ],
      workspaces: [
        {
          resourceGroup: 'rg-soc',
          name: 'law-soc-prod',
          location: 'westeurope',
          sentinel: true,
          dataConnectors: [{ kind: 'MicrosoftThreatProtection', incidents: 'Enabled', alerts: 'Enabled' }, { kind: 'AzureActiveDirectory' }] as Record<
            string,
            string
          >[],
          alertRules: [
            {
              name: 'mde-incidents',
              kind: 'MicrosoftSecurityIncidentCreation',
              displayName: 'Create incidents from Defender for Endpoint alerts',
              productFilter: 'Microsoft Defender Advanced Threat Protection',
              enabled: true,
            },
          ],
          automationRules: [{ name: 'ar-assign-tier1', displayName: 'Assign new incidents to tier 1' }],
        },
        {
          resourceGroup: 'rg-soc',
          name: 'law-soc-staging',
          location: 'westeurope',
          sentinel: true,
          dataConnectors: [{ kind: 'MicrosoftThreatProtection', incidents: 'Enabled', alerts: 'Disabled' }] as Record<string, string>[],
          alertRules: [],
          automationRules: [],
        },
        { resourceGroup: 'rg-ops', name: 'law-ops-metrics', location: 'northeurope', sentinel: false, dataConnectors: [], alertRules: [], automationRules: [] },
      ],
    },
  ],
  connectedWorkspace: null as string | null,
};
