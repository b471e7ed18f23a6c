import { deterministicGuid } from './deterministic-guid';
import { GRAPH_ENDPOINT_PERMISSIONS } from './graph-permissions';
import { FIRST_PARTY_APPS } from './role-catalog';

/** What `npm run tenant:generate` makes. */
export interface GenerateTenantOptions {
  subscriptions: number;
  workspaces: number;
  /** Same seed, same tenant (default `1`). */
  seed?: string;
  /**
   * The subscription (1-based) holding a workspace connected to the Defender portal before the bot
   * came (the portal's changes applied); default the 97th percentile (subscription 97 of 100); null: none.
   */
  connected?: number | null;
}

/** The people of a generated tenant: those of the built-in sample tenant, with the same object ids. */
export const GENERATED_PEOPLE = {
  dana: '11111111-1111-4111-8111-111111111111',
  ravi: '22222222-2222-4222-8222-222222222222',
  lena: '33333333-3333-4333-8333-333333333333',
  socAnalysts: 'a0000000-0000-4000-8000-0000000050c0',
} as const;

type Json = Record<string, unknown>;

/** A small seeded generator (mulberry32): the same seed gives the same tenant. */
function random(seed: string): () => number {
  let state = Number.parseInt(deterministicGuid('seed', seed).slice(0, 8), 16) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const LOCATIONS = ['westeurope', 'northeurope', 'eastus', 'westus2', 'uksouth'];
const PRODUCTS = [
  ['Microsoft Defender Advanced Threat Protection', 'Defender for Endpoint'],
  ['Office 365 Advanced Threat Protection', 'Defender for Office 365'],
  ['Azure Advanced Threat Protection', 'Defender for Identity'],
  ['Microsoft Cloud App Security', 'Defender for Cloud Apps'],
  ['Azure Security Center', 'Defender for Cloud'],
] as const;

/** A workspace's Sentinel content, drawn so that connector and rule states are mixed. */
function sentinelContent(rnd: () => number): Json {
  const connectors: Json[] = [];
  const c = rnd();
  // Real tenants also return states in lower case; some have alerts off, some no XDR connector at all.
  if (c < 0.55) connectors.push({ kind: 'MicrosoftThreatProtection', incidents: 'Enabled', alerts: 'Enabled' });
  else if (c < 0.7) connectors.push({ kind: 'MicrosoftThreatProtection', incidents: 'enabled', alerts: 'enabled' });
  else if (c < 0.85) connectors.push({ kind: 'MicrosoftThreatProtection', incidents: 'Enabled', alerts: 'Disabled' });
  if (rnd() < 0.3) connectors.push({ kind: 'AzureActiveDirectory' });
  const alertRules: Json[] = [];
  const incidentRules = Math.floor(rnd() * 4);
  for (let k = 0; k < incidentRules; k++) {
    const [product, short] = PRODUCTS[Math.floor(rnd() * PRODUCTS.length)]!;
    alertRules.push({
      name: `incidents-${k + 1}`,
      kind: 'MicrosoftSecurityIncidentCreation',
      displayName: `Create incidents from ${short} alerts`,
      productFilter: product,
      enabled: rnd() < 0.8,
    });
  }
  if (rnd() < 0.5) alertRules.push({ name: 'BuiltInFusion', kind: 'Fusion', displayName: 'Advanced Multistage Attack Detection', enabled: true });
  const scheduled = Math.floor(rnd() * 3);
  for (let k = 0; k < scheduled; k++) {
    alertRules.push({ name: `scheduled-${k + 1}`, kind: 'Scheduled', displayName: `Suspicious sign-ins ${k + 1}`, enabled: rnd() < 0.9 });
  }
  const automationRules = Array.from({ length: Math.floor(rnd() * 3) }, (_, k) => ({ name: `ar-${k + 1}`, displayName: `Triage rule ${k + 1}` }));
  return { dataConnectors: connectors, alertRules, automationRules, ...(rnd() < 0.05 ? { sentinelCustomerManagedKey: true } : {}) };
}

/**
 * A sandbox tenant fixture of `subscriptions` subscriptions holding `workspaces` Log Analytics
 * workspaces between them (names `law-<subscription>-<n>`), with mixed Sentinel, connector and
 * rule states, a Lighthouse-delegated subscription (the 2nd, from 3 subscriptions), the bot's
 * least-privileged Graph permissions and Reader everywhere, and optionally one workspace that the
 * portal connected before the bot came. Deterministic for a seed; it passes the fixture validation.
 */
export function generateTenant(options: GenerateTenantOptions): Json {
  const seed = options.seed ?? '1';
  const rnd = random(seed);
  const tenantId = deterministicGuid('generated-tenant', seed);
  const n = options.subscriptions;
  const connectedAt = options.connected === undefined ? Math.max(1, Math.ceil(n * 0.97)) : options.connected;
  const lighthouseAt = n >= 3 ? 2 : null;
  const { dana, ravi, lena, socAnalysts } = GENERATED_PEOPLE;
  let connectedWorkspace: string | null = null;

  const subscriptions = Array.from({ length: n }, (_, s) => {
    const index = s + 1;
    const id = deterministicGuid('generated-subscription', seed, String(index));
    const count = Math.floor(options.workspaces / n) + (s < options.workspaces % n ? 1 : 0);
    const workspaces = Array.from({ length: count }, (_, w) => {
      const sentinel = rnd() < 0.65;
      return {
        resourceGroup: `rg-${pad(index, 3)}-${w % 3 === 0 ? 'soc' : w % 3 === 1 ? 'ops' : 'apps'}`,
        name: `law-${pad(index, 3)}-${pad(w + 1, 2)}`,
        location: LOCATIONS[Math.floor(rnd() * LOCATIONS.length)],
        sentinel,
        ...(sentinel ? sentinelContent(rnd) : { dataConnectors: [], alertRules: [], automationRules: [] }),
      } as Json & { resourceGroup: string; name: string };
    });
    if (index === connectedAt && workspaces.length > 0) {
      // Connected in the portal: Sentinel on and the XDR connector streaming incidents; the sandbox applies the rest.
      const ws = workspaces[0]!;
      Object.assign(ws, { sentinel: true, dataConnectors: [{ kind: 'MicrosoftThreatProtection', incidents: 'Enabled', alerts: 'Enabled' }] });
      ws.alertRules ??= [];
      ws.automationRules ??= [];
      connectedWorkspace = `${id}/${ws.resourceGroup}/${ws.name}`;
    }
    const lighthouse = index === lighthouseAt && index !== connectedAt;
    return {
      id,
      displayName: lighthouse ? `Customer ${pad(index, 3)} (Lighthouse)` : `Subscription ${pad(index, 3)}`,
      ...(lighthouse ? { tenantId: deterministicGuid('customer-tenant', seed), managedByTenants: [tenantId] } : {}),
      roleAssignments: [
        { principalId: ravi, role: 'Owner', scope: 'subscription' },
        { principalId: socAnalysts, role: 'Microsoft Sentinel Reader', scope: 'subscription' },
      ],
      workspaces,
    };
  });

  return {
    tenantId,
    defenderXdr: true,
    users: [
      { id: dana, displayName: 'Dana Okafor (SOC lead)', upn: 'dana@contoso.example', entraRoles: [], groups: [socAnalysts] },
      { id: ravi, displayName: 'Ravi Menon (Security admin)', upn: 'ravi@contoso.example', entraRoles: ['Security Administrator'], groups: [] },
      { id: lena, displayName: 'Lena Vogt (Analyst)', upn: 'lena@contoso.example', entraRoles: [], groups: [socAnalysts] },
    ],
    groups: [{ id: socAnalysts, displayName: 'SOC analysts' }],
    servicePrincipals: FIRST_PARTY_APPS.map((app) => ({
      id: deterministicGuid('servicePrincipal', tenantId, app.appId),
      appId: app.appId,
      displayName: app.displayName,
    })),
    // Least privilege: the first permission of each Graph read the sandbox emulates.
    botAccess: { graph: Object.values(GRAPH_ENDPOINT_PERMISSIONS).map((list) => list[0]), armReader: ['*'] },
    subscriptions,
    connectedWorkspace,
  };
}
