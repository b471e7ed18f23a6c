import { fixtureScopeToId, scopeContains } from './arm-ids';
import { SANDBOX_TIMESTAMP } from './arm-resources';
import { armError, ok, type EmulatedResponse } from './emulated-response';
import type { TenantFixture } from './fixture-schema';
import { AZURE_ROLES } from './role-catalog';
import { principalAndGroups, principalTypeOf } from './tenant-lookup';

/** What a `$filter` on role assignments asks for. */
interface RoleAssignmentFilter {
  atScope: boolean;
  /** Principal ids whose assignments count (a principal and its groups for assignedTo()). */
  principals?: Set<string>;
}

/** Parses `atScope()`, `assignedTo('{id}')`, `principalId eq '{id}'`, joined by `and`. */
function parseFilter(tenant: TenantFixture, filter: string | null): RoleAssignmentFilter | string {
  const parsed: RoleAssignmentFilter = { atScope: false };
  if (!filter?.trim()) return parsed;
  for (const term of filter.trim().split(/\s+and\s+/i)) {
    const assignedTo = /^assignedTo\('([^']+)'\)$/i.exec(term);
    const principal = /^principalId\s+eq\s+'([^']+)'$/i.exec(term);
    if (/^atScope\(\)$/i.test(term)) parsed.atScope = true;
    else if (assignedTo?.[1]) parsed.principals = principalAndGroups(tenant, assignedTo[1]);
    else if (principal?.[1]) parsed.principals = new Set([principal[1].toLowerCase()]);
    else return `Unsupported $filter term "${term}"; supported: atScope(), assignedTo('{id}'), principalId eq '{id}'`;
  }
  return parsed;
}

/** Every role assignment of the tenant in ARM JSON shape. */
function allAssignments(tenant: TenantFixture): Record<string, unknown>[] {
  return tenant.subscriptions.flatMap((sub) =>
    sub.roleAssignments.map((ra) => {
      const scope = fixtureScopeToId(sub.id, ra.scope);
      const name = ra.name ?? '';
      return {
        id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
        name,
        type: 'Microsoft.Authorization/roleAssignments',
        properties: {
          roleDefinitionId: `/subscriptions/${sub.id}/providers/Microsoft.Authorization/roleDefinitions/${AZURE_ROLES[ra.role]}`,
          principalId: ra.principalId,
          principalType: principalTypeOf(tenant, ra.principalId),
          scope,
          condition: null,
          conditionVersion: null,
          createdOn: SANDBOX_TIMESTAMP,
          updatedOn: SANDBOX_TIMESTAMP,
          createdBy: null,
          updatedBy: null,
          delegatedManagedIdentityResourceId: null,
          description: null,
        },
      };
    }),
  );
}

const propsOf = (ra: Record<string, unknown>): { scope: string; principalId: string } => ra.properties as { scope: string; principalId: string };

/**
 * `GET {scope}/providers/Microsoft.Authorization/roleAssignments`: those at,
 * above and below the scope; with `atScope()` only at or above.
 */
export function listRoleAssignments(tenant: TenantFixture, scope: string, filter: string | null): EmulatedResponse {
  const parsed = parseFilter(tenant, filter);
  if (typeof parsed === 'string') return armError(400, 'InvalidFilter', parsed);
  const value = allAssignments(tenant).filter((ra) => {
    const { scope: at, principalId } = propsOf(ra);
    const inRange = scopeContains(at, scope) || (!parsed.atScope && scopeContains(scope, at));
    return inRange && (!parsed.principals || parsed.principals.has(principalId.toLowerCase()));
  });
  return ok({ value });
}

/** `GET {scope}/providers/Microsoft.Authorization/roleAssignments/{name}`. */
export function getRoleAssignment(tenant: TenantFixture, scope: string, name: string): EmulatedResponse {
  const found = allAssignments(tenant).find(
    (ra) => String(ra.name).toLowerCase() === name.toLowerCase() && propsOf(ra).scope.toLowerCase() === scope.toLowerCase(),
  );
  return found ? ok(found) : armError(404, 'RoleAssignmentNotFound', `The role assignment '${name}' is not found.`);
}
