import { graphError, ok, type EmulatedResponse } from './emulated-response';
import type { TenantFixture } from './fixture-schema';
import { graphPage, type GraphPageRequest } from './graph-page';
import { graphAllows, graphReadsObject, type GraphEndpoint } from './graph-permissions';
import {
  directoryRoleAssignmentsJson,
  groupTransitiveMembersJson,
  roleEligibilityInstancesJson,
  servicePrincipalJson,
  subscribedSkusJson,
  transitiveMemberOfJson,
  transitiveRoleAssignmentsJson,
  userJson,
  withExpandedPrincipal,
  type ReadableTypes,
} from './graph-resources';

type Json = Record<string, unknown>;

/** A Graph request as the emulator sees it. */
export interface GraphRequest extends GraphPageRequest {
  method: string;
  /** Path without `/sandbox/graph` and without the query string, e.g. `/v1.0/users/{id}`. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

const notFound = (what: string): EmulatedResponse =>
  graphError(404, 'Request_ResourceNotFound', `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`);

const unsupported = (message: string): EmulatedResponse => graphError(400, 'Request_UnsupportedQuery', message);

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
  return graphPage(req, 'roleManagement/directory/transitiveRoleAssignments', transitiveRoleAssignmentsJson(tenant, principalId));
}

/** Which directory objects the bot may read in full, by what `botAccess.graph` grants. */
function readableTypes(tenant: TenantFixture): ReadableTypes {
  const granted = tenant.botAccess?.graph;
  return { user: graphReadsObject(granted, 'user'), group: graphReadsObject(granted, 'group') };
}

/** `$select` on a directoryObject collection: the fields asked for, and `@odata.type`. */
function selected(req: GraphRequest, items: Json[]): Json[] {
  const select = req.query.get('$select');
  if (!select) return items;
  const fields = select.split(',').map((f) => f.trim());
  return items.map((o) => Object.fromEntries(Object.entries(o).filter(([k]) => k === '@odata.type' || fields.includes(k))));
}

/**
 * `$filter` on v1.0 roleAssignments: `principalId eq '…'`, `principalId in ('…', …)` (both
 * documented for unifiedRoleAssignment.principalId), `roleDefinitionId eq '…'`, joined by `and`.
 */
function roleAssignments(tenant: TenantFixture, req: GraphRequest): EmulatedResponse {
  let principals: Set<string> | undefined;
  let role: string | undefined;
  const filter = req.query.get('$filter')?.trim();
  for (const term of filter ? filter.split(/\s+and\s+/i) : []) {
    const eq = /^(principalId|roleDefinitionId)\s+eq\s+'([^']*)'$/i.exec(term);
    const within = /^principalId\s+in\s+\(([^)]*)\)$/i.exec(term);
    if (eq && eq[1]!.toLowerCase() === 'principalid') principals = new Set([eq[2]!.toLowerCase()]);
    else if (eq) role = eq[2]!.toLowerCase();
    else if (within) principals = new Set(within[1]!.split(',').map((v) => v.trim().replace(/^'|'$/g, '').toLowerCase()));
    else return unsupported(`Unsupported filter "${term}"; supported: principalId eq '{id}', principalId in ('{id}', …), roleDefinitionId eq '{id}'.`);
  }
  const expand = req.query.get('$expand')?.trim();
  if (expand && expand.toLowerCase() !== 'principal') return unsupported(`Unsupported $expand "${expand}"; supported: principal.`);
  const items = directoryRoleAssignmentsJson(tenant).filter(
    (a) => (!principals || principals.has(String(a.principalId).toLowerCase())) && (!role || String(a.roleDefinitionId).toLowerCase() === role),
  );
  return graphPage(req, 'roleManagement/directory/roleAssignments', expand ? withExpandedPrincipal(tenant, items, readableTypes(tenant)) : items);
}

/**
 * `users/{id}/transitiveMemberOf` (optionally cast to `microsoft.graph.group`, which needs
 * `ConsistencyLevel: eventual` and `$count`, as the reference says), with `$select`.
 */
function transitiveMemberOf(tenant: TenantFixture, req: GraphRequest, id: string, cast: string | undefined): EmulatedResponse {
  const user = tenant.users.find((u) => u.id.toLowerCase() === id.toLowerCase() || u.upn.toLowerCase() === id.toLowerCase());
  if (!user) return notFound(id);
  if (cast !== undefined && cast.toLowerCase() !== 'microsoft.graph.group') return notFound(req.path);
  if (cast !== undefined && (String(req.headers['consistencylevel'] ?? '').toLowerCase() !== 'eventual' || req.query.get('$count') !== 'true')) {
    return unsupported('An OData cast on transitiveMemberOf requires the header ConsistencyLevel: eventual and $count=true.');
  }
  const granted = tenant.botAccess?.graph;
  let items = transitiveMemberOfJson(tenant, user, { group: graphReadsObject(granted, 'group'), directoryRole: graphReadsObject(granted, 'directoryRole') });
  if (cast !== undefined) items = items.filter((o) => o['@odata.type'] === '#microsoft.graph.group');
  const select = req.query.get('$select');
  if (select) {
    const fields = select.split(',').map((f) => f.trim());
    items = items.map((o) => Object.fromEntries(Object.entries(o).filter(([k]) => k === '@odata.type' || fields.includes(k))));
  }
  return graphPage(req, cast ? 'groups' : 'directoryObjects', items);
}

/** `groups/{id}/transitiveMembers`, with `$select`; an unknown group is Graph's 404. */
function groupTransitiveMembers(tenant: TenantFixture, req: GraphRequest, id: string): EmulatedResponse {
  if (!tenant.groups.some((g) => g.id.toLowerCase() === id.toLowerCase())) return notFound(id);
  return graphPage(req, 'directoryObjects', selected(req, groupTransitiveMembersJson(tenant, id, readableTypes(tenant))));
}

/** `$filter` on eligibility instances: `principalId eq '…'` and / or `roleDefinitionId eq '…'`. */
function roleEligibilityInstances(tenant: TenantFixture, req: GraphRequest): EmulatedResponse {
  const wanted: Record<string, string> = {};
  const filter = req.query.get('$filter')?.trim();
  for (const term of filter ? filter.split(/\s+and\s+/i) : []) {
    const m = /^(principalId|roleDefinitionId)\s+eq\s+'([^']*)'$/i.exec(term);
    if (!m) return unsupported(`Unsupported filter "${term}"; supported: principalId eq '{id}', roleDefinitionId eq '{id}'.`);
    wanted[m[1]!.toLowerCase()] = m[2]!.toLowerCase();
  }
  const items = roleEligibilityInstancesJson(tenant).filter(
    (i) =>
      (!wanted.principalid || String(i.principalId).toLowerCase() === wanted.principalid) &&
      (!wanted.roledefinitionid || String(i.roleDefinitionId).toLowerCase() === wanted.roledefinitionid),
  );
  return graphPage(req, 'roleManagement/directory/roleEligibilityScheduleInstances', items);
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
  return graphPage(req, 'servicePrincipals', list.map(servicePrincipalJson));
}

/** Which endpoint (for its permissions) a path is, or undefined for one the emulator does not serve. */
function endpointOf(version: string, seg: string[]): GraphEndpoint | undefined {
  const route = seg.join('/').toLowerCase();
  // transitiveRoleAssignments exists in beta only (no v1.0 page in the Graph reference).
  if (route === 'rolemanagement/directory/transitiveroleassignments') return version === 'beta' ? 'transitiveRoleAssignments' : undefined;
  if (route === 'rolemanagement/directory/roleassignments') return 'roleAssignments';
  if (seg[0]?.toLowerCase() === 'users' && seg[2]?.toLowerCase() === 'transitivememberof' && seg.length <= 4) return 'transitiveMemberOf';
  if (route === 'rolemanagement/directory/roleeligibilityscheduleinstances') return 'roleEligibilityScheduleInstances';
  if (seg[0]?.toLowerCase() === 'groups' && seg[2]?.toLowerCase() === 'transitivemembers' && seg.length === 3) return 'groupTransitiveMembers';
  if (route === 'subscribedskus') return 'subscribedSkus';
  if (seg[0]?.toLowerCase() === 'serviceprincipals' && seg.length <= 2) return 'servicePrincipals';
  if (seg[0]?.toLowerCase() === 'users' && seg.length <= 2) return 'users';
  return undefined;
}

/**
 * The Microsoft Graph emulator (`/v1.0/…` and `/beta/…`): users and their transitive
 * memberships, groups' transitive members, service principals, subscribed SKUs, Entra role
 * assignments (v1.0 direct ones, with `$expand=principal`; beta transitive ones) and PIM eligibility instances. A read
 * whose permissions `botAccess.graph` lacks answers 403 Authorization_RequestDenied.
 */
export function routeGraph(tenant: TenantFixture, req: GraphRequest): EmulatedResponse {
  if (req.method !== 'GET') return graphError(405, 'Request_BadRequest', `The sandbox emulates Graph reads only; ${req.method} is not supported.`);
  const [version, ...seg] = req.path
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
  if (version !== 'v1.0' && version !== 'beta') return notFound(req.path);
  const endpoint = endpointOf(version, seg);
  if (!endpoint) return notFound(req.path);
  // The message of Graph's answer to an app without the permission (Learn Q&A 6019739).
  if (!graphAllows(tenant.botAccess?.graph, endpoint))
    return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  switch (endpoint) {
    case 'transitiveRoleAssignments':
      return transitiveRoleAssignments(tenant, req);
    case 'roleAssignments':
      return roleAssignments(tenant, req);
    case 'transitiveMemberOf':
      return transitiveMemberOf(tenant, req, seg[1] ?? '', seg[3]);
    case 'roleEligibilityScheduleInstances':
      return roleEligibilityInstances(tenant, req);
    case 'groupTransitiveMembers':
      return groupTransitiveMembers(tenant, req, seg[1] ?? '');
    case 'subscribedSkus':
      return graphPage(req, 'subscribedSkus', subscribedSkusJson(tenant));
    case 'servicePrincipals':
      return servicePrincipals(tenant, req, seg[1]);
    case 'users': {
      if (seg.length === 1) return graphPage(req, 'users', tenant.users.map(userJson) as Json[]);
      const key = (seg[1] ?? '').toLowerCase();
      const user = tenant.users.find((u) => u.id.toLowerCase() === key || u.upn.toLowerCase() === key);
      return user ? ok({ '@odata.context': `https://graph.microsoft.com/${version}/$metadata#users/$entity`, ...userJson(user) }) : notFound(seg[1] ?? '');
    }
  }
}
