import type { TenantFixture } from './fixture-schema';
import { applyConnectEffects, notFound, refuse, type PortalResult } from './portal-actions';
import { deterministicGuid } from './deterministic-guid';
import { findWorkspaceByKey, workspaceKey, type WorkspaceMatch } from './tenant-lookup';

const MTP = 'MicrosoftThreatProtection';

/**
 * The standalone Microsoft connectors the portal disconnects in a secondary workspace (Defender
 * for Endpoint, Office 365, Identity, Cloud Apps, Entra ID Protection): "Multiple Microsoft
 * Sentinel workspaces in the Defender portal", https://learn.microsoft.com/azure/sentinel/workspaces-defender-portal
 */
export const SECONDARY_REMOVED_CONNECTORS = [
  'MicrosoftDefenderAdvancedThreatProtection',
  'OfficeATP',
  'AzureAdvancedThreatProtection',
  'MicrosoftCloudAppSecurity',
  'AzureActiveDirectory',
] as const;

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The multi model's connected workspaces (canonical keys), the primary first. */
export function connectedKeys(tenant: TenantFixture): string[] {
  const c = tenant.connectedWorkspace;
  return c === null ? [] : Array.isArray(c) ? c : [c];
}

/**
 * Connect in the multi model: the first workspace is the primary and its Defender XDR connector
 * streams incidents and alerts; a later one is a secondary: the role assignment and the rule
 * changes, no Defender XDR connector streaming, its standalone Microsoft connectors removed.
 * `primary: true` for a later one connects it and then makes it the primary.
 */
export function connectMulti(tenant: TenantFixture, key: string, primary: boolean | undefined): PortalResult {
  const match = findWorkspaceByKey(tenant, key);
  if (!match) return notFound(key);
  const canonical = workspaceKey(match);
  if (!match.workspace.sentinel) return refuse(409, 'SentinelNotEnabled', `Microsoft Sentinel is not enabled on workspace ${canonical}`);
  const keys = connectedKeys(tenant);
  const already = keys.find((k) => same(k, canonical));
  if (already) return { ok: true, body: stateBody(tenant, { role: isPrimary(tenant, canonical) ? 'primary' : 'secondary' }) };
  const changes = applyConnectEffects(tenant, match);
  tenant.connectedWorkspace = [...keys, canonical];
  if (!tenant.primary) {
    tenant.primary = canonical;
    streamXdr(match);
    return { ok: true, body: stateBody(tenant, { role: 'primary', ...changes }) };
  }
  stopXdr(match);
  const removed = removeStandaloneConnectors(match);
  if (primary) movePrimary(tenant, canonical);
  return { ok: true, body: stateBody(tenant, { role: primary ? 'primary' : 'secondary', ...changes, connectorsRemoved: removed }) };
}

/** "Set as primary": the Defender XDR connector moves from the primary to this connected workspace. */
export function setPrimary(tenant: TenantFixture, key: string): PortalResult {
  const match = findWorkspaceByKey(tenant, key);
  if (!match) return notFound(key);
  const canonical = workspaceKey(match);
  if (!connectedKeys(tenant).some((k) => same(k, canonical))) {
    return refuse(409, 'WorkspaceNotConnected', `Workspace ${canonical} is not connected to the Defender portal; connect it first`);
  }
  const from = tenant.primary ?? null;
  movePrimary(tenant, canonical);
  return { ok: true, body: stateBody(tenant, { previousPrimary: from }) };
}

/**
 * Disconnect in the multi model: a secondary leaves the list and nothing Azure shows changes;
 * the primary is refused while secondaries remain, else its Defender XDR connector stops.
 */
export function disconnectMulti(tenant: TenantFixture, key: string, reason: string | undefined): PortalResult {
  const match = findWorkspaceByKey(tenant, key);
  if (!match) return notFound(key);
  const canonical = workspaceKey(match);
  const keys = connectedKeys(tenant);
  if (!keys.some((k) => same(k, canonical))) {
    return refuse(409, 'WorkspaceNotConnected', `Workspace ${canonical} is not connected (connected: ${keys.join(', ') || 'none'})`);
  }
  const rest = keys.filter((k) => !same(k, canonical));
  if (isPrimary(tenant, canonical)) {
    if (rest.length > 0) {
      return refuse(409, 'PrimaryHasSecondaries', `Workspace ${canonical} is the primary and ${rest.join(', ')} remain connected; set another primary first`);
    }
    stopXdr(match);
    tenant.primary = null;
  }
  tenant.connectedWorkspace = rest;
  return { ok: true, body: stateBody(tenant, { disconnected: canonical, reason: reason ?? null }) };
}

function isPrimary(tenant: TenantFixture, key: string): boolean {
  return !!tenant.primary && same(tenant.primary, key);
}

function movePrimary(tenant: TenantFixture, key: string): void {
  const from = tenant.primary ? findWorkspaceByKey(tenant, tenant.primary) : undefined;
  if (from) from.workspace.dataConnectors = from.workspace.dataConnectors.filter((dc) => dc.kind !== MTP);
  const to = findWorkspaceByKey(tenant, key);
  if (to) streamXdr(to);
  tenant.primary = key;
}

function streamXdr(match: WorkspaceMatch): void {
  const mtp = match.workspace.dataConnectors.find((dc) => dc.kind === MTP);
  if (mtp) {
    mtp.incidents = 'Enabled';
    mtp.alerts = 'Enabled';
    return;
  }
  match.workspace.dataConnectors.push({
    kind: MTP,
    name: deterministicGuid('dataConnector', match.subscription.id, match.workspace.resourceGroup, match.workspace.name, MTP, 'primary'),
    incidents: 'Enabled',
    alerts: 'Enabled',
  });
}

function stopXdr(match: WorkspaceMatch): void {
  for (const dc of match.workspace.dataConnectors) {
    if (dc.kind === MTP) {
      dc.incidents = 'Disabled';
      dc.alerts = 'Disabled';
    }
  }
}

function removeStandaloneConnectors(match: WorkspaceMatch): string[] {
  const removed = match.workspace.dataConnectors.filter((dc) => (SECONDARY_REMOVED_CONNECTORS as readonly string[]).includes(dc.kind));
  match.workspace.dataConnectors = match.workspace.dataConnectors.filter((dc) => !removed.includes(dc));
  return removed.map((dc) => dc.kind);
}

function stateBody(tenant: TenantFixture, extra: Record<string, unknown>): Record<string, unknown> {
  return { connectedWorkspace: connectedKeys(tenant), primary: tenant.primary ?? null, ...extra };
}
