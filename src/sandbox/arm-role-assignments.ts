import { fixtureScopeToId, scopeContains } from './arm-ids';
import { SANDBOX_TIMESTAMP } from './arm-resources';
import type { ArmContext, ArmRequest } from './arm-request';
import { armError, ok, type EmulatedResponse } from './emulated-response';
import type { FixtureRoleAssignment, FixtureSubscription, TenantFixture } from './fixture-schema';
import { pageArmList } from './page-arm-list';
import { parseRoleFilter } from './parse-role-filter';
import { AZURE_ROLES } from './role-catalog';
import { roleAssignmentHasCondition } from './schema-features';
import { principalTypeOf } from './tenant-lookup';

type Json = Record<string, unknown>;

/** Each role assignment of the tenant with its subscription and ARM scope id. */
export function eachRoleAssignment(tenant: TenantFixture, eligible: boolean): { sub: FixtureSubscription; ra: FixtureRoleAssignment; scope: string }[] {
  return tenant.subscriptions.flatMap((sub) =>
    sub.roleAssignments.filter((ra) => (ra.eligible === true) === eligible).map((ra) => ({ sub, ra, scope: fixtureScopeToId(sub.id, ra.scope) })),
  );
}

/** The full role definition id of a role in a subscription. */
export const roleDefinitionId = (subscriptionId: string, role: FixtureRoleAssignment['role']): string =>
  `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${AZURE_ROLES[role]}`;

/** An active role assignment in the ARM shape of `apiVersion` (condition fields from 2020-03-01-preview). */
function assignmentJson(tenant: TenantFixture, sub: FixtureSubscription, ra: FixtureRoleAssignment, scope: string, apiVersion: string): Json {
  const name = ra.name ?? '';
  const conditional = roleAssignmentHasCondition(apiVersion)
    ? { condition: ra.condition ?? null, conditionVersion: ra.condition ? (ra.conditionVersion ?? '2.0') : null }
    : {};
  return {
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
    name,
    type: 'Microsoft.Authorization/roleAssignments',
    properties: {
      roleDefinitionId: roleDefinitionId(sub.id, ra.role),
      principalId: ra.principalId,
      principalType: principalTypeOf(tenant, ra.principalId),
      scope,
      ...conditional,
      createdOn: SANDBOX_TIMESTAMP,
      updatedOn: SANDBOX_TIMESTAMP,
      createdBy: null,
      updatedBy: null,
      delegatedManagedIdentityResourceId: null,
      description: null,
    },
  };
}

/**
 * `GET {scope}/providers/Microsoft.Authorization/roleAssignments`: active assignments
 * (never PIM-eligible ones) at, above and below the scope; with `atScope()` only at or above.
 */
export function listRoleAssignments(ctx: ArmContext, req: ArmRequest, scope: string): EmulatedResponse {
  const parsed = parseRoleFilter(ctx.tenant, req.query.get('$filter'));
  if (typeof parsed === 'string') return armError(400, 'InvalidFilter', parsed);
  const value = eachRoleAssignment(ctx.tenant, false)
    .filter(({ ra, scope: at }) => {
      const inRange = scopeContains(at, scope) || (!parsed.atScope && scopeContains(scope, at));
      return inRange && (!parsed.principals || parsed.principals.has(ra.principalId.toLowerCase()));
    })
    .map(({ sub, ra, scope: at }) => assignmentJson(ctx.tenant, sub, ra, at, req.apiVersion));
  return pageArmList(req, value, ctx.pageSize);
}

/** `GET {scope}/providers/Microsoft.Authorization/roleAssignments/{name}`. */
export function getRoleAssignment(ctx: ArmContext, req: ArmRequest, scope: string, name: string): EmulatedResponse {
  const found = eachRoleAssignment(ctx.tenant, false).find(
    ({ ra, scope: at }) => (ra.name ?? '').toLowerCase() === name.toLowerCase() && at.toLowerCase() === scope.toLowerCase(),
  );
  return found
    ? ok(assignmentJson(ctx.tenant, found.sub, found.ra, found.scope, req.apiVersion))
    : armError(404, 'RoleAssignmentNotFound', `The role assignment '${name}' is not found.`);
}
