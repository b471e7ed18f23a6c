import { deterministicGuid } from './deterministic-guid';
import type { FixtureServicePrincipal, FixtureUser, TenantFixture } from './fixture-schema';
import { transitiveGroupsOf } from './group-membership';
import { ENTRA_ROLES, MTP_SERVICE_PLAN } from './role-catalog';

type Json = Record<string, unknown>;

/** A user as `GET /v1.0/users/{id}` returns it (default property set). */
export function userJson(user: FixtureUser): Json {
  return {
    id: user.id,
    displayName: user.displayName,
    userPrincipalName: user.upn,
    mail: user.upn,
    businessPhones: [],
    givenName: null,
    surname: null,
    jobTitle: null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
  };
}

/** A service principal as `GET /v1.0/servicePrincipals` returns it (a subset). */
export function servicePrincipalJson(sp: FixtureServicePrincipal): Json {
  return {
    id: sp.id,
    appId: sp.appId,
    displayName: sp.displayName,
    appDisplayName: sp.displayName,
    servicePrincipalType: 'Application',
    accountEnabled: true,
    appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
    servicePrincipalNames: [sp.appId],
    tags: [],
  };
}

const plan = (servicePlanId: string, servicePlanName: string): Json => ({ servicePlanId, servicePlanName, provisioningStatus: 'Success', appliesTo: 'User' });

/** `subscribedSkus`: Microsoft 365 E5 (with the MTP plan) when the tenant has Defender XDR, Office 365 E3 otherwise. */
export function subscribedSkusJson(tenant: TenantFixture): Json[] {
  const sku = tenant.defenderXdr
    ? {
        skuId: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
        skuPartNumber: 'SPE_E5',
        plans: [plan(MTP_SERVICE_PLAN.servicePlanId, MTP_SERVICE_PLAN.servicePlanName)],
      }
    : { skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900', skuPartNumber: 'ENTERPRISEPACK', plans: [] };
  return [
    {
      accountName: 'Contoso',
      accountId: tenant.tenantId,
      appliesTo: 'User',
      capabilityStatus: 'Enabled',
      consumedUnits: tenant.users.length,
      id: `${tenant.tenantId}_${sku.skuId}`,
      prepaidUnits: { enabled: 25, suspended: 0, warning: 0, lockedOut: 0 },
      servicePlans: [plan('efb87545-963c-4e0d-99df-69c6916d9eb0', 'EXCHANGE_S_ENTERPRISE'), ...sku.plans],
      skuId: sku.skuId,
      skuPartNumber: sku.skuPartNumber,
      subscriptionIds: [],
    },
  ];
}

/**
 * `transitiveRoleAssignments` for a principal: its own Entra roles and those of every group
 * it is in, nesting expanded (the assignment's principalId is then the group holding the role).
 */
export function transitiveRoleAssignmentsJson(tenant: TenantFixture, principalId: string): Json[] {
  const id = principalId.toLowerCase();
  const user = tenant.users.find((u) => u.id.toLowerCase() === id);
  const groups = transitiveGroupsOf(tenant, principalId);
  const holders = [
    ...(user ? [{ id: user.id, roles: user.entraRoles }] : []),
    ...tenant.groups.filter((g) => g.id.toLowerCase() === id || groups.has(g.id.toLowerCase())).map((g) => ({ id: g.id, roles: g.entraRoles ?? [] })),
  ];
  return assignmentsOf(holders);
}

/**
 * `roleManagement/directory/roleEligibilityScheduleInstances`: the users' PIM-eligible Entra roles
 * (`users[].eligibleEntraRoles`), in the shape of unifiedRoleEligibilityScheduleInstance
 * (microsoft-graph-docs-contrib api-reference/v1.0/resources/unifiedroleeligibilityscheduleinstance.md).
 */
export function roleEligibilityInstancesJson(tenant: TenantFixture): Json[] {
  return tenant.users.flatMap((u) =>
    (u.eligibleEntraRoles ?? []).map((role) => ({
      id: deterministicGuid('entraRoleEligibilityInstance', u.id, role),
      principalId: u.id,
      roleDefinitionId: ENTRA_ROLES[role],
      directoryScopeId: '/',
      appScopeId: null,
      startDateTime: '2024-01-15T08:00:00Z',
      endDateTime: null,
      memberType: 'Direct',
      roleEligibilityScheduleId: deterministicGuid('entraRoleEligibilitySchedule', u.id, role),
    })),
  );
}

/**
 * `GET /v1.0/users/{id}/transitiveMemberOf`: the user's groups, nesting expanded, and the directory
 * roles the user holds actively (directly or through a group), as directoryObjects. An object the
 * app may not read comes back with its `@odata.type` and `id` only, the rest null (the "limited
 * information" note of the Graph reference, e.g. api-reference/v1.0/api/directoryobject-getbyids.md).
 */
export function transitiveMemberOfJson(tenant: TenantFixture, user: FixtureUser, readable: { group: boolean; directoryRole: boolean }): Json[] {
  const groups = transitiveGroupsOf(tenant, user.id);
  const memberGroups = tenant.groups.filter((g) => groups.has(g.id.toLowerCase()));
  const roles = [...new Set([...user.entraRoles, ...memberGroups.flatMap((g) => g.entraRoles ?? [])])];
  const limited = (type: string, id: string, fields: Json): Json => ({
    '@odata.type': type,
    id,
    ...Object.fromEntries(Object.keys(fields).map((k) => [k, null])),
  });
  return [
    ...memberGroups.map((g) => {
      const fields: Json = { displayName: g.displayName, securityEnabled: true, mailEnabled: false, isAssignableToRole: (g.entraRoles ?? []).length > 0 };
      return readable.group ? { '@odata.type': '#microsoft.graph.group', id: g.id, ...fields } : limited('#microsoft.graph.group', g.id, fields);
    }),
    ...roles.map((role) => {
      const id = deterministicGuid('directoryRole', tenant.tenantId, role);
      const fields: Json = { displayName: role, description: null, roleTemplateId: ENTRA_ROLES[role] };
      return readable.directoryRole
        ? { '@odata.type': '#microsoft.graph.directoryRole', id, ...fields }
        : limited('#microsoft.graph.directoryRole', id, fields);
    }),
  ];
}

/** Tenant-wide Entra role assignments of these holders, in the unifiedRoleAssignment shape. */
function assignmentsOf(holders: { id: string; roles: readonly (keyof typeof ENTRA_ROLES)[] }[]): Json[] {
  return holders.flatMap((h) =>
    h.roles.map((role) => ({
      id: deterministicGuid('entraRoleAssignment', h.id, role),
      principalId: h.id,
      directoryScopeId: '/',
      appScopeId: null,
      roleDefinitionId: ENTRA_ROLES[role],
    })),
  );
}

/**
 * `GET /v1.0/roleManagement/directory/roleAssignments`: the direct (not transitive) Entra role
 * assignments of users and role-assignable groups, tenant-wide, in the unifiedRoleAssignment shape
 * (api-reference/v1.0/resources/unifiedroleassignment.md).
 */
export function directoryRoleAssignmentsJson(tenant: TenantFixture): Json[] {
  const holders = [...tenant.users.map((u) => ({ id: u.id, roles: u.entraRoles })), ...tenant.groups.map((g) => ({ id: g.id, roles: g.entraRoles ?? [] }))];
  return assignmentsOf(holders);
}

/** Which types of directory object the app may read in full (the rest: `@odata.type` and `id` only). */
export interface ReadableTypes {
  user: boolean;
  group: boolean;
}

/** A user or group as a directoryObject, in full or with limited information. */
function directoryObjectJson(tenant: TenantFixture, id: string, readable: ReadableTypes): Json | undefined {
  const user = tenant.users.find((u) => u.id.toLowerCase() === id.toLowerCase());
  if (user) {
    const json = { '@odata.type': '#microsoft.graph.user', ...userJson(user) };
    return readable.user ? json : limitedInformation(json);
  }
  const group = tenant.groups.find((g) => g.id.toLowerCase() === id.toLowerCase());
  if (!group) return undefined;
  const json = {
    '@odata.type': '#microsoft.graph.group',
    id: group.id,
    displayName: group.displayName,
    securityEnabled: true,
    mailEnabled: false,
    isAssignableToRole: (group.entraRoles ?? []).length > 0,
  };
  return readable.group ? json : limitedInformation(json);
}

/** The object with its `@odata.type` and `id` only, every other property null ("limited information"). */
function limitedInformation(json: Json): Json {
  return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, k === '@odata.type' || k === 'id' ? v : null]));
}

/**
 * `roleAssignments?$expand=principal`: each assignment with its principal as a directoryObject
 * (user or role-assignable group), in full or with limited information.
 */
export function withExpandedPrincipal(tenant: TenantFixture, assignments: Json[], readable: ReadableTypes): Json[] {
  return assignments.map((a) => ({ ...a, principal: directoryObjectJson(tenant, String(a.principalId), readable) ?? null }));
}

/**
 * `GET /v1.0/groups/{id}/transitiveMembers`: the users and groups in the group, at every level of
 * nesting (`users[].groups`, `groups[].groups`), as directoryObjects.
 */
export function groupTransitiveMembersJson(tenant: TenantFixture, groupId: string, readable: ReadableTypes): Json[] {
  const id = groupId.toLowerCase();
  const members = [...tenant.users.map((u) => u.id), ...tenant.groups.map((g) => g.id)].filter((m) => transitiveGroupsOf(tenant, m).has(id));
  return members.flatMap((m): Json[] => {
    const json = directoryObjectJson(tenant, m, readable);
    return json ? [json] : [];
  });
}
