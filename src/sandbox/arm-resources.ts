import { deterministicGuid } from './deterministic-guid';
import type { FixtureSubscription, FixtureWorkspace } from './fixture-schema';
import { subscriptionId, workspaceId } from './arm-ids';

/** A fixed timestamp, so that answers stay deterministic. */
export const SANDBOX_TIMESTAMP = '2024-01-15T08:00:00.0000000Z';

/**
 * A subscription as `GET /subscriptions` (2022-12-01) returns it: `tenantId` is the
 * subscription's own tenant and `managedByTenants` the tenants managing it through Azure
 * Lighthouse (specification/resources/resource-manager/Microsoft.Resources/subscriptions,
 * examples/2022-12-01/GetSubscriptions.json).
 */
export function subscriptionJson(tenantId: string, sub: FixtureSubscription): Record<string, unknown> {
  return {
    id: subscriptionId(sub.id),
    authorizationSource: 'RoleBased',
    managedByTenants: (sub.managedByTenants ?? []).map((t) => ({ tenantId: t })),
    subscriptionId: sub.id,
    tenantId: sub.tenantId ?? tenantId,
    displayName: sub.displayName,
    state: 'Enabled',
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
  };
}

/** A Log Analytics workspace as `Microsoft.OperationalInsights/workspaces` returns it. */
export function workspaceJson(sub: FixtureSubscription, ws: FixtureWorkspace): Record<string, unknown> {
  const id = workspaceId(sub.id, ws.resourceGroup, ws.name);
  return {
    id,
    name: ws.name,
    type: 'Microsoft.OperationalInsights/workspaces',
    location: ws.location,
    tags: {},
    etag: `"${deterministicGuid('etag', id).slice(0, 8)}-0000-0d00-0000-65a4e6c00000"`,
    properties: {
      provisioningState: 'Succeeded',
      customerId: deterministicGuid('customerId', id),
      sku: { name: 'PerGB2018', lastSkuUpdate: SANDBOX_TIMESTAMP },
      retentionInDays: 90,
      features: { legacy: 0, searchVersion: 1, enableLogAccessUsingOnlyResourcePermissions: true },
      workspaceCapping: { dailyQuotaGb: -1, quotaNextResetTime: SANDBOX_TIMESTAMP, dataIngestionStatus: 'RespectQuota' },
      publicNetworkAccessForIngestion: 'Enabled',
      publicNetworkAccessForQuery: 'Enabled',
      createdDate: SANDBOX_TIMESTAMP,
      modifiedDate: SANDBOX_TIMESTAMP,
    },
  };
}
