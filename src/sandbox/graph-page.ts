import { graphError, ok, type EmulatedResponse } from './emulated-response';

type Json = Record<string, unknown>;

/** What a Graph collection page needs from the request. */
export interface GraphPageRequest {
  path: string;
  query: URLSearchParams;
  /** `<origin>/sandbox/graph`, for `@odata.nextLink`. */
  graphBase: string;
}

/** Graph's default page size (https://learn.microsoft.com/graph/paging: 100 for users and most lists). */
export const GRAPH_DEFAULT_PAGE = 100;

/**
 * A Graph collection page: at most `$top` (1–999) or 100 items, with `@odata.nextLink`
 * (`$skiptoken`) while more remain. `$top` outside 1–999 gets Graph's 400.
 */
export function graphPage(req: GraphPageRequest, context: string, items: Json[]): EmulatedResponse {
  const version = req.path.split('/')[1] ?? 'v1.0';
  const topText = req.query.get('$top');
  const top = topText === null ? GRAPH_DEFAULT_PAGE : Number(topText);
  if (!Number.isInteger(top) || top < 1 || top > 999) {
    return graphError(400, 'Request_UnsupportedQuery', `Invalid page size specified: '${topText}'. Must be between 1 and 999 inclusive.`);
  }
  const skip = Number(req.query.get('$skiptoken') ?? 0) || 0;
  const body: Json = { '@odata.context': `https://graph.microsoft.com/${version}/$metadata#${context}`, value: items.slice(skip, skip + top) };
  if (skip + top < items.length) {
    const next = new URLSearchParams(req.query);
    next.set('$skiptoken', String(skip + top));
    body['@odata.nextLink'] = `${req.graphBase}${req.path}?${next.toString()}`;
  }
  return ok(body);
}
