import { atLeast, isPreview } from './api-versions';

/**
 * What the schema of an api-version defines, where the sandbox's answers differ
 * by version. Sources (Azure/azure-rest-api-specs, specification/securityinsights/
 * resource-manager/Microsoft.SecurityInsights/, and Azure/bicep-types-az, which
 * is generated from it):
 * - MicrosoftThreatProtection connectors: previews 2021-03-01-preview … 2025-10-01-preview
 *   only; no stable version defines the kind (stable/2025-12-01/DataConnectors.json has
 *   no MTP definition). `dataTypes.alerts` and `filteredProviders` from 2023-02-01-preview
 *   (preview/2023-02-01-preview/examples/dataConnectors/GetMicrosoftThreatProtectionById.json).
 * - Connector kinds of the stable versions: the eight of 2020-01-01, plus three from 2024-09-01.
 * - NRT alert rules: previews from 2021-09-01-preview only; MLBehaviorAnalytics and
 *   ThreatIntelligence rules: previews only.
 * - `incidentConfiguration` of Scheduled rules: from 2021-03-01-preview and stable 2021-10-01.
 * - Role assignment `condition` / `conditionVersion`: from 2020-03-01-preview
 *   (specification/authorization/…/preview/2020-03-01-preview/authorization-RoleAssignmentsCalls.json).
 */

const STABLE_CONNECTOR_KINDS = new Set([
  'amazonwebservicescloudtrail',
  'azureactivedirectory',
  'azureadvancedthreatprotection',
  'azuresecuritycenter',
  'microsoftcloudappsecurity',
  'microsoftdefenderadvancedthreatprotection',
  'office365',
  'threatintelligence',
]);
const STABLE_CONNECTOR_KINDS_2024_09 = new Set(['microsoftthreatintelligence', 'premiummicrosoftdefenderforthreatintelligence', 'restapipoller']);

/** Whether the data connector kind exists in the schema of `version`. */
export function connectorKindDefined(kind: string, version: string): boolean {
  const k = kind.toLowerCase();
  if (k === 'microsoftthreatprotection') return isPreview(version) && atLeast(version, '2021-03-01');
  if (isPreview(version)) return true;
  return STABLE_CONNECTOR_KINDS.has(k) || (STABLE_CONNECTOR_KINDS_2024_09.has(k) && atLeast(version, '2024-09-01'));
}

/** Whether the MicrosoftThreatProtection connector has `dataTypes.alerts` at `version`. */
export const mtpHasAlerts = (version: string): boolean => isPreview(version) && atLeast(version, '2023-02-01');

const PREVIEW_ONLY_RULE_KINDS = new Set(['mlbehavioranalytics', 'threatintelligence']);

/** Whether the alert rule kind exists in the schema of `version`. */
export function alertRuleKindDefined(kind: string, version: string): boolean {
  const k = kind.toLowerCase();
  if (k === 'nrt') return isPreview(version) && atLeast(version, '2021-09-01');
  if (PREVIEW_ONLY_RULE_KINDS.has(k)) return isPreview(version);
  return true;
}

/** Whether Scheduled rules carry `incidentConfiguration` at `version`. */
export const scheduledHasIncidentConfiguration = (version: string): boolean => atLeast(version, '2021-03-01') && version !== '2021-04-01';

/** Whether role assignments carry `condition` and `conditionVersion` at `version`. */
export const roleAssignmentHasCondition = (version: string): boolean => atLeast(version, '2020-03-01');
