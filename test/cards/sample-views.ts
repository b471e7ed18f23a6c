import type {
  AccessReportView,
  ApprovalView,
  CheckRowView,
  DisconnectConfirmView,
  DisconnectView,
  ImpactView,
  NotificationView,
  PortalStepView,
  PortalTurnedOffView,
  ProductChangesView,
  ReadinessReportView,
  RollbackView,
  StatusView,
  WorkspacePickerView,
} from '../../src/cards';

export const WS_ID =
  '/subscriptions/6b1f3c2a-0d4e-4f8a-9a51-2c7e8d9f0a11/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/law-soc-prod';
export const SUB_ID = '6b1f3c2a-0d4e-4f8a-9a51-2c7e8d9f0a11';
export const REQUEST_ID = 'req-7f3a9c1e';

export const CHECKS: CheckRowView[] = [
  { title: 'Workspace is readable', result: 'Passed', reason: 'The bot can read law-soc-prod.' },
  { title: 'Microsoft Sentinel is enabled', result: 'Passed', reason: 'Microsoft Sentinel is on for this workspace.' },
  {
    title: 'Defender XDR connector streams incidents and alerts',
    result: 'Failed',
    reason: 'The Defender XDR connector has alerts off.',
    remediation: 'In Microsoft Sentinel, open Data connectors > Microsoft Defender XDR and turn on incidents and alerts.',
    remediationUrl: 'https://learn.microsoft.com/azure/sentinel/connect-microsoft-365-defender',
  },
  {
    title: 'No other workspace is connected',
    result: 'Warning',
    reason: 'The bot could not list every subscription.',
    remediation: 'Give the bot Reader on all subscriptions with Sentinel workspaces.',
  },
  {
    title: 'Your roles',
    result: 'Unknown',
    reason: 'Microsoft Graph did not answer in time.',
    remediation: 'Run check again in a minute.',
    remediationUrl: 'https://learn.microsoft.com/unified-secops-platform/microsoft-sentinel-onboard#prerequisites',
  },
];

export function readiness(overrides: Partial<ReadinessReportView> = {}): ReadinessReportView {
  return {
    workspaceName: 'law-soc-prod',
    workspaceId: WS_ID,
    checkedFor: 'Amira Haddad',
    checks: CHECKS,
    checkedAt: '12 May 2025, 14:03 UTC',
    ...overrides,
  };
}

export function picker(overrides: Partial<WorkspacePickerView> = {}): WorkspacePickerView {
  return {
    workspaces: [
      { resourceId: WS_ID, name: 'law-soc-prod', resourceGroup: 'rg-soc', subscription: 'Contoso Security', sentinelEnabled: true },
      {
        resourceId: WS_ID.replace('law-soc-prod', 'law-app-logs'),
        name: 'law-app-logs',
        resourceGroup: 'rg-soc',
        subscription: 'Contoso Security',
        sentinelEnabled: false,
      },
    ],
    ...overrides,
  };
}

export function productChanges(overrides: Partial<ProductChangesView> = {}): ProductChangesView {
  return {
    requestId: REQUEST_ID,
    version: 3,
    report: readiness(),
    changes: {
      subscriptionId: SUB_ID,
      subscriptionName: 'Contoso Security',
      incidentCreationRules: [
        { displayName: 'Create incidents from Microsoft Defender for Cloud', product: 'Azure Security Center' },
        { displayName: 'Create incidents from Entra ID Protection', product: 'Azure Active Directory Identity Protection' },
      ],
      hasDefenderXdr: true,
    },
    canSubmit: true,
    blockingChecks: [],
    ...overrides,
  };
}

export function approval(overrides: Partial<ApprovalView> = {}): ApprovalView {
  const pc = productChanges();
  return {
    requestId: REQUEST_ID,
    version: 4,
    kind: 'connect',
    requester: 'Amira Haddad',
    requestedAt: '12 May 2025, 14:05 UTC',
    workspaceName: 'law-soc-prod',
    workspaceId: WS_ID,
    readiness: pc.report,
    changes: pc.changes,
    ...overrides,
  };
}

export function disconnectApproval(overrides: Partial<ApprovalView> = {}): ApprovalView {
  return {
    requestId: REQUEST_ID,
    version: 4,
    kind: 'disconnect',
    requester: 'Amira Haddad',
    requestedAt: '12 May 2025, 14:05 UTC',
    workspaceName: 'law-soc-prod',
    workspaceId: WS_ID,
    reason: 'Moving the SOC to the new EU workspace.',
    ...overrides,
  };
}

export function portalStep(overrides: Partial<PortalStepView> = {}): PortalStepView {
  return {
    requestId: REQUEST_ID,
    version: 5,
    kind: 'connect',
    workspaceName: 'law-soc-prod',
    workspaceId: WS_ID,
    pollIntervalSeconds: 60,
    ...overrides,
  };
}

export function disconnect(overrides: Partial<DisconnectView> = {}): DisconnectView {
  return {
    requestId: REQUEST_ID,
    version: 1,
    workspaceName: 'law-soc-prod',
    workspaceId: WS_ID,
    connectedSince: '3 Mar 2025',
    connectedBy: 'Ravi Menon',
    ...overrides,
  };
}

export function disconnectConfirm(overrides: Partial<DisconnectConfirmView> = {}): DisconnectConfirmView {
  return {
    requestId: REQUEST_ID,
    version: 2,
    workspaceName: 'law-soc-prod',
    workspaceId: WS_ID,
    reason: 'Moving the SOC to the new EU workspace.',
    ...overrides,
  };
}

export function notification(overrides: Partial<NotificationView> = {}): NotificationView {
  return {
    event: 'connected',
    kind: 'connect',
    workspaceName: 'law-soc-prod',
    workspaceId: WS_ID,
    requester: 'Amira Haddad',
    approver: 'Ravi Menon',
    at: '12 May 2025, 14:31 UTC',
    requestId: REQUEST_ID,
    dataConnectorCount: 7,
    automationRuleCount: 3,
    ...overrides,
  };
}

export function status(overrides: Partial<StatusView> = {}): StatusView {
  return {
    connected: {
      workspaceName: 'law-soc-prod',
      workspaceId: WS_ID,
      since: '3 Mar 2025',
      connectedBy: 'Ravi Menon',
      approvedBy: 'Lena Fischer',
    },
    openRequests: [{ kind: 'disconnect', workspaceName: 'law-soc-prod', state: 'Waiting for approval', age: '2 h' }],
    recentEvents: [
      { at: '12 May 14:31', actor: 'Ravi Menon', what: 'Approved the disconnect of law-soc-prod' },
      { at: '12 May 14:05', actor: 'Amira Haddad', what: 'Asked to disconnect law-soc-prod' },
    ],
    asOf: '12 May 2025, 14:40 UTC',
    ...overrides,
  };
}

/** An impact analysis with every item, most consequential first (what `impactView` makes of a workspace). */
export function impact(): ImpactView {
  const learn = 'https://learn.microsoft.com/azure/sentinel/move-to-defender';
  return {
    items: [
      {
        kind: 'automation',
        count: 4,
        url: `${learn}#configure-automation-rules-and-playbooks`,
        entries: [
          { displayName: 'Route VIP incidents', effects: ['description-condition'], playbooks: ['open-ticket'] },
          { displayName: 'Tag Defender incidents', effects: ['provider-condition'], playbooks: ['notify-soc'] },
          { displayName: 'Sync Defender updates', effects: ['updated-by-defender'], playbooks: [] },
          { displayName: 'Enrich new alerts', effects: ['alert-trigger'], playbooks: ['enrich-alert'] },
        ],
      },
      {
        kind: 'alerts-not-shown',
        count: 2,
        url: `${learn}#configure-analytics-rules`,
        entries: [{ displayName: 'Impossible travel (alerts only)' }, { displayName: 'New admin account (NRT)' }],
      },
      { kind: 'customer-managed-key', count: 1, url: `${learn}#onboarding-to-the-defender-portal-with-customer-managed-keys-cmk`, entries: [] },
      { kind: 'fusion', count: 1, url: `${learn}#configure-analytics-rules`, entries: [{ displayName: 'Advanced Multistage Attack Detection' }] },
      {
        kind: 'grouping',
        count: 1,
        url: `${learn}#understand-how-alerts-are-correlated-and-incidents-are-merged-in-the-defender-portal`,
        entries: [{ displayName: 'Brute force against Entra ID', settings: ['reopen-closed-incidents', 'alert-grouping'] }],
      },
    ],
  };
}

/** The checklist of what to turn back on by hand after a disconnect. */
export function rollback(overrides: Partial<RollbackView> = {}): RollbackView {
  return {
    source: 'snapshot',
    rules: [
      { displayName: 'Advanced Multistage Attack Detection', kind: 'fusion' },
      {
        displayName: 'Create incidents from Defender for Endpoint alerts',
        kind: 'incident-creation',
        product: 'Microsoft Defender Advanced Threat Protection',
      },
    ],
    links: {
      fusion: 'https://learn.microsoft.com/azure/sentinel/configure-fusion-rules',
      incidentCreation: 'https://learn.microsoft.com/azure/sentinel/create-incidents-from-alerts',
      connector: 'https://learn.microsoft.com/azure/sentinel/connect-microsoft-365-defender',
      offboard: 'https://learn.microsoft.com/azure/sentinel/microsoft-sentinel-onboard#offboard-microsoft-sentinel',
    },
    ...overrides,
  };
}

/** What the portal turned off on Connect, as the connected post says it. */
export function turnedOff(): PortalTurnedOffView {
  return {
    rules: [
      { displayName: 'Advanced Multistage Attack Detection', kind: 'fusion' },
      {
        displayName: 'Create incidents from Defender for Endpoint alerts',
        kind: 'incident-creation',
        product: 'Microsoft Defender Advanced Threat Protection',
      },
    ],
    connectors: [],
  };
}
export function accessReport(overrides: Partial<AccessReportView> = {}): AccessReportView {
  return {
    cloud: 'Azure (public cloud)',
    checkedAt: '12 May 2025, 14:40 UTC',
    rows: [
      {
        title: 'Azure Resource Manager: Reader on the subscriptions',
        result: 'Passed',
        purpose: 'the subscriptions, their workspaces, Microsoft Sentinel, its connectors and rules, and role assignments',
        reason: 'The bot reads 2 subscriptions (SOC Production, SOC Staging).',
        commands: [],
      },
      {
        title: 'Microsoft Graph: RoleManagement.Read.Directory (application permission)',
        result: 'Failed',
        purpose: 'the Entra roles a person and their groups hold; without it every connect approval is refused',
        reason: 'Microsoft Graph refused GET /v1.0/roleManagement/directory/roleAssignments (Authorization_RequestDenied): the permission is not granted.',
        commands: [
          'az ad app permission add --id 9f1c2d3e-0000-4000-8000-00000000b0a7 --api 00000003-0000-0000-c000-000000000000 --api-permissions "…=Role"',
          'az ad app permission admin-consent --id 9f1c2d3e-0000-4000-8000-00000000b0a7',
        ],
        portal: "Azure portal > Microsoft Entra ID > App registrations > the bot's app > API permissions > Add a permission > Microsoft Graph.",
        url: 'https://learn.microsoft.com/entra/identity-platform/howto-update-permissions',
      },
      {
        title: 'Microsoft Graph: LicenseAssignment.Read.All (application permission)',
        result: 'Unknown',
        purpose: 'whether the tenant has Microsoft Defender XDR',
        reason: 'Could not check: Azure did not answer in time.',
        commands: ['az ad app permission admin-consent --id 9f1c2d3e-0000-4000-8000-00000000b0a7'],
        portal: 'Azure portal > Microsoft Entra ID > App registrations.',
        url: 'https://learn.microsoft.com/entra/identity-platform/howto-update-permissions',
      },
    ],
    ...overrides,
  };
}
