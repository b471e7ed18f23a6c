import { graphError, ok, type EmulatedResponse } from './emulated-response';
import type { TenantFixture } from './fixture-schema';
import { servicePrincipalJson, subscribedSkusJson, transitiveRoleAssignmentsJson, userJson } from './graph-resources';

type Json = Record<string, unknown>;

/** A Graph request as the emulator sees it. */
export interface GraphRequest {
  method: string;
  /** Path without `/sandbox/graph` and without the query string, e.g. `/v1.0/users/{id}`. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  /** `<origin>/sandbox/graph`, for `@odata.context` and `@odata.nextLink`. */
  graphBase: string;
}

const notFound = (what: string): EmulatedResponse =>
  graphError(404, 'Request_ResourceNotFound', `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`);

const unsupported = (message: string): EmulatedResponse => graphError(400, 'Request_UnsupportedQuery', message);

/** A Graph collection page: `$top` and `$skiptoken` page it, with `@odata.nextLink`. */
function page(req: GraphRequest, context: string, items: Json[]): EmulatedResponse {
  const version = req.path.split('/')[1] ?? 'v1.0';
  const top = Number(req.query.get('$top') ?? items.length) || items.length;
  const skip = Number(req.query.get('$skiptoken') ?? 0) || 0;
  const body: Json = { '@odata.context': `https://graph.microsoft.com/${version}/$metadata#${context}`, value: items.slice(skip, skip + top) };
  if (skip + top < items.length) {
    const next = new URLSearchParams(req.query);
    next.set('$skiptoken', String(skip + top));
    body['@odata.nextLink'] = `${req.graphBase}${req.path}?${next.toString()}`;
  }
  return ok(body);
}

/** `$filter=<field> eq '<value>'` → value, or undefined. */
function eqFilter(query: URLSearchParams, field: string): string | undefined {
  const match = new RegExp(`^\\s*${field}\\s+eq\\s+'([^']*)'\\s*$`, 'i').exec(query.get('$filter') ?? '');
  return match?.[1];
}

function transitiveRoleAssignments(tenant: TenantFixture, req: GraphRequest): EmulatedResponse {
  if (String(req.headers['consistencylevel'] ?? '').toLowerCase() !== 'eventual') {
    return unsupported('transitiveRoleAssignments requires the header ConsistencyLevel: eventual.');
  }
  const principalId = eqFilter(req.query, 'principalId');
  if (!principalId) return unsupported("transitiveRoleAssignments requires $filter=principalId eq '{id}'.");
  return page(req, 'roleManagement/directory/transitiveRoleAssignments', transitiveRoleAssignmentsJson(tenant, principalId));
}

function servicePrincipals(tenant: TenantFixture, req: GraphRequest, id: string | undefined): EmulatedResponse {
  const sps = tenant.servicePrincipals ?? [];
  if (id) {
    const sp = sps.find((s) => s.id.toLowerCase() === id.toLowerCase());
    return sp ? ok({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#servicePrincipals/$entity', ...servicePrincipalJson(sp) }) : notFound(id);
  }
  const appId = eqFilter(req.query, 'appId');
  if (req.query.get('$filter') && appId === undefined) return unsupported("Only $filter=appId eq '{appId}' is supported on servicePrincipals.");
  const list = sps.filter((s) => appId === undefined || s.appId.toLowerCase() === appId.toLowerCase());
  return page(req, 'servicePrincipals', list.map(servicePrincipalJson));
}

/**
 * The Microsoft Graph emulator (`/v1.0/…` and `/beta/…`): users, service
 * principals, subscribed SKUs and transitive Entra role assignments.
 */
export function routeGraph(tenant: TenantFixture, req: GraphRequest): EmulatedResponse {
  if (req.method !== 'GET') return graphError(405, 'Request_BadRequest', `The sandbox emulates Graph reads only; ${req.method} is not supported.`);
  const [version, ...seg] = req.path
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
  if (version !== 'v1.0' && version !== 'beta') return notFound(req.path);
  const route = seg.join('/').toLowerCase();
  if (route === 'rolemanagement/directory/transitiveroleassignments') return transitiveRoleAssignments(tenant, req);
  if (route === 'subscribedskus') return page(req, 'subscribedSkus', subscribedSkusJson(tenant));
  if (seg[0]?.toLowerCase() === 'serviceprincipals' && seg.length <= 2) return servicePrincipals(tenant, req, seg[1]);
  if (seg[0]?.toLowerCase() === 'users' && seg.length === 2) {
    const key = (seg[1] ?? '').toLowerCase();
    const user = tenant.users.find((u) => u.id.toLowerCase() === key || u.upn.toLowerCase() === key);
    return user ? ok({ '@odata.context': `https://graph.microsoft.com/${version}/$metadata#users/$entity`, ...userJson(user) }) : notFound(seg[1] ?? '');
  }
  if (route === 'users') return page(req, 'users', tenant.users.map(userJson));
  return notFound(req.path);
}
