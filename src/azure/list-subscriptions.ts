import type { ServiceClient } from '@azure/core-client';
import { armList } from './arm-get';
import type { SubscriptionInfo } from './ports';

const API_VERSION = '2022-12-01';

interface SubscriptionItem {
  subscriptionId?: string;
  displayName?: string;
  tenantId?: string;
  managedByTenants?: { tenantId?: string }[];
}

/**
 * `GET /subscriptions` through an SDK pipeline (auth, retries) without
 * `@azure/arm-resources`; follows `nextLink`. Keeps each subscription's `tenantId` and
 * `managedByTenants` (a subscription of another tenant is delegated through Azure Lighthouse).
 */
export async function listSubscriptions(client: ServiceClient, endpoint: string, signal: AbortSignal, insecure: boolean): Promise<SubscriptionInfo[]> {
  const items = await armList<SubscriptionItem>(client, `${endpoint.replace(/\/+$/, '')}/subscriptions?api-version=${API_VERSION}`, signal, insecure);
  const result: SubscriptionInfo[] = [];
  for (const s of items) {
    if (!s.subscriptionId) continue;
    const info: SubscriptionInfo = { subscriptionId: s.subscriptionId, displayName: s.displayName ?? s.subscriptionId };
    // 2022-12-01: the subscription's own tenant and the tenants managing it (Azure Lighthouse).
    if (typeof s.tenantId === 'string' && s.tenantId !== '') info.tenantId = s.tenantId.toLowerCase();
    const managers = (s.managedByTenants ?? []).map((m) => m.tenantId?.toLowerCase()).filter((t): t is string => typeof t === 'string' && t !== '');
    if (managers.length > 0) info.managedByTenants = managers;
    result.push(info);
  }
  return result;
}
