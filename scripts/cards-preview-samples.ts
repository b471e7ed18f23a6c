import * as C from '../src/cards';
import type { CheckRowView } from '../src/cards';
import * as S from '../test/cards/sample-views';

/** One picture of a card: which template, in which step of which flow, with what data. */
export interface CardPreview {
  /** File name stem under docs/cards/ (`<name>-light.png`, `<name>-dark.png`). */
  name: string;
  /** The template in cards/ it fills. */
  template: string;
  /** Where the card shows up, for the README. */
  caption: string;
  card: object;
}

/** A readiness report whose blocking checks pass (what a requester sees before Submit). */
const READY_CHECKS: CheckRowView[] = [
  { title: 'Workspace is readable', result: 'Passed', reason: 'law-soc-prod exists in westeurope and the bot can read it.' },
  { title: 'Microsoft Sentinel is enabled', result: 'Passed', reason: 'Microsoft Sentinel is enabled on law-soc-prod.' },
  { title: 'Defender XDR connector streams incidents and alerts', result: 'Passed', reason: 'The Defender XDR connector has incidents and alerts enabled.' },
  { title: 'No other workspace is connected', result: 'Passed', reason: 'No workspace of the tenant is connected to the Defender portal.' },
  {
    title: 'Entra role for onboarding',
    result: 'Warning',
    reason: 'Amira Haddad holds neither Global Administrator nor Security Administrator: the approver will need one of them.',
    remediation: 'The person who approves and performs the portal step needs Global Administrator or Security Administrator.',
    remediationUrl: 'https://learn.microsoft.com/unified-secops-platform/microsoft-sentinel-onboard#prerequisites',
  },
];

/**
 * Every card template with sample data (test/cards/sample-views.ts), in the order of the flows.
 * `npm run cards:preview` draws these; test/cards/render-previews.test.ts renders them in jsdom.
 */
export function cardPreviews(): CardPreview[] {
  const ready = S.readiness({ checks: READY_CHECKS, impact: S.impact() });
  return [
    {
      name: 'workspace-picker',
      template: 'workspace-picker',
      caption: '`connect` without a workspace: pick one',
      card: C.renderWorkspacePickerCard(S.picker()),
    },
    {
      name: 'readiness-report',
      template: 'readiness-report',
      caption: '`check <workspace>`: the readiness report, every result word, and what connecting changes',
      card: C.renderReadinessReportCard(S.readiness({ impact: S.impact() })),
    },
    {
      name: 'product-changes',
      template: 'product-changes',
      caption: '`connect <workspace>`: the checks, the product changes and what connecting changes for this workspace, with Submit',
      card: C.renderProductChangesCard(S.productChanges({ report: ready })),
    },
    {
      name: 'approval-connect',
      template: 'approval',
      caption: 'The approval card in the SOC channel (connect)',
      card: C.renderApprovalCard(S.approval({ readiness: ready })),
    },
    {
      name: 'portal-step-connect',
      template: 'portal-step',
      caption: "The approver's portal step, with Check now",
      card: C.renderPortalStepCard(S.portalStep()),
    },
    {
      name: 'notification-connected',
      template: 'notification',
      caption: 'The SOC channel hears that the workspace is connected, and what the portal turned off',
      card: C.renderNotificationCard(S.notification({ turnedOff: S.turnedOff() })),
    },
    {
      name: 'disconnect',
      template: 'disconnect',
      caption: '`disconnect`: the reason, the connector warning and what to turn back on',
      card: C.renderDisconnectCard(S.disconnect({ rollback: S.rollback() })),
    },
    {
      name: 'disconnect-confirm',
      template: 'disconnect-confirm',
      caption: 'Disconnect: confirm with the reason shown',
      card: C.renderDisconnectConfirmCard(S.disconnectConfirm({ rollback: S.rollback() })),
    },
    {
      name: 'primary-change',
      template: 'primary-change',
      caption: 'Multi-workspace model: make a connected secondary the primary (what moves)',
      card: C.renderPrimaryChangeCard({
        requestId: 'req-primary',
        version: 1,
        workspaceName: 'law-soc-eu',
        workspaceId: '/subscriptions/d0cfe6b2-9ac0-4464-9919-dccaee2e48c0/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/law-soc-eu',
        currentPrimary: 'law-soc-prod',
      }),
    },
    {
      name: 'approval-disconnect',
      template: 'approval',
      caption: 'The approval card in the SOC channel (disconnect)',
      card: C.renderApprovalCard(S.disconnectApproval()),
    },
    {
      name: 'notification-disconnected',
      template: 'notification',
      caption: 'The SOC channel hears of the disconnect, with the reason and the checklist',
      card: C.renderNotificationCard(
        S.notification({ event: 'disconnected', kind: 'disconnect', reason: 'Moving the SOC to the new EU workspace.', rollback: S.rollback() }),
      ),
    },
    { name: 'status', template: 'status', caption: '`status`', card: C.renderStatusCard(S.status()) },
    {
      name: 'status-after-disconnect',
      template: 'status',
      caption: '`status` after a disconnect, until the rules are on again',
      card: C.renderStatusCard(
        S.status({
          connected: undefined,
          openRequests: [],
          rollback: { workspaceName: 'law-soc-prod', disconnectedAt: '12 May 2025, 15:02 UTC', checklist: S.rollback() },
        }),
      ),
    },
    {
      name: 'history',
      template: 'history',
      caption: '`history`: the audit log, refused attempts included',
      card: C.renderHistoryCard({
        intro: 'The last 4 entries of the audit log, newest first.',
        entries: [
          { at: '12 May 14:31', actor: 'Ravi Menon', what: 'Connected law-soc-prod (verified from Azure)' },
          { at: '12 May 14:20', actor: 'Ravi Menon', what: 'Approved the connect of law-soc-prod' },
          { at: '12 May 14:12', actor: 'Amira Haddad', what: 'Refused: tried to approve her own request (four-eyes)' },
          { at: '12 May 14:05', actor: 'Amira Haddad', what: 'Asked to connect law-soc-prod' },
        ],
        asOf: '12 May 2025, 14:40 UTC',
      }),
    },
    {
      name: 'access-report',
      template: 'access-report',
      caption: "`doctor`: the bot's own access, with how to grant what is missing",
      card: C.renderAccessReportCard(S.accessReport()),
    },
    {
      name: 'message',
      template: 'message',
      caption: 'A short answer (here: a refusal with what to do next)',
      card: C.renderMessageCard({
        title: 'Set the SOC channel first',
        text: 'No SOC channel is set, so there is nowhere to ask for approval.',
        nextStep: 'Add me to the SOC team and run `notify here` in its channel, then try again.',
        style: 'warning',
      }),
    },
  ];
}
