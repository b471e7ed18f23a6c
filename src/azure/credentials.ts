import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import { DefaultAzureCredential } from '@azure/identity';
import { PUBLIC_CLOUD, type Cloud } from '../clouds';

import { SANDBOX_TOKEN } from '../sandbox/sandbox-token';

export { SANDBOX_TOKEN };

/** A credential for the simulated tenant: a fixed fake token, no sign-in. */
class SandboxCredential implements TokenCredential {
  async getToken(): Promise<AccessToken> {
    return { token: SANDBOX_TOKEN, expiresOnTimestamp: Date.now() + 60 * 60 * 1000 };
  }
}

/** A TokenCredential for the sandbox (fixed fake token). */
export function createSandboxCredential(): TokenCredential {
  return new SandboxCredential();
}

/**
 * The live credential: DefaultAzureCredential (environment, workload / managed
 * identity, Azure CLI, …), signing in at the cloud's authority (login.microsoftonline.us for
 * Azure Government). `httpClient` lets a test see where it would go without going there.
 */
export function createLiveCredential(cloud: Cloud = PUBLIC_CLOUD, httpClient?: HttpClient): TokenCredential {
  return new DefaultAzureCredential({ authorityHost: cloud.authorityHost, ...(httpClient ? { httpClient } : {}) });
}

/** The credential's class name, for error messages. */
export function describeCredential(credential: TokenCredential): string {
  return (credential as { constructor?: { name?: string } }).constructor?.name || 'the Azure credential';
}
