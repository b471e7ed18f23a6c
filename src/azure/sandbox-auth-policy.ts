import type { TokenCredential } from '@azure/core-auth';
import { bearerTokenAuthenticationPolicyName, type Pipeline, type PipelinePolicy } from '@azure/core-rest-pipeline';

/** Name of the policy that replaces the SDK's bearer policy in sandbox mode. */
const sandboxAuthPolicyName = 'sandboxBearerTokenPolicy';

/** Sets `Authorization: Bearer <token>` from the credential, over plain HTTP too. */
export function sandboxAuthPolicy(credential: TokenCredential, scope: string): PipelinePolicy {
  return {
    name: sandboxAuthPolicyName,
    async sendRequest(request, next) {
      const token = await credential.getToken(scope, { abortSignal: request.abortSignal });
      if (!token) throw new Error(`The credential returned no token for ${scope}`);
      request.headers.set('Authorization', `Bearer ${token.token}`);
      request.allowInsecureConnection = true;
      return next(request);
    },
  };
}

/**
 * Points a client's pipeline at the plain-HTTP sandbox. The SDK's bearer policy
 * refuses to send a token to a non-https URL (even with allowInsecureConnection),
 * so in sandbox mode it is swapped for one that sets the header itself.
 */
export function useSandboxAuth(pipeline: Pipeline, credential: TokenCredential, scope: string): void {
  pipeline.removePolicy({ name: bearerTokenAuthenticationPolicyName });
  pipeline.addPolicy(sandboxAuthPolicy(credential, scope), { phase: 'Sign' });
}
