import { AzureCallError } from './ports';

/**
 * Whether an error is the documented answer of Microsoft.SecurityInsights for a workspace
 * without Microsoft Sentinel: 400 `BadRequest` whose message (itself a JSON error) says
 * "Workspace '…' is not onboarded to Microsoft Sentinel" (hashicorp/terraform-provider-azurerm#20661,
 * iknowjason/PurpleCloud#42). Any other 400 — NoRegisteredProviderFound ("…for type
 * 'onboardingStates'…"), InvalidApiVersionParameter, a bad filter — is not.
 */
export function isSentinelNotOnboarded(err: unknown): boolean {
  return (
    err instanceof AzureCallError &&
    err.status === 400 &&
    (err.code === undefined || err.code === 'BadRequest') &&
    /\bis not onboarded to Microsoft Sentinel\b/i.test(err.message)
  );
}

/** Whether Azure answered that there is nothing there: 404, or the not-onboarded 400 above. */
export const isAbsentOrNotOnboarded = (err: unknown): boolean => (err instanceof AzureCallError && err.kind === 'not-found') || isSentinelNotOnboarded(err);
