import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createArmAdapter, createGraphAdapter, createSandboxCredential, type ArmAdapterOptions, type GraphAdapterOptions } from '../../src/azure';
import { createSandbox, loadTenantFixture, type Sandbox, type SandboxOptions, type TenantFixture } from '../../src/sandbox';

/** A sandbox on a real HTTP server (port 0), with adapters pointed at it. */
export interface SandboxHarness {
  sandbox: Sandbox;
  origin: string;
  arm(options?: Partial<ArmAdapterOptions>): ReturnType<typeof createArmAdapter>;
  graph(options?: Partial<GraphAdapterOptions>): ReturnType<typeof createGraphAdapter>;
  /** A raw request to the server; JSON body in and out. */
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export const SUB = 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0';
export const PROD = { subscriptionId: SUB, resourceGroup: 'rg-soc', name: 'law-soc-prod' };
export const STAGING = { subscriptionId: SUB, resourceGroup: 'rg-soc', name: 'law-soc-staging' };
export const OPS = { subscriptionId: SUB, resourceGroup: 'rg-ops', name: 'law-ops-metrics' };
export const DANA = '11111111-1111-4111-8111-111111111111';
export const RAVI = '22222222-2222-4222-8222-222222222222';
export const SOC_ANALYSTS = 'a0000000-0000-4000-8000-0000000050c0';
export const MTP_APP = '8ee8fdad-f234-4243-8f3b-15c294843740';
export const WDATP_APP = 'fc780465-2017-40d4-a0c5-307022471b92';
export const ROLE = {
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  uaa: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  sentinelContributor: 'ab8e14d6-4a74-4a29-9ba8-549422addade',
  sentinelReader: '8d289c81-5878-46d4-8554-54e1e3d8b5cb',
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  globalAdmin: '62e90394-69f5-4237-9190-012177145e10',
  securityAdmin: '194ae4cb-b126-40b2-bd5b-6091b380977d',
  securityReader: '5d6b6bb7-de71-4623-b4af-96380a352509',
};

/** Starts a sandbox (default: the built-in sample tenant) on an ephemeral port. */
export async function startSandbox(options: Partial<Omit<SandboxOptions, 'tenant'>> & { tenant?: TenantFixture } = {}): Promise<SandboxHarness> {
  const sandbox = createSandbox({ ...options, tenant: options.tenant ?? loadTenantFixture(), latencyMs: options.latencyMs ?? 0 });
  const server = http.createServer((req, res) => {
    void sandbox.handle(req, res).then((handled) => {
      if (!handled) {
        res.statusCode = 404;
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const credential = createSandboxCredential();
  return {
    sandbox,
    origin,
    arm: (opts = {}) => createArmAdapter({ endpoint: sandbox.armBaseUrl(origin), credential, insecureSandbox: true, ...opts }),
    graph: (opts = {}) => createGraphAdapter({ baseUrl: sandbox.graphBaseUrl(origin), credential, ...opts }),
    async request(method, path, body, headers = {}) {
      const res = await fetch(`${origin}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json', ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* keep the raw text: some tests send malformed bodies on purpose */
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The sample tenant with extra cases: lower-case connector states, scoped roles, a group with an Entra role. */
export function customTenant(overrides: Partial<TenantFixture> = {}): TenantFixture {
  const tenant = loadTenantFixture();
  tenant.groups.push({ id: 'b0000000-0000-4000-8000-0000000050c1', displayName: 'Security readers', entraRoles: ['Security Reader'] });
  tenant.users.push({
    id: '44444444-4444-4444-8444-444444444444',
    displayName: 'Kai Berg (Auditor)',
    upn: 'kai@contoso.example',
    entraRoles: ['Global Reader'],
    groups: ['b0000000-0000-4000-8000-0000000050c1'],
  });
  const sub = tenant.subscriptions[0]!;
  sub.roleAssignments.push(
    { principalId: DANA, role: 'User Access Administrator', scope: 'subscription' },
    { principalId: DANA, role: 'Microsoft Sentinel Contributor', scope: 'resourceGroup:rg-soc' },
    { principalId: '44444444-4444-4444-8444-444444444444', role: 'Reader', scope: 'workspace:rg-soc/law-soc-prod' },
  );
  sub.workspaces[1]!.dataConnectors = [{ kind: 'MicrosoftThreatProtection', incidents: 'enabled', alerts: 'enabled' }];
  return { ...tenant, ...overrides };
}
