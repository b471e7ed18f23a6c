import type { TenantFixture } from './fixture-schema';
import { roleAssignmentName } from './role-assignment-name';
import { findWorkspaceByKey, workspaceKey, type WorkspaceMatch } from './tenant-lookup';
import { FIRST_PARTY_APPS } from './role-catalog';

/** What a simulated portal action did, or why it refused (an HTTP status and ARM-style code). */
export type PortalResult = { ok: true; body: Record<string, unknown> } | { ok: false; status: number; code: string; message: string };

export const refuse = (status: number, code: string, message: string): PortalResult => ({ ok: false, status, code, message });

/**
 * What the Defender portal does on Connect: Microsoft Sentinel Contributor at
 * subscription scope for both first-party apps (those the tenant has), the
 * workspace's enabled Microsoft incident creation rules disabled, its Fusion rule
 * (BuiltInFusion) turned off ("This rule is disabled when you onboard Microsoft
 * Sentinel to the Defender portal": https://learn.microsoft.com/azure/sentinel/move-to-defender),
 * the connection recorded. Connecting the already connected workspace again is harmless.
 */
export function connectWorkspace(tenant: TenantFixture, key: string): PortalResult {
  const match = findWorkspaceByKey(tenant, key);
  if (!match) return notFound(key);
  const canonical = workspaceKey(match);
  const connected = singleConnected(tenant);
  if (connected && connected.toLowerCase() !== canonical.toLowerCase()) {
    return refuse(409, 'AnotherWorkspaceConnected', `Workspace ${connected} is connected; disconnect it first`);
  }
  if (!match.workspace.sentinel) return refuse(409, 'SentinelNotEnabled', `Microsoft Sentinel is not enabled on workspace ${canonical}`);
  const changes = applyConnectEffects(tenant, match);
  tenant.connectedWorkspace = canonical;
  return { ok: true, body: { connectedWorkspace: canonical, ...changes } };
}

export const notFound = (key: string): PortalResult =>
  refuse(404, 'WorkspaceNotFound', `Workspace ${key} is not in the tenant; use "<subscriptionId>/<resourceGroup>/<workspaceName>"`);

/** The single model's connected workspace (a string or null there). */
function singleConnected(tenant: TenantFixture): string | null {
  const c = tenant.connectedWorkspace;
  return Array.isArray(c) ? (c[0] ?? null) : c;
}

/**
 * What connecting does to any workspace, primary or secondary: Microsoft Sentinel Contributor for
 * both first-party apps, the Microsoft incident creation rules and the Fusion rule turned off.
 */
export function applyConnectEffects(
  tenant: TenantFixture,
  match: WorkspaceMatch,
): { roleAssignmentsCreated: string[]; alertRulesDisabled: string[]; fusionRulesDisabled: string[] } {
  const { subscription, workspace } = match;
  const assigned: string[] = [];
  for (const app of FIRST_PARTY_APPS) {
    const sp = (tenant.servicePrincipals ?? []).find((s) => s.appId.toLowerCase() === app.appId);
    if (!sp) continue;
    const wanted = { principalId: sp.id, role: 'Microsoft Sentinel Contributor' as const, scope: 'subscription' };
    const exists = subscription.roleAssignments.some(
      (ra) => !ra.eligible && ra.principalId.toLowerCase() === sp.id.toLowerCase() && ra.role === wanted.role && ra.scope === wanted.scope,
    );
    if (!exists) {
      const name = roleAssignmentName(subscription.id, wanted);
      subscription.roleAssignments.push({ ...wanted, name });
      assigned.push(name);
    }
  }
  const disabled = workspace.alertRules.filter((r) => r.kind === 'MicrosoftSecurityIncidentCreation' && r.enabled);
  disabled.forEach((r) => (r.enabled = false));
  // The docs speak of "the Fusion rule": the one Sentinel creates is BuiltInFusion (wortell/AZSentinel#133); any Fusion rule goes off.
  const fusion = workspace.alertRules.filter((r) => r.kind === 'Fusion' && r.enabled);
  fusion.forEach((r) => (r.enabled = false));
  return { roleAssignmentsCreated: assigned, alertRulesDisabled: disabled.map((r) => r.name), fusionRulesDisabled: fusion.map((r) => r.name) };
}

/**
 * What the Defender portal does on Disconnect: the workspace's Defender XDR
 * connector stops (incidents and alerts `Disabled`) and the connection record
 * is cleared; the apps' role assignments stay.
 */
export function disconnectWorkspace(tenant: TenantFixture, key: string, reason: string | undefined): PortalResult {
  const match = findWorkspaceByKey(tenant, key);
  if (!match) return notFound(key);
  const canonical = workspaceKey(match);
  const connected = singleConnected(tenant);
  if (connected?.toLowerCase() !== canonical.toLowerCase()) {
    return refuse(409, 'WorkspaceNotConnected', `Workspace ${canonical} is not the connected workspace (connected: ${connected ?? 'none'})`);
  }
  for (const dc of match.workspace.dataConnectors) {
    if (dc.kind === 'MicrosoftThreatProtection') {
      dc.incidents = 'Disabled';
      dc.alerts = 'Disabled';
    }
  }
  tenant.connectedWorkspace = null;
  return { ok: true, body: { connectedWorkspace: null, disconnected: canonical, reason: reason ?? null } };
}
