import type { NotificationKind } from '../workflow/notification';

/**
 * View models for the Adaptive Cards: plain data, already formatted for display
 * (dates as display strings). The bot maps domain objects to these; the
 * render functions in this folder turn them into cards.
 */

/** The word a readiness check states its result with (contracts/conversation.md). */
export type CheckResultWord = 'Passed' | 'Failed' | 'Warning' | 'Unknown';

/** What a request asks for. */
export type RequestKindView = 'connect' | 'disconnect';

/** Colour of a notice; maps to Adaptive Card container styles. */
export type NoticeStyle = 'default' | 'good' | 'warning' | 'attention';

/** One prerequisite check as a row of a readiness report. */
export interface CheckRowView {
  title: string;
  result: CheckResultWord;
  /** One line: why the check came out this way. */
  reason: string;
  /** What to do, shown when the result is not Passed. */
  remediation?: string;
  /** https link to the documentation for the fix, shown when the result is not Passed. */
  remediationUrl?: string;
}

/** The result of `check <workspace>`, also the readiness section of connect cards. */
export interface ReadinessReportView {
  workspaceName: string;
  /** Full ARM resource id. */
  workspaceId: string;
  /** Display name of the person the roles were checked for. */
  checkedFor: string;
  checks: CheckRowView[];
  /** Display string, e.g. "12 May 2025, 14:03 UTC". */
  checkedAt: string;
}

/** One workspace the bot can see, for the picker. */
export interface WorkspaceChoiceView {
  /** Full ARM resource id: the value the picker submits. */
  resourceId: string;
  name: string;
  resourceGroup: string;
  /** Subscription display name, or its id when the name is unknown. */
  subscription: string;
  /** null when Azure could not say (shown as unknown, never as on or off). */
  sentinelEnabled: boolean | null;
  /** Set when the subscription belongs to another tenant (Azure Lighthouse): the workspace cannot be connected here. */
  otherTenantId?: string;
}

export interface WorkspacePickerView {
  workspaces: WorkspaceChoiceView[];
  /** Resource id to preselect. */
  selectedResourceId?: string;
}

/** An enabled MicrosoftSecurityIncidentCreation rule that connecting deactivates. */
export interface IncidentCreationRuleView {
  displayName: string;
  /** The rule's product filter, e.g. "Microsoft Defender for Cloud". */
  product: string;
}

/** The product changes of a connect, made concrete for the workspace. */
export interface ProductChangesFactsView {
  subscriptionId: string;
  subscriptionName?: string;
  /** The workspace's enabled Microsoft security incident creation rules; empty → a "none" line. */
  incidentCreationRules: IncidentCreationRuleView[];
  /** false → the preview path (no Defender XDR in the tenant). */
  hasDefenderXdr: boolean;
}

/** Shown to the requester after `connect`. */
export interface ProductChangesView {
  requestId: string;
  version: number;
  report: ReadinessReportView;
  changes: ProductChangesFactsView;
  /** Whether "Submit for approval" is offered. */
  canSubmit: boolean;
  /** Titles of the checks that must be fixed first (shown when canSubmit is false). */
  blockingChecks: string[];
}

/** How an approval ended; `decidedBy` is absent when nobody decided (expired). */
export interface ApprovalDecisionView {
  outcome: 'approved' | 'rejected' | 'cancelled' | 'expired';
  decidedBy?: string;
  decidedAt: string;
  comment?: string;
}

/** The approval card posted in the SOC channel. */
export interface ApprovalView {
  requestId: string;
  version: number;
  kind: RequestKindView;
  requester: string;
  requestedAt: string;
  workspaceName: string;
  workspaceId: string;
  /** Connect: the readiness report at submission. */
  readiness?: ReadinessReportView;
  /** Connect: the product changes. */
  changes?: ProductChangesFactsView;
  /** Disconnect: the requester's reason. */
  reason?: string;
  /** Overrides the default "who may approve" line derived from the kind. */
  approverRoles?: string;
  /** Present → the decided variant: no inputs, no buttons. */
  decision?: ApprovalDecisionView;
}

/** Result of the latest verification, as the bot words it. */
export interface VerificationView {
  at: string;
  text: string;
  style?: NoticeStyle;
}

/** The approver's portal step. */
export interface PortalStepView {
  requestId: string;
  version: number;
  kind: RequestKindView;
  workspaceName: string;
  workspaceId: string;
  /** Connect only: the tenant has no Defender XDR, one extra step first. */
  previewPath?: boolean;
  /** Disconnect only: the reason to give in the portal. */
  reason?: string;
  pollIntervalSeconds: number;
  lastVerification?: VerificationView;
  /** The Defender portal's home page in the bot's cloud; default the public cloud's. */
  portalUrl?: string;
}

/** The disconnect card: asks for the reason. */
export interface DisconnectView {
  requestId: string;
  version: number;
  workspaceName: string;
  workspaceId: string;
  connectedSince?: string;
  connectedBy?: string;
  /** Prefills the reason input (e.g. after a refused submit). */
  reasonDraft?: string;
}

/** The disconnect confirmation: shows the reason back. */
export interface DisconnectConfirmView {
  requestId: string;
  version: number;
  workspaceName: string;
  workspaceId: string;
  reason: string;
}

/** The SOC-channel posts: the workflow's notification kinds. */
export type NotificationEventView = NotificationKind;

export interface NotificationView {
  event: NotificationEventView;
  kind: RequestKindView;
  workspaceName: string;
  workspaceId?: string;
  requester: string;
  approver?: string;
  comment?: string;
  /** Disconnect reason. */
  reason?: string;
  at: string;
  requestId?: string;
  /** `connected` only. */
  dataConnectorCount?: number;
  /** `connected` only. */
  automationRuleCount?: number;
  /** `failed` only: what to do next. */
  guidance?: string;
}

export interface ConnectedWorkspaceView {
  workspaceName: string;
  workspaceId: string;
  since: string;
  connectedBy: string;
  approvedBy?: string;
}

export interface OpenRequestView {
  kind: RequestKindView;
  workspaceName: string;
  /** Display word, e.g. "Waiting for approval". */
  state: string;
  /** Display string, e.g. "2 h". */
  age: string;
}

export interface AuditEventView {
  at: string;
  actor: string;
  what: string;
}

export interface StatusView {
  connected?: ConnectedWorkspaceView;
  /** Shown instead of "No workspace is connected" when that could not be established (our own text). */
  connectionNote?: string;
  openRequests: OpenRequestView[];
  recentEvents: AuditEventView[];
  asOf?: string;
}

/** A generic info or error card: say what failed and what to do. */
export interface MessageView {
  title: string;
  text: string;
  nextStep?: string;
  style?: NoticeStyle;
}

/** The `history` card: the tenant's last audit entries. */
export interface HistoryView {
  /** One line above the list, e.g. "The last 20 entries of the audit log, newest first." */
  intro: string;
  entries: AuditEventView[];
  asOf?: string;
}

/** One access of the bot's identity, as the `doctor` card shows it. */
export interface AccessRowView {
  /** "Microsoft Graph: RoleManagement.Read.Directory", "Azure Resource Manager: Reader". */
  title: string;
  result: Exclude<CheckResultWord, 'Warning'>;
  purpose: string;
  reason: string;
  /** Azure CLI commands that grant it (for anything but Passed). */
  commands: string[];
  /** The same in the portal. */
  portal?: string;
  /** https link to the documentation. */
  url?: string;
}

/** The `doctor` report: the bot's own access, one row per access it needs. */
export interface AccessReportView {
  cloud: string;
  /** Display string of the time checked. */
  checkedAt: string;
  rows: AccessRowView[];
}
