/**
 * The api-version of each Microsoft.SecurityInsights read: stable where a stable version
 * defines what the bot reads, else the newest preview that does (specification/securityinsights/
 * resource-manager/Microsoft.SecurityInsights/ in Azure/azure-rest-api-specs). The README's
 * table says why for each.
 */
export const SENTINEL_API_VERSIONS = {
  /** Stable; `customerManagedKey` is in every version; 2024-03-01 is what the not-onboarded answer links to. */
  onboardingStates: '2024-03-01',
  /** No stable version defines the MicrosoftThreatProtection connector; `dataTypes.alerts` from 2023-02-01-preview. */
  dataConnectors: '2025-10-01-preview',
  /**
   * The newest preview: the impact analysis reads NRT rules (their incident creation and grouping
   * settings), and no stable version defines the NRT kind (previews from 2021-09-01-preview only).
   */
  alertRules: '2025-10-01-preview',
  /** Stable defines triggersOn Alerts, triggersWhen Updated and every condition the bot reads. */
  automationRules: '2025-09-01',
} as const;

export type SentinelApiVersion = (typeof SENTINEL_API_VERSIONS)[keyof typeof SENTINEL_API_VERSIONS];
