import type { ServiceClient } from '@azure/core-client';
import { createPipelineRequest, RestError } from '@azure/core-rest-pipeline';

/** An ARM list page: its items and the link to the next page. */
interface ArmListPage<T> {
  value?: T[];
  nextLink?: string;
}

/**
 * `GET` one ARM URL through an SDK pipeline (auth, retries) and parse its JSON; an answer of
 * 300 or more is thrown as the SDK throws it (a RestError whose response holds ARM's error body).
 */
export async function armGet<T>(client: ServiceClient, url: string, signal: AbortSignal, insecure: boolean): Promise<T> {
  const request = createPipelineRequest({ url, method: 'GET', abortSignal: signal, allowInsecureConnection: insecure });
  request.headers.set('Accept', 'application/json');
  const response = await client.sendRequest(request);
  const path = new URL(url).pathname;
  if (response.status >= 300) {
    throw new RestError(`GET ${path} answered ${response.status}: ${response.bodyAsText ?? ''}`.trim(), { statusCode: response.status, request, response });
  }
  try {
    return JSON.parse(response.bodyAsText ?? '') as T;
  } catch (err) {
    throw new RestError(`unparsable answer to GET ${path}: ${(err as Error).message}`, { code: RestError.PARSE_ERROR, statusCode: response.status });
  }
}

/** Every item of an ARM list, following `nextLink` page by page (ARM pages every list it may page). */
export async function armList<T>(client: ServiceClient, firstUrl: string, signal: AbortSignal, insecure: boolean): Promise<T[]> {
  const items: T[] = [];
  let url: string | undefined = firstUrl;
  while (url) {
    const page: ArmListPage<T> = await armGet<ArmListPage<T>>(client, url, signal, insecure);
    if (!Array.isArray(page.value)) {
      throw new RestError(`list without "value" from GET ${new URL(url).pathname}`, { code: RestError.PARSE_ERROR, statusCode: 200 });
    }
    items.push(...page.value);
    url = page.nextLink;
  }
  return items;
}
