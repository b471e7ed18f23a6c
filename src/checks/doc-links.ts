/**
 * Microsoft documentation pages the remediations point to (Learn is the same in every cloud).
 * Portal pages depend on the cloud: see `portalLinks` in src/clouds.ts.
 */
export const DOC_LINKS = {
  onboard: 'https://learn.microsoft.com/unified-secops-platform/microsoft-sentinel-onboard',
  multipleWorkspaces: 'https://learn.microsoft.com/azure/sentinel/workspaces-defender-portal',
  enableSentinel: 'https://learn.microsoft.com/azure/sentinel/quickstart-onboard',
  xdrConnector: 'https://learn.microsoft.com/azure/sentinel/connect-microsoft-365-defender',
  sentinelRoles: 'https://learn.microsoft.com/azure/sentinel/roles',
  entraRoles: 'https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference',
  azureRoleAssign: 'https://learn.microsoft.com/azure/role-based-access-control/role-assignments-portal',
  serviceHealth: 'https://status.azure.com/',
  // What connecting changes, section by section of the transition guide (move-to-defender, ms.date 2026-09-10).
  moveAnalyticsRules: 'https://learn.microsoft.com/azure/sentinel/move-to-defender#configure-analytics-rules',
  moveIncidents:
    'https://learn.microsoft.com/azure/sentinel/move-to-defender#understand-how-alerts-are-correlated-and-incidents-are-merged-in-the-defender-portal',
  moveAutomation: 'https://learn.microsoft.com/azure/sentinel/move-to-defender#configure-automation-rules-and-playbooks',
  moveCustomerManagedKeys: 'https://learn.microsoft.com/azure/sentinel/move-to-defender#onboarding-to-the-defender-portal-with-customer-managed-keys-cmk',
  // Disconnecting, and turning back on by hand what connecting turned off.
  offboard: 'https://learn.microsoft.com/azure/sentinel/microsoft-sentinel-onboard#offboard-microsoft-sentinel',
  incidentCreationRules: 'https://learn.microsoft.com/azure/sentinel/create-incidents-from-alerts',
  fusionRule: 'https://learn.microsoft.com/azure/sentinel/configure-fusion-rules',
  /** Activating an Entra role in Privileged Identity Management. */
  pimActivateEntra: 'https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-activate-role',
  /** Activating an Azure resource role in Privileged Identity Management. */
  pimActivateAzure: 'https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-resource-roles-activate-your-roles',
  /** Granting Microsoft Graph application permissions (with admin consent). */
  graphPermissions: 'https://learn.microsoft.com/entra/identity-platform/howto-update-permissions',
  /** Assigning Azure roles, e.g. Reader to the bot's identity. */
  azureRoleAssignCli: 'https://learn.microsoft.com/azure/role-based-access-control/role-assignments-cli',
  /** Azure Lighthouse and the Defender portal: one tenant only, GDAP / Lighthouse not supported. */
  lighthouse: 'https://learn.microsoft.com/azure/sentinel/microsoft-sentinel-onboard',
} as const;
