import { botCanRead } from './arm-access';
import { workspaceJson } from './arm-resources';
import { eachRoleAssignment, roleDefinitionId } from './arm-role-assignments';
import type { FixtureSubscription, TenantFixture } from './fixture-schema';
import type { GraphRow, KqlResult } from './resource-graph-run';
import { principalTypeOf } from './tenant-lookup';
import { SANDBOX_TIMESTAMP } from './arm-resources';

/** The columns every Resource Graph table has, in the order Resource Graph lists them. */
const STANDARD_COLUMNS = [
  'id',
  'name',
  'type',
  'tenantId',
  'kind',
  'location',
  'resourceGroup',
  'subscriptionId',
  'managedBy',
  'sku',
  'plan',
  'properties',
  'tags',
  'identity',
  'zones',
  'extendedLocation',
];

/** The subscriptions a query covers: those it names (or all), and only those the bot can read, as Resource Graph filters by RBAC. */
function scopedSubscriptions(tenant: TenantFixture, subscriptions: string[] | undefined): FixtureSubscription[] {
  const wanted = subscriptions?.map((s) => s.toLowerCase());
  return tenant.subscriptions.filter((s) => botCanRead(tenant, s.id) && (!wanted || wanted.includes(s.id.toLowerCase())));
}

const row = (tenant: TenantFixture, sub: FixtureSubscription, fields: GraphRow): GraphRow => ({
  kind: '',
  location: '',
  resourceGroup: '',
  managedBy: '',
  sku: null,
  plan: null,
  tags: {},
  identity: null,
  zones: null,
  extendedLocation: null,
  tenantId: sub.tenantId ?? tenant.tenantId,
  subscriptionId: sub.id,
  ...fields,
});

/**
 * `resources`: the Log Analytics workspaces (the only resources a fixture has). Resource Graph lower-cases
 * `type` and `resourceGroup`; `id` and `name` keep the casing ARM has.
 */
function resourcesTable(tenant: TenantFixture, subscriptions: string[] | undefined): KqlResult {
  const rows = scopedSubscriptions(tenant, subscriptions).flatMap((sub) =>
    sub.workspaces.map((ws) => {
      const arm = workspaceJson(sub, ws);
      return row(tenant, sub, {
        id: arm.id,
        name: arm.name,
        type: 'microsoft.operationalinsights/workspaces',
        location: ws.location,
        resourceGroup: ws.resourceGroup.toLowerCase(),
        properties: arm.properties,
        tags: arm.tags,
      });
    }),
  );
  return { columns: STANDARD_COLUMNS, rows };
}

/**
 * `authorizationresources`: the active role assignments (`microsoft.authorization/roleassignments`), their
 * `properties` as the roleAssignments API has them. PIM-eligible ones are not role assignments.
 */
function authorizationResourcesTable(tenant: TenantFixture, subscriptions: string[] | undefined): KqlResult {
  const readable = new Set(scopedSubscriptions(tenant, subscriptions).map((s) => s.id));
  const rows = eachRoleAssignment(tenant, false)
    .filter(({ sub }) => readable.has(sub.id))
    .map(({ sub, ra, scope }) =>
      row(tenant, sub, {
        id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${ra.name ?? ''}`,
        name: ra.name ?? '',
        type: 'microsoft.authorization/roleassignments',
        resourceGroup: /\/resourceGroups\/([^/]+)/i.exec(scope)?.[1]?.toLowerCase() ?? '',
        properties: {
          roleDefinitionId: roleDefinitionId(sub.id, ra.role),
          principalId: ra.principalId,
          principalType: principalTypeOf(tenant, ra.principalId),
          scope,
          condition: ra.condition ?? null,
          conditionVersion: ra.condition ? (ra.conditionVersion ?? '2.0') : null,
          createdOn: SANDBOX_TIMESTAMP,
          updatedOn: SANDBOX_TIMESTAMP,
          createdBy: null,
          updatedBy: null,
          delegatedManagedIdentityResourceId: null,
          description: null,
        },
      }),
    );
  return { columns: STANDARD_COLUMNS, rows };
}

/** The tables a query may start from, for the subscriptions of the request. */
export function resourceGraphTables(tenant: TenantFixture, subscriptions: string[] | undefined): Record<string, () => KqlResult> {
  return {
    resources: () => resourcesTable(tenant, subscriptions),
    authorizationresources: () => authorizationResourcesTable(tenant, subscriptions),
  };
}
