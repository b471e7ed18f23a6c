import type { TokenCredential } from '@azure/core-auth';
import { describeCredential } from './credentials';
import { graphGet, graphList, type GraphHttp } from './graph-http';
import { assertObjectId, AzureCallError, odataString, type GraphPort } from './ports';
import { runAzureCall, type CallContext } from './run-azure-call';

/** Options of {@link createGraphAdapter}. */
export interface GraphAdapterOptions {
  /** Default https://graph.microsoft.com (the sandbox: `sandbox.graphBaseUrl(origin)`). */
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
const quote = (value: string): string => encodeURIComponent(odataString(value));

interface ServicePlan {
  servicePlanId?: string;
  servicePlanName?: string;
  provisioningStatus?: string;
}

/** The Graph port over `fetch` with a token from the credential. */
export function createGraphAdapter(options: GraphAdapterOptions): GraphPort {
  const http: GraphHttp = {
    baseUrl: (options.baseUrl ?? 'https://graph.microsoft.com').replace(/\/+$/, ''),
    credential: options.credential,
    fetch: options.fetch ?? globalThis.fetch,
    maxRetries: options.maxRetries ?? 2,
  };
  const ctx: CallContext = { timeoutMs: options.callTimeoutMs ?? 5000, credentialName: describeCredential(options.credential) };
  const nullOn404 = async <T>(promise: Promise<T>): Promise<T | null> => {
    try {
      return await promise;
    } catch (err) {
      if (err instanceof AzureCallError && err.kind === 'not-found') return null;
      throw err;
    }
  };

  return {
    hasDefenderXdr: () =>
      runAzureCall('list subscribed SKUs', ctx, async (signal) => {
        const skus = await graphList(http, 'list subscribed SKUs', '/v1.0/subscribedSkus', {}, signal);
        return skus.some((sku) =>
          ((sku.servicePlans ?? []) as ServicePlan[]).some(
            (p) => (p.servicePlanName === 'MTP' || p.servicePlanId?.toLowerCase() === MTP_PLAN_ID) && p.provisioningStatus?.toLowerCase() === 'success',
          ),
        );
      }),

    listEntraRoleTemplateIds: (principalId) =>
      runAzureCall(`list Entra roles of ${principalId}`, ctx, async (signal) => {
        assertObjectId(principalId, `list Entra roles of ${principalId}`);
        const path = `/beta/roleManagement/directory/transitiveRoleAssignments?$count=true&$filter=principalId%20eq%20'${quote(principalId)}'`;
        const list = await graphList(http, `list Entra roles of ${principalId}`, path, { ConsistencyLevel: 'eventual' }, signal);
        // Only tenant-wide assignments count; a role scoped to an administrative unit does not.
        const ids = list.filter((a) => (a.directoryScopeId ?? '/') === '/').map((a) => String(a.roleDefinitionId ?? '').toLowerCase());
        return [...new Set(ids.filter(Boolean))];
      }),

    getUser: (id) =>
      nullOn404(
        runAzureCall(`get user ${id}`, ctx, async (signal) => {
          assertObjectId(id, `get user ${id}`);
          const user = await graphGet(http, `get user ${id}`, `/v1.0/users/${encodeURIComponent(id)}`, {}, signal);
          return { id: String(user.id ?? id), displayName: String(user.displayName ?? ''), userPrincipalName: String(user.userPrincipalName ?? '') };
        }),
      ),

    findServicePrincipal: (appId) =>
      runAzureCall(`find service principal of app ${appId}`, ctx, async (signal) => {
        const list = await graphList(
          http,
          `find service principal of app ${appId}`,
          `/v1.0/servicePrincipals?$filter=appId%20eq%20'${quote(appId)}'`,
          {},
          signal,
        );
        const sp = list[0];
        return sp ? { id: String(sp.id ?? ''), appId: String(sp.appId ?? appId), displayName: String(sp.displayName ?? '') } : null;
      }),
  };
}
