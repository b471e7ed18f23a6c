import type { TokenCredential } from '@azure/core-auth';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { OperationalInsightsManagementClient } from '@azure/arm-operationalinsights';
import { SecurityInsights } from '@azure/arm-securityinsight';
import { ServiceClient } from '@azure/core-client';
import type { Pipeline, PipelineRetryOptions } from '@azure/core-rest-pipeline';
import { useSandboxAuth } from './sandbox-auth-policy';

/** The ARM token scope, whatever endpoint the clients point at. */
export const ARM_SCOPE = 'https://management.azure.com/.default';

/** How the ARM SDK clients are built. */
export interface ArmClientSettings {
  endpoint: string;
  credential: TokenCredential;
  insecureSandbox: boolean;
  retryOptions: PipelineRetryOptions;
}

/** The SDK clients of one subscription (they bind the subscription id at construction). */
export interface SubscriptionClients {
  workspaces: OperationalInsightsManagementClient;
  /** A SecurityInsights client that sends this api-version (the SDK's `apiVersion` option), one per version. */
  sentinel(apiVersion: string): SecurityInsights;
  authorization: AuthorizationManagementClient;
}

/** The SDK clients, built once per subscription, plus a tenant-level client for `GET /subscriptions`. */
export interface ArmClients {
  forSubscription(subscriptionId: string): SubscriptionClients;
  tenant: ServiceClient;
}

/** Builds the SDK clients: redirected with `endpoint`, and with sandbox auth when over plain HTTP. */
export function createArmClients(settings: ArmClientSettings): ArmClients {
  const { endpoint, credential, insecureSandbox, retryOptions } = settings;
  const common = { endpoint, retryOptions, allowInsecureConnection: insecureSandbox };
  const prepare = <T extends { pipeline: Pipeline }>(client: T): T => {
    if (insecureSandbox) useSandboxAuth(client.pipeline, credential, ARM_SCOPE);
    return client;
  };
  const cache = new Map<string, SubscriptionClients>();
  return {
    tenant: prepare(new ServiceClient({ ...common, credential, credentialScopes: [ARM_SCOPE] })),
    forSubscription(subscriptionId) {
      const key = subscriptionId.toLowerCase();
      let clients = cache.get(key);
      if (!clients) {
        const sentinel = new Map<string, SecurityInsights>();
        clients = {
          workspaces: prepare(new OperationalInsightsManagementClient(credential, subscriptionId, { ...common, credentials: { scopes: [ARM_SCOPE] } })),
          sentinel(apiVersion) {
            let client = sentinel.get(apiVersion);
            if (!client) {
              client = prepare(new SecurityInsights(credential, subscriptionId, { ...common, apiVersion, credentialScopes: [ARM_SCOPE] }));
              sentinel.set(apiVersion, client);
            }
            return client;
          },
          authorization: prepare(new AuthorizationManagementClient(credential, subscriptionId, { ...common, credentialScopes: [ARM_SCOPE] })),
        };
        cache.set(key, clients);
      }
      return clients;
    },
  };
}
