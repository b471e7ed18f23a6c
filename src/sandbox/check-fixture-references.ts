import type { z } from 'zod';

interface Refs {
  tenantId: string;
  users: { id: string; groups: string[] }[];
  groups: { id: string; groups?: string[] }[];
  servicePrincipals?: { id: string }[];
  botAccess?: { armReader?: string[] };
  subscriptions: {
    id: string;
    tenantId?: string;
    managedByTenants?: string[];
    roleAssignments: { principalId: string }[];
    workspaces: { resourceGroup: string; name: string }[];
  }[];
  connectedWorkspace: string | string[] | null;
  workspaceModel?: 'single' | 'multi';
}

const low = (s: string): string => s.toLowerCase();

/** Cross-field checks of a fixture: every id it refers to exists, with a message saying which. */
export function checkFixtureReferences(tenant: Refs, ctx: z.RefinementCtx): void {
  const add = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const groupIds = new Set(tenant.groups.map((g) => low(g.id)));
  const subIds = new Set(tenant.subscriptions.map((s) => low(s.id)));
  const principalIds = new Set([...groupIds, ...tenant.users.map((u) => low(u.id)), ...(tenant.servicePrincipals ?? []).map((s) => low(s.id))]);
  tenant.users.forEach((u, i) =>
    u.groups.forEach((g, j) => {
      if (!groupIds.has(low(g))) add(['users', i, 'groups', j], `group ${g} is not in "groups"`);
    }),
  );
  tenant.groups.forEach((g, i) =>
    (g.groups ?? []).forEach((parent, j) => {
      if (!groupIds.has(low(parent))) add(['groups', i, 'groups', j], `group ${parent} is not in "groups"`);
      else if (low(parent) === low(g.id)) add(['groups', i, 'groups', j], 'a group cannot be a member of itself');
    }),
  );
  tenant.subscriptions.forEach((s, i) => {
    s.roleAssignments.forEach((ra, j) => {
      if (!principalIds.has(low(ra.principalId))) {
        add(['subscriptions', i, 'roleAssignments', j, 'principalId'], `principal ${ra.principalId} is not a user, group or service principal of the fixture`);
      }
    });
    const foreign = s.tenantId !== undefined && low(s.tenantId) !== low(tenant.tenantId);
    if (foreign && !(s.managedByTenants ?? []).some((t) => low(t) === low(tenant.tenantId))) {
      add(
        ['subscriptions', i, 'managedByTenants'],
        `a subscription of tenant ${s.tenantId} is seen from this tenant through Azure Lighthouse only: list ${tenant.tenantId} in "managedByTenants"`,
      );
    }
  });
  (tenant.botAccess?.armReader ?? []).forEach((id, i) => {
    if (id !== '*' && !subIds.has(low(id)))
      add(['botAccess', 'armReader', i], `subscription ${id} is not in "subscriptions"; accepted: "*" or a fixture subscription id`);
  });
  const connected =
    tenant.connectedWorkspace === null ? [] : Array.isArray(tenant.connectedWorkspace) ? tenant.connectedWorkspace : [tenant.connectedWorkspace];
  if (Array.isArray(tenant.connectedWorkspace) && tenant.workspaceModel !== 'multi') {
    add(
      ['connectedWorkspace'],
      'a list of connected workspaces needs "workspaceModel": "multi"; accepted: null or one "<subscriptionId>/<resourceGroup>/<workspaceName>"',
    );
  }
  connected.forEach((key) => {
    const [sub, rg, name] = low(key).split('/');
    const found = tenant.subscriptions.some((s) => low(s.id) === sub && s.workspaces.some((w) => low(w.resourceGroup) === rg && low(w.name) === name));
    if (!found) {
      add(
        ['connectedWorkspace'],
        `workspace ${key} is not in "subscriptions"; ` + 'accepted: null or "<subscriptionId>/<resourceGroup>/<workspaceName>" of a fixture workspace',
      );
    }
  });
}
