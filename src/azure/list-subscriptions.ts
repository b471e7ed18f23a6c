import type { ServiceClient } from '@azure/core-client';
import { createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import type { SubscriptionInfo } from './ports';

const API_VERSION = '2022-12-01';

interface SubscriptionListPage {
  value?: { subscriptionId?: string; displayName?: string }[];
  nextLink?: string;
}

/**
 * `GET /subscriptions` through an SDK pipeline (auth, retries) without
 * `@azure/arm-resources`; follows `nextLink`.
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
      if (s.subscriptionId) result.push({ subscriptionId: s.subscriptionId, displayName: s.displayName ?? s.subscriptionId });
    }
    url = page.nextLink;
  }
  return result;
}
