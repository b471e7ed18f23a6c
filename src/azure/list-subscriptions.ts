import type { ServiceClient } from '@azure/core-client';
import { createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import type { SubscriptionInfo } from './ports';

const API_VERSION = '2022-12-01';

interface SubscriptionListPage {
  value?: { subscriptionId?: string; displayName?: string; tenantId?: string; managedByTenants?: { tenantId?: string }[] }[];
  nextLink?: string;
}

/**
 * `GET /subscriptions` through an SDK pipeline (auth, retries) without
 * `@azure/arm-resources`; follows `nextLink`. Keeps each subscription's `tenantId` and
 * `managedByTenants` (a subscription of another tenant is delegated through Azure Lighthouse).
 */
export async function listSubscriptions(client: ServiceClient, endpoint: string, signal: AbortSignal, insecure: boolean): Promise<SubscriptionInfo[]> {
  const result: SubscriptionInfo[] = [];
  let url: string | undefined = `${endpoint.replace(/\/+$/, '')}/subscriptions?api-version=${API_VERSION}`;
  while (url) {
    const request = createPipelineRequest({ url, method: 'GET', abortSignal: signal, allowInsecureConnection: insecure });
    request.headers.set('Accept', 'application/json');
    const response = await client.sendRequest(request);
    if (response.status >= 300) {
      throw new RestError(`GET /subscriptions answered ${response.status}: ${response.bodyAsText ?? ''}`.trim(), {
        statusCode: response.status,
        request,
        response,
      });
    }
    let page: SubscriptionListPage;
    try {
      page = JSON.parse(response.bodyAsText ?? '') as SubscriptionListPage;
    } catch (err) {
      throw new RestError(`unparsable subscription list: ${(err as Error).message}`, { code: RestError.PARSE_ERROR, statusCode: response.status });
    }
    if (!Array.isArray(page.value)) throw new RestError('subscription list without "value"', { code: RestError.PARSE_ERROR, statusCode: response.status });
    for (const s of page.value) {
      if (!s.subscriptionId) continue;
      const info: SubscriptionInfo = { subscriptionId: s.subscriptionId, displayName: s.displayName ?? s.subscriptionId };
      // 2022-12-01: the subscription's own tenant and the tenants managing it (Azure Lighthouse).
      if (typeof s.tenantId === 'string' && s.tenantId !== '') info.tenantId = s.tenantId.toLowerCase();
      const managers = (s.managedByTenants ?? []).map((m) => m.tenantId?.toLowerCase()).filter((t): t is string => typeof t === 'string' && t !== '');
      if (managers.length > 0) info.managedByTenants = managers;
      result.push(info);
    }
    url = page.nextLink;
  }
  return result;
}
