import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient, PipelineRetryOptions } from '@azure/core-rest-pipeline';
import { PUBLIC_CLOUD, type Cloud } from '../clouds';
import { createArmClients } from './arm-clients';
import {
  propertiesOf,
  toAlertRuleInfo,
  toAutomationRuleInfo,
  toDataConnectorInfo,
  toRoleAssignmentInfo,
  toRoleEligibilityInfo,
  toWorkspaceInfo,
} from './arm-mappers';
import { mapBounded } from './map-bounded';
import { createResourceGraphQuery } from './resource-graph-client';
import { roleAssignmentRows, workspaceRows } from './resource-graph-rows';
import { roleAssignmentsQuery, WORKSPACES_QUERY } from './resource-graph-queries';
import { describeCredential } from './credentials';
import { listSubscriptions } from './list-subscriptions';
import { getWorkspaceResource, listWorkspacesOf } from './workspace-reads';
import { assertObjectId, AzureCallError, odataString, type ArmPort, type RoleAssignmentInfo, type WorkspaceInfo, type WorkspaceRef } from './ports';
import { collect, runAzureCall, type CallContext } from './run-azure-call';
import { SENTINEL_API_VERSIONS } from './sentinel-api-versions';
import { isAbsentOrNotOnboarded } from './sentinel-not-onboarded';

/** Options of {@link createArmAdapter}. */
export interface ArmAdapterOptions {
  /** The cloud: its ARM endpoint and token scope (default the public cloud). */
  cloud?: Cloud;
  /** ARM endpoint; default the cloud's (the sandbox: `sandbox.armBaseUrl(origin)`). The token scope stays the cloud's. */
  endpoint?: string;
  /** The SDK pipelines' HTTP client; default the SDK's own (tests inject one that records). */
  httpClient?: HttpClient;
  credential: TokenCredential;
  /** True for the plain-HTTP sandbox: the SDK bearer policy is replaced (see sandbox-auth-policy). */
  insecureSandbox?: boolean;
  /** Deadline of each port call, SDK retries included; default 5000 ms. */
  callTimeoutMs?: number;
  /** SDK retry tuning; the default retries 3 times within about a second (Retry-After is honoured). */
  retryOptions?: PipelineRetryOptions;
  /** Deadline of each Resource Graph page; default 7000 ms: a query may wait out one quota window (5 s). */
  resourceGraphTimeoutMs?: number;
  /** Rows per Resource Graph page; default 1000 (its maximum). */
  resourceGraphPageSize?: number;
  /** Told when Resource Graph was refused or did not answer and the per-subscription ARM reads stood in. */
  onResourceGraphFallback?: (operation: string, error: AzureCallError) => void;
}

/** Per-subscription reads in flight at once when Resource Graph is not available. */
const FALLBACK_CONCURRENCY = 8;

/** Whether a failed Resource Graph query is worth the per-subscription ARM reads: any Azure failure but the credential's (ARM would fail alike). */
function canFallBack(err: unknown): err is AzureCallError {
  return err instanceof AzureCallError && err.kind !== 'credential';
}

/** Retries that fit in a few seconds: 100 ms, 200 ms, 400 ms unless Retry-After says otherwise. */
export const DEFAULT_RETRY_OPTIONS: PipelineRetryOptions = { maxRetries: 3, retryDelayInMs: 100, maxRetryDelayInMs: 1000 };

const wsLabel = (ref: WorkspaceRef): string => `${ref.subscriptionId}/${ref.resourceGroup}/${ref.name}`;

/** The ARM port over the real Azure SDK clients. */
export function createArmAdapter(options: ArmAdapterOptions): ArmPort {
  const cloud = options.cloud ?? PUBLIC_CLOUD;
  const endpoint = (options.endpoint ?? cloud.armEndpoint).replace(/\/+$/, '');
  const insecure = options.insecureSandbox ?? false;
  const clients = createArmClients({
    endpoint,
    scope: cloud.armScope,
    httpClient: options.httpClient,
    credential: options.credential,
    insecureSandbox: insecure,
    retryOptions: options.retryOptions ?? DEFAULT_RETRY_OPTIONS,
  });
  const ctx: CallContext = {
    timeoutMs: options.callTimeoutMs ?? 5000,
    credentialName: describeCredential(options.credential),
    service: 'Azure Resource Manager',
  };
  // Reader on the subscription (or a management group above it) covers every read the bot makes.
  const call = <T>(operation: string, fn: (abortSignal: AbortSignal) => Promise<T>): Promise<T> => runAzureCall(operation, ctx, fn, 'Reader');
  const subscriptionOf = (scope: string): string => /^\/?subscriptions\/([^/]+)/i.exec(scope)?.[1] ?? '00000000-0000-0000-0000-000000000000';
  const resourceGraph = createResourceGraphQuery({
    endpoint,
    credential: options.credential,
    call: { ...ctx, timeoutMs: options.resourceGraphTimeoutMs ?? 7000 },
    pageSize: options.resourceGraphPageSize,
  });
  /** Resource Graph first; where it is refused or does not answer, the per-subscription ARM reads. */
  async function withFallback<T>(operation: string, query: () => Promise<T>, perSubscription: () => Promise<T>): Promise<T> {
    try {
      return await query();
    } catch (err) {
      if (!canFallBack(err)) throw err;
      options.onResourceGraphFallback?.(operation, err);
      return perSubscription();
    }
  }

  async function listRoleAssignments(operation: string, scope: string, filter: string): Promise<RoleAssignmentInfo[]> {
    const list = await call(operation, (abortSignal) =>
      // The SDK puts `{scope}` after a slash itself.
      collect(clients.forSubscription(subscriptionOf(scope)).authorization.roleAssignments.listForScope(scope.replace(/^\/+/, ''), { filter, abortSignal })),
    );
    return list.map(toRoleAssignmentInfo);
  }

  const adapter: ArmPort = {
    listSubscriptions: () => call('list subscriptions', (signal) => listSubscriptions(clients.tenant, endpoint, signal, insecure)),

    listWorkspaces: () =>
      withFallback(
        'list workspaces',
        async () => workspaceRows(await resourceGraph('query the workspaces in Resource Graph', WORKSPACES_QUERY)),
        async () => {
          const subscriptions = await adapter.listSubscriptions();
          const lists = await mapBounded(subscriptions, FALLBACK_CONCURRENCY, (s) =>
            call(`list workspaces of subscription ${s.subscriptionId}`, (abortSignal) =>
              listWorkspacesOf(clients.tenant, endpoint, s.subscriptionId, abortSignal, insecure),
            ),
          );
          return lists
            .flat()
            .map(toWorkspaceInfo)
            .filter((w): w is WorkspaceInfo => w !== undefined);
        },
      ),

    async getWorkspace(ref) {
      try {
        const ws = await call(`get workspace ${wsLabel(ref)}`, (abortSignal) => getWorkspaceResource(clients.tenant, endpoint, ref, abortSignal, insecure));
        return toWorkspaceInfo(ws) ?? null;
      } catch (err) {
        if (err instanceof AzureCallError && err.kind === 'not-found') return null;
        throw err;
      }
    },

    isSentinelEnabled: async (ref) => (await adapter.getSentinelOnboarding(ref)) !== null,

    async getSentinelOnboarding(ref) {
      try {
        const state = await call(`get Sentinel onboarding state of ${wsLabel(ref)}`, (abortSignal) =>
          clients
            .forSubscription(ref.subscriptionId)
            .sentinel(SENTINEL_API_VERSIONS.onboardingStates)
            .sentinelOnboardingStates.get(ref.resourceGroup, ref.name, 'default', { abortSignal }),
        );
        return { customerManagedKey: propertiesOf<{ customerManagedKey?: boolean }>(state).customerManagedKey === true };
      } catch (err) {
        // Only 404 and the documented not-onboarded 400 mean "off"; any other error stays an error.
        if (isAbsentOrNotOnboarded(err)) return null;
        throw err;
      }
    },

    listDataConnectors: async (ref) =>
      (
        await call(`list data connectors of ${wsLabel(ref)}`, (abortSignal) =>
          collect(
            clients
              .forSubscription(ref.subscriptionId)
              .sentinel(SENTINEL_API_VERSIONS.dataConnectors)
              .dataConnectors.list(ref.resourceGroup, ref.name, { abortSignal }),
          ),
        )
      ).map(toDataConnectorInfo),

    listAlertRules: async (ref) =>
      (
        await call(`list alert rules of ${wsLabel(ref)}`, (abortSignal) =>
          collect(
            clients
              .forSubscription(ref.subscriptionId)
              .sentinel(SENTINEL_API_VERSIONS.alertRules)
              .alertRules.list(ref.resourceGroup, ref.name, { abortSignal }),
          ),
        )
      ).map(toAlertRuleInfo),

    listAutomationRules: async (ref) =>
      (
        await call(`list automation rules of ${wsLabel(ref)}`, (abortSignal) =>
          collect(
            clients
              .forSubscription(ref.subscriptionId)
              .sentinel(SENTINEL_API_VERSIONS.automationRules)
              .automationRules.list(ref.resourceGroup, ref.name, { abortSignal }),
          ),
        )
      ).map(toAutomationRuleInfo),

    async listRoleAssignmentsFor(scope, principalId) {
      const operation = `list role assignments of ${principalId} at ${scope}`;
      assertObjectId(principalId, operation);
      return listRoleAssignments(operation, scope, `assignedTo('${odataString(principalId)}')`);
    },

    listRoleAssignmentsAtScope: (scope) => listRoleAssignments(`list role assignments at ${scope}`, scope, 'atScope()'),

    async listSubscriptionRoleAssignments(principalIds, roleDefinitionGuid) {
      const operation = `list the ${roleDefinitionGuid} role assignments of ${principalIds.join(', ')}`;
      for (const id of [...principalIds, roleDefinitionGuid]) assertObjectId(id, operation);
      if (principalIds.length === 0) return [];
      const wanted = new Set(principalIds.map((id) => id.toLowerCase()));
      const atSubscription = (list: RoleAssignmentInfo[]) =>
        list.filter(
          (a) =>
            wanted.has(a.principalId.toLowerCase()) &&
            a.roleDefinitionGuid === roleDefinitionGuid.toLowerCase() &&
            /^\/subscriptions\/[^/]+\/?$/i.test(a.scope),
        );
      return withFallback(
        operation,
        async () =>
          atSubscription(
            roleAssignmentRows(await resourceGraph(`query ${operation} in Resource Graph`, roleAssignmentsQuery(principalIds, roleDefinitionGuid))),
          ),
        async () => {
          const subscriptions = await adapter.listSubscriptions();
          const lists = await mapBounded(subscriptions, FALLBACK_CONCURRENCY, (s) => adapter.listRoleAssignmentsAtScope(`/subscriptions/${s.subscriptionId}`));
          return atSubscription(lists.flat());
        },
      );
    },
    async listRoleEligibilityFor(scope, principalId) {
      const operation = `list PIM-eligible roles of ${principalId} at ${scope}`;
      assertObjectId(principalId, operation);
      const list = await call(operation, (abortSignal) =>
        collect(
          clients.forSubscription(subscriptionOf(scope)).authorization.roleEligibilityScheduleInstances.listForScope(scope.replace(/^\/+/, ''), {
            filter: `assignedTo('${odataString(principalId)}')`,
            abortSignal,
          }),
        ),
      );
      return list.map(toRoleEligibilityInfo);
    },
  };
  return adapter;
}
