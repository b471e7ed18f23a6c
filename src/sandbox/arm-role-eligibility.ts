import { scopeContains } from './arm-ids';
import { SANDBOX_TIMESTAMP } from './arm-resources';
import type { ArmContext, ArmRequest } from './arm-request';
import { eachRoleAssignment, roleDefinitionId } from './arm-role-assignments';
import { deterministicGuid } from './deterministic-guid';
import { armError, type EmulatedResponse } from './emulated-response';
import type { FixtureRoleAssignment, FixtureSubscription, TenantFixture } from './fixture-schema';
import { pageArmList } from './page-arm-list';
import { parseRoleFilter } from './parse-role-filter';
import { principalTypeOf } from './tenant-lookup';

type Json = Record<string, unknown>;

function scopeInfo(sub: FixtureSubscription, ra: FixtureRoleAssignment, scope: string): Json {
  if (ra.scope.startsWith('resourceGroup:')) return { id: scope, displayName: ra.scope.slice('resourceGroup:'.length), type: 'resourcegroup' };
  if (ra.scope.startsWith('workspace:')) return { id: scope, displayName: ra.scope.split('/').pop(), type: 'resource' };
  return { id: scope, displayName: sub.displayName, type: 'subscription' };
}

function principalInfo(tenant: TenantFixture, id: string): Json {
  const lower = id.toLowerCase();
  const user = tenant.users.find((u) => u.id.toLowerCase() === lower);
  const named = user ?? tenant.groups.find((g) => g.id.toLowerCase() === lower) ?? (tenant.servicePrincipals ?? []).find((s) => s.id.toLowerCase() === lower);
  return { id, displayName: named?.displayName ?? id, email: user?.upn ?? null, type: principalTypeOf(tenant, id) };
}

/**
 * A role eligibility schedule instance as
 * specification/authorization/resource-manager/Microsoft.Authorization/stable/2020-10-01/RoleEligibilityScheduleInstance.json
 * describes it. `memberType` is Group when the instance reached the asked principal through a group
 * (how the live service sets it there is not documented beyond "Inherited, Direct or Group").
 */
function instanceJson(tenant: TenantFixture, sub: FixtureSubscription, ra: FixtureRoleAssignment, scope: string, viaGroup: boolean): Json {
  const name = deterministicGuid('roleEligibilityScheduleInstance', scope, ra.principalId, ra.role);
  const definition = roleDefinitionId(sub.id, ra.role);
  const scheduleName = deterministicGuid('roleEligibilitySchedule', scope, ra.principalId, ra.role);
  return {
    id: `${scope}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/${name}`,
    name,
    type: 'Microsoft.Authorization/roleEligibilityScheduleInstances',
    properties: {
      scope,
      roleDefinitionId: definition,
      principalId: ra.principalId,
      principalType: principalTypeOf(tenant, ra.principalId),
      roleEligibilityScheduleId: `${scope}/providers/Microsoft.Authorization/roleEligibilitySchedules/${scheduleName}`,
      status: 'Provisioned',
      startDateTime: SANDBOX_TIMESTAMP,
      endDateTime: null,
      memberType: viaGroup ? 'Group' : 'Direct',
      condition: ra.condition ?? null,
      conditionVersion: ra.condition ? (ra.conditionVersion ?? '2.0') : null,
      createdOn: SANDBOX_TIMESTAMP,
      expandedProperties: {
        scope: scopeInfo(sub, ra, scope),
        roleDefinition: { id: definition, displayName: ra.role, type: 'BuiltInRole' },
        principal: principalInfo(tenant, ra.principalId),
      },
    },
  };
}

/**
 * `GET {scope}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances`: the
 * fixture's `eligible: true` assignments, filtered like role assignments (atScope(),
 * principalId eq, assignedTo() with groups, asTarget()).
 */
export function listRoleEligibilityInstances(ctx: ArmContext, req: ArmRequest, scope: string): EmulatedResponse {
  const parsed = parseRoleFilter(ctx.tenant, req.query.get('$filter'), true);
  if (typeof parsed === 'string') return armError(400, 'InvalidFilter', parsed);
  const assignedTo = /assignedTo\('([^']+)'\)/i.exec(req.query.get('$filter') ?? '')?.[1]?.toLowerCase();
  const value = eachRoleAssignment(ctx.tenant, true)
    .filter(({ ra, scope: at }) => {
      const inRange = scopeContains(at, scope) || (!parsed.atScope && scopeContains(scope, at));
      return inRange && (!parsed.principals || parsed.principals.has(ra.principalId.toLowerCase()));
    })
    .map(({ sub, ra, scope: at }) => instanceJson(ctx.tenant, sub, ra, at, assignedTo !== undefined && assignedTo !== ra.principalId.toLowerCase()));
  return pageArmList(req, value, ctx.pageSize);
}
