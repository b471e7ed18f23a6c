import type { TokenCredential } from '@azure/core-auth';
import { PUBLIC_CLOUD, type Cloud } from '../clouds';
import { describeCredential } from './credentials';
import { graphGet, graphList, type GraphHttp } from './graph-http';
import { GRAPH_READS } from './graph-reads';
import { assertObjectId, AzureCallError, odataString, type DirectoryPrincipal, type GraphPort, type GraphRead } from './ports';
import { runAzureCall, type CallContext } from './run-azure-call';

/** Options of {@link createGraphAdapter}. */
export interface GraphAdapterOptions {
  /** The cloud: its Graph endpoint and token scope (default the public cloud). */
  cloud?: Cloud;
  /** Default the cloud's Graph endpoint (the sandbox: `sandbox.graphBaseUrl(origin)`). The token scope stays the cloud's. */
  baseUrl?: string;
  credential: TokenCredential;
  /** Injected fetch; default the global one. */
  fetch?: typeof fetch;
  /** Deadline of each port call, retries included; default 5000 ms. */
  callTimeoutMs?: number;
  /** Retries of 429 / 503 / 504; default 2. */
  maxRetries?: number;
}

/** Microsoft 365 Defender service plan: the tenant has Defender XDR when it is provisioned. */
const MTP_PLAN_ID = 'bf28f719-7844-4079-9c78-c1307898e192';
/** Microsoft Threat Protection's appId: a first-party app every doctor probe may look up. */
const MTP_APP_ID = '8ee8fdad-f234-4243-8f3b-15c294843740';
/** An object id no principal has: probes read with it, so they touch nothing. */
const NIL_ID = '00000000-0000-0000-0000-000000000000';
/**
 * Principal ids per `principalId in (…)` filter. The Graph reference allows `in` on
 * unifiedRoleAssignment.principalId without naming a limit; 15 keeps each URL short.
 */
const IN_CHUNK = 15;
const GROUP_TYPE = '#microsoft.graph.group';
const USER_TYPE = '#microsoft.graph.user';

/** A directoryObject of a Graph answer as a principal (limited information: no displayName). */
const toPrincipal = (o: Record<string, unknown>): DirectoryPrincipal => ({
  id: String(o.id ?? ''),
  kind: o['@odata.type'] === USER_TYPE ? 'user' : o['@odata.type'] === GROUP_TYPE ? 'group' : 'other',
  displayName: typeof o.displayName === 'string' ? o.displayName : '',
});

const quote = (value: string): string => encodeURIComponent(odataString(value));
const filterEq = (field: string, value: string): string => `$filter=${field}%20eq%20'${quote(value)}'`;

interface ServicePlan {
  servicePlanId?: string;
  servicePlanName?: string;
  provisioningStatus?: string;
}

/** Only tenant-wide assignments count; a role scoped to an administrative unit does not. */
const tenantWideRoleIds = (list: Record<string, unknown>[]): string[] => [
  ...new Set(
    list
      .filter((a) => (a.directoryScopeId ?? '/') === '/')
      .map((a) => String(a.roleDefinitionId ?? '').toLowerCase())
      .filter(Boolean),
  ),
];

/**
 * The Graph port over `fetch` with a token from the credential. Every read is Graph v1.0: the
 * Entra roles a person holds are `roleAssignments` of the person and of every group
 * `transitiveMemberOf` lists (nesting expanded), which answers what the beta-only
 * `transitiveRoleAssignments` answers.
 */
export function createGraphAdapter(options: GraphAdapterOptions): GraphPort {
  const cloud = options.cloud ?? PUBLIC_CLOUD;
  const http: GraphHttp = {
    baseUrl: (options.baseUrl ?? cloud.graphEndpoint).replace(/\/+$/, ''),
    scope: cloud.graphScope,
    credential: options.credential,
    fetch: options.fetch ?? globalThis.fetch,
    maxRetries: options.maxRetries ?? 2,
  };
  const ctx: CallContext = {
    timeoutMs: options.callTimeoutMs ?? 5000,
    credentialName: describeCredential(options.credential),
    service: 'Microsoft Graph',
  };
  const read = <T>(operation: string, what: GraphRead, fn: (signal: AbortSignal) => Promise<T>): Promise<T> =>
    runAzureCall(operation, ctx, fn, GRAPH_READS[what].permission);
  const nullOn404 = async <T>(promise: Promise<T>): Promise<T | null> => {
    try {
      return await promise;
    } catch (err) {
      if (err instanceof AzureCallError && err.kind === 'not-found') return null;
      throw err;
    }
  };

  /** The ids of the groups the user is in, directly or through nested groups (an unknown user: none). */
  const groupIds = async (userId: string): Promise<string[]> => {
    const operation = `list the groups of ${userId}`;
    const list = await nullOn404(
      read(operation, 'memberships', (signal) =>
        graphList(http, operation, `/v1.0/users/${encodeURIComponent(userId)}/transitiveMemberOf?$select=id&$top=999`, {}, signal),
      ),
    );
    // The collection also holds directory roles and administrative units; only groups can hold roles.
    return (list ?? []).filter((o) => o['@odata.type'] === GROUP_TYPE && typeof o.id === 'string').map((o) => String(o.id));
  };

  const roleAssignmentsOf = async (operation: string, principalIds: string[]): Promise<Record<string, unknown>[]> => {
    const chunks: string[][] = [];
    for (let i = 0; i < principalIds.length; i += IN_CHUNK) chunks.push(principalIds.slice(i, i + IN_CHUNK));
    const pages = await Promise.all(
      chunks.map((ids) => {
        const filter = ids.length === 1 ? filterEq('principalId', ids[0]!) : `$filter=principalId%20in%20(${ids.map((id) => `'${quote(id)}'`).join(',')})`;
        return read(operation, 'roleAssignments', (signal) =>
          graphList(http, operation, `/v1.0/roleManagement/directory/roleAssignments?${filter}`, {}, signal),
        );
      }),
    );
    return pages.flat();
  };

  const port: GraphPort = {
    hasDefenderXdr: () =>
      read('list subscribed SKUs', 'subscribedSkus', async (signal) => {
        const skus = await graphList(http, 'list subscribed SKUs', '/v1.0/subscribedSkus', {}, signal);
        return skus.some((sku) =>
          ((sku.servicePlans ?? []) as ServicePlan[]).some(
            (p) => (p.servicePlanName === 'MTP' || p.servicePlanId?.toLowerCase() === MTP_PLAN_ID) && p.provisioningStatus?.toLowerCase() === 'success',
          ),
        );
      }),

    async listEntraRoleTemplateIds(principalId) {
      const operation = `list Entra roles of ${principalId}`;
      assertObjectId(principalId, operation);
      const groups = await groupIds(principalId);
      return tenantWideRoleIds(await roleAssignmentsOf(operation, [principalId, ...groups]));
    },

    listEntraRoleEligibility: (principalId) => {
      const operation = `list PIM-eligible Entra roles of ${principalId}`;
      return read(operation, 'roleEligibility', async (signal) => {
        assertObjectId(principalId, operation);
        const path = `/v1.0/roleManagement/directory/roleEligibilityScheduleInstances?${filterEq('principalId', principalId)}`;
        return tenantWideRoleIds(await graphList(http, operation, path, {}, signal));
      });
    },

    listEntraRoleHolders: (roleTemplateId) => {
      const operation = `list the holders of Entra role ${roleTemplateId}`;
      return read(operation, 'roleAssignments', async (signal) => {
        assertObjectId(roleTemplateId, operation);
        const path = `/v1.0/roleManagement/directory/roleAssignments?${filterEq('roleDefinitionId', roleTemplateId)}&$expand=principal`;
        const list = await graphList(http, operation, path, {}, signal);
        // Only tenant-wide assignments count; a role scoped to an administrative unit does not.
        return list
          .filter((a) => (a.directoryScopeId ?? '/') === '/' && typeof a.principal === 'object' && a.principal !== null)
          .map((a) => toPrincipal(a.principal as Record<string, unknown>))
          .filter((p) => p.id !== '');
      });
    },

    async listGroupMembers(groupId) {
      const operation = `list the members of group ${groupId}`;
      assertObjectId(groupId, operation);
      const path = `/v1.0/groups/${encodeURIComponent(groupId)}/transitiveMembers?$select=id,displayName&$top=999`;
      const list = await nullOn404(read(operation, 'groupMembers', (signal) => graphList(http, operation, path, {}, signal)));
      return (list ?? []).map(toPrincipal).filter((p) => p.id !== '');
    },

    getUser: (id) =>
      nullOn404(
        read(`get user ${id}`, 'users', async (signal) => {
          assertObjectId(id, `get user ${id}`);
          const user = await graphGet(http, `get user ${id}`, `/v1.0/users/${encodeURIComponent(id)}`, {}, signal);
          return { id: String(user.id ?? id), displayName: String(user.displayName ?? ''), userPrincipalName: String(user.userPrincipalName ?? '') };
        }),
      ),

    findServicePrincipal: (appId) =>
      read(`find service principal of app ${appId}`, 'servicePrincipals', async (signal) => {
        const list = await graphList(http, `find service principal of app ${appId}`, `/v1.0/servicePrincipals?${filterEq('appId', appId)}`, {}, signal);
        const sp = list[0];
        return sp ? { id: String(sp.id ?? ''), appId: String(sp.appId ?? appId), displayName: String(sp.displayName ?? '') } : null;
      }),

    async probe(what) {
      const operation = `read ${GRAPH_READS[what].endpoint}`;
      const paths: Record<GraphRead, string> = {
        memberships: `/v1.0/users/${NIL_ID}/transitiveMemberOf?$select=id&$top=1`,
        roleAssignments: `/v1.0/roleManagement/directory/roleAssignments?${filterEq('principalId', NIL_ID)}`,
        roleEligibility: `/v1.0/roleManagement/directory/roleEligibilityScheduleInstances?${filterEq('principalId', NIL_ID)}`,
        subscribedSkus: '/v1.0/subscribedSkus',
        servicePrincipals: `/v1.0/servicePrincipals?${filterEq('appId', MTP_APP_ID)}&$select=id`,
        users: `/v1.0/users/${NIL_ID}`,
        groupMembers: `/v1.0/groups/${NIL_ID}/transitiveMembers?$select=id&$top=1`,
      };
      // A 404 for the nil id means Graph let the bot read and found no such principal.
      await nullOn404(read(operation, what, (signal) => graphGet(http, operation, paths[what], {}, signal)));
    },
  };
  return port;
}
