/**
 * The api-versions each emulated ARM resource type answers: those the real
 * service publishes in Azure/azure-rest-api-specs. Any other version is
 * refused the way ARM refuses it (see `arm-errors.ts`).
 */

/** The resource types the ARM emulator serves. */
export type ArmResourceType =
  | 'subscriptions'
  | 'workspaces'
  | 'onboardingStates'
  | 'dataConnectors'
  | 'alertRules'
  | 'automationRules'
  | 'roleAssignments'
  | 'roleEligibilityScheduleInstances';

// specification/securityinsights/resource-manager/Microsoft.SecurityInsights/{stable,preview}/<version>/
// (readme.md tags up to package-2025-12-01 and package-preview-2025-10-01).
const SENTINEL_STABLE = [
  '2020-01-01',
  '2021-04-01',
  '2021-10-01',
  '2022-08-01',
  '2022-11-01',
  '2023-02-01',
  '2023-11-01',
  '2024-03-01',
  '2024-09-01',
  '2025-03-01',
  '2025-06-01',
  '2025-09-01',
  '2025-12-01',
] as const;
const SENTINEL_PREVIEW = [
  '2019-01-01-preview',
  '2021-03-01-preview',
  '2021-09-01-preview',
  '2021-10-01-preview',
  '2022-01-01-preview',
  '2022-04-01-preview',
  '2022-05-01-preview',
  '2022-06-01-preview',
  '2022-07-01-preview',
  '2022-08-01-preview',
  '2022-09-01-preview',
  '2022-10-01-preview',
  '2022-11-01-preview',
  '2022-12-01-preview',
  '2023-02-01-preview',
  '2023-03-01-preview',
  '2023-04-01-preview',
  '2023-05-01-preview',
  '2023-06-01-preview',
  '2023-07-01-preview',
  '2023-08-01-preview',
  '2023-09-01-preview',
  '2023-10-01-preview',
  '2023-12-01-preview',
  '2024-01-01-preview',
  '2024-04-01-preview',
  '2024-10-01-preview',
  '2025-01-01-preview',
  '2025-04-01-preview',
  '2025-07-01-preview',
  '2025-10-01-preview',
] as const;

const without = (list: readonly string[], ...drop: string[]): string[] => list.filter((v) => !drop.includes(v));

/** Every api-version per resource type, oldest first. */
export const API_VERSIONS: Record<ArmResourceType, readonly string[]> = {
  // specification/resources/resource-manager/Microsoft.Resources/subscriptions/stable/*
  subscriptions: ['2015-11-01', '2016-06-01', '2018-06-01', '2019-06-01', '2019-11-01', '2020-01-01', '2021-01-01', '2022-12-01'],
  // specification/operationalinsights/resource-manager/Microsoft.OperationalInsights/*/<version>/ (workspaces),
  // as Azure/bicep-types-az generated/operationalinsights lists them.
  workspaces: [
    '2015-11-01-preview',
    '2020-03-01-preview',
    '2020-08-01',
    '2020-10-01',
    '2021-06-01',
    '2021-12-01-preview',
    '2022-10-01',
    '2023-09-01',
    '2025-02-01',
    '2025-07-01',
    '2026-03-01',
  ],
  // OnboardingStates.json: stable from 2021-10-01, preview from 2021-03-01-preview.
  onboardingStates: [...without(SENTINEL_STABLE, '2020-01-01', '2021-04-01'), ...without(SENTINEL_PREVIEW, '2019-01-01-preview')],
  // DataConnectors.json / AlertRules.json: every version but stable 2021-04-01 (Incidents, Watchlists, TI only).
  dataConnectors: [...without(SENTINEL_STABLE, '2021-04-01'), ...SENTINEL_PREVIEW],
  alertRules: [...without(SENTINEL_STABLE, '2021-04-01'), ...SENTINEL_PREVIEW],
  // AutomationRules.json: stable from 2021-10-01; 2019-01-01-preview, then 2021-09-01-preview onward.
  automationRules: [...without(SENTINEL_STABLE, '2020-01-01', '2021-04-01'), ...without(SENTINEL_PREVIEW, '2021-03-01-preview')],
  // specification/authorization/resource-manager/Microsoft.Authorization/{stable,preview}/<version>/authorization-RoleAssignmentsCalls.json
  roleAssignments: [
    '2015-07-01',
    '2017-10-01-preview',
    '2018-01-01-preview',
    '2018-09-01-preview',
    '2020-03-01-preview',
    '2020-04-01-preview',
    '2020-08-01-preview',
    '2020-10-01-preview',
    '2022-04-01',
  ],
  // .../Microsoft.Authorization/stable/2020-10-01/RoleEligibilityScheduleInstance.json (the only stable) and its previews.
  roleEligibilityScheduleInstances: ['2020-10-01', '2020-10-01-preview', '2022-04-01-preview', '2024-02-01-preview', '2024-09-01-preview'],
};

/** The resource provider namespace of each type. */
export const RESOURCE_PROVIDER: Record<ArmResourceType, string> = {
  subscriptions: 'Microsoft.Resources',
  workspaces: 'Microsoft.OperationalInsights',
  onboardingStates: 'Microsoft.SecurityInsights',
  dataConnectors: 'Microsoft.SecurityInsights',
  alertRules: 'Microsoft.SecurityInsights',
  automationRules: 'Microsoft.SecurityInsights',
  roleAssignments: 'Microsoft.Authorization',
  roleEligibilityScheduleInstances: 'Microsoft.Authorization',
};

/** True when the real service publishes `version` for `type` (exact, case-insensitive). */
export function isPublishedVersion(type: ArmResourceType, version: string): boolean {
  const wanted = version.toLowerCase();
  return API_VERSIONS[type].some((v) => v === wanted);
}

/** True for a `-preview` version. */
export const isPreview = (version: string): boolean => version.toLowerCase().endsWith('-preview');

/** `a` is the same date as or later than `b` (the date part of two api-versions). */
export const atLeast = (a: string, b: string): boolean => a.slice(0, 10) >= b.slice(0, 10);

/**
 * `POST /providers/Microsoft.ResourceGraph/resources`: the versions of
 * specification/resourcegraph/resource-manager/Microsoft.ResourceGraph/ResourceGraph/readme.md, oldest first
 * (`@azure/arm-resourcegraph` 4.2.1 sends 2021-03-01).
 */
export const RESOURCE_GRAPH_API_VERSIONS: readonly string[] = [
  '2018-09-01-preview',
  '2019-04-01',
  '2020-04-01-preview',
  '2021-03-01',
  '2021-06-01-preview',
  '2022-10-01',
  '2023-09-01-preview',
  '2024-04-01',
];
