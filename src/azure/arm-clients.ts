import type { TokenCredential } from '@azure/core-auth';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { SecurityInsights } from '@azure/arm-securityinsight';
import { ServiceClient } from '@azure/core-client';
import type { HttpClient, Pipeline, PipelineRetryOptions } from '@azure/core-rest-pipeline';
import { PUBLIC_CLOUD } from '../clouds';
import { useSandboxAuth } from './sandbox-auth-policy';

/** The public cloud's ARM token scope (AZURE_CLOUD decides the one the bot asks for). */
export const ARM_SCOPE = PUBLIC_CLOUD.armScope;

/** How the ARM SDK clients are built. */
export interface ArmClientSettings {
  endpoint: string;
  /** The token scope: the cloud's ARM audience, whatever endpoint the clients point at (the sandbox's too). */
  scope: string;
  credential: TokenCredential;
  insecureSandbox: boolean;
  retryOptions: PipelineRetryOptions;
  /** The HTTP client of every SDK pipeline; default the SDK's own (tests inject one that records). */
  httpClient?: HttpClient;
}

/** The SDK clients of one subscription (they bind the subscription id at construction). */
export interface SubscriptionClients {
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
  const { endpoint, scope, credential, insecureSandbox, retryOptions, httpClient } = settings;
  const common = { endpoint, retryOptions, allowInsecureConnection: insecureSandbox, ...(httpClient ? { httpClient } : {}) };
  const prepare = <T extends { pipeline: Pipeline }>(client: T): T => {
    if (insecureSandbox) useSandboxAuth(client.pipeline, credential, scope);
    return client;
  };
  const cache = new Map<string, SubscriptionClients>();
  return {
    tenant: prepare(new ServiceClient({ ...common, credential, credentialScopes: [scope] })),
    forSubscription(subscriptionId) {
      const key = subscriptionId.toLowerCase();
      let clients = cache.get(key);
      if (!clients) {
        const sentinel = new Map<string, SecurityInsights>();
        clients = {
          sentinel(apiVersion) {
            let client = sentinel.get(apiVersion);
            if (!client) {
              client = prepare(new SecurityInsights(credential, subscriptionId, { ...common, apiVersion, credentialScopes: [scope] }));
              sentinel.set(apiVersion, client);
            }
            return client;
          },
          authorization: prepare(new AuthorizationManagementClient(credential, subscriptionId, { ...common, credentialScopes: [scope] })),
        };
        cache.set(key, clients);
      }
      return clients;
    },
  };
}
