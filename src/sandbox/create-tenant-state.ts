import { deterministicGuid } from './deterministic-guid';
import type { FixtureSubscription, FixtureWorkspace, TenantFixture } from './fixture-schema';
import { connectWorkspace } from './portal-actions';
import { connectedKeys, connectMulti } from './portal-multi';
import { FIRST_PARTY_APPS } from './role-catalog';
import { roleAssignmentName } from './role-assignment-name';

/** The deterministic name of a data connector that the fixture did not name. */
function connectorName(sub: FixtureSubscription, ws: FixtureWorkspace, kind: string, index: number): string {
  return deterministicGuid('dataConnector', sub.id, ws.resourceGroup, ws.name, kind, String(index));
}

/**
 * The mutable tenant the sandbox serves: a copy of the fixture with the
 * first-party service principals added when it lists none (a fixture that lists
 * service principals has only those: a tenant may lack one of the apps), every
 * role assignment and data connector named, and `connectedWorkspace`'s portal
 * effects applied.
 */
export function createTenantState(fixture: TenantFixture): TenantFixture {
  const tenant = structuredClone(fixture);
  tenant.servicePrincipals ??= FIRST_PARTY_APPS.map((app) => ({
    id: deterministicGuid('servicePrincipal', tenant.tenantId, app.appId),
    appId: app.appId,
    displayName: app.displayName,
  }));
  for (const sub of tenant.subscriptions) {
    for (const ra of sub.roleAssignments) ra.name ??= roleAssignmentName(sub.id, ra);
    for (const ws of sub.workspaces) {
      ws.dataConnectors.forEach((dc, i) => (dc.name ??= connectorName(sub, ws, dc.kind, i)));
    }
  }
  if (tenant.workspaceModel === 'multi') {
    // The primary first (the fixture's `primary`, else the first listed), then the secondaries.
    const keys = connectedKeys(tenant);
    const primary = tenant.primary ?? keys[0];
    tenant.connectedWorkspace = [];
    tenant.primary = null;
    for (const key of primary ? [primary, ...keys.filter((k) => k.toLowerCase() !== primary.toLowerCase())] : []) {
      const result = connectMulti(tenant, key, false);
      if (!result.ok) throw new Error(`connectedWorkspace ${key}: ${result.message}`);
    }
  } else if (typeof tenant.connectedWorkspace === 'string') {
    const key = tenant.connectedWorkspace;
    tenant.connectedWorkspace = null;
    const result = connectWorkspace(tenant, key);
    if (!result.ok) throw new Error(`connectedWorkspace ${key}: ${result.message}`);
  }
  return tenant;
}
