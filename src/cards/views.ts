import type { NotificationKind } from '../workflow/notification';

/**
 * View models for the Adaptive Cards: plain data, already formatted for display
 * (dates as display strings). The bot maps domain objects to these; the
 * render functions in this folder turn them into cards.
 */

/** The word a readiness check states its result with (contracts/conversation.md). */
export type CheckResultWord = 'Passed' | 'Failed' | 'Warning' | 'Unknown';

/** What a request asks for. */
export type RequestKindView = 'connect' | 'disconnect' | 'primary';

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
  /** What connecting changes for the workspace's rules, automation and keys; absent in reports made before it existed. */
  impact?: ImpactView;
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
  /** The choices listed on the card (with `search`: the first ones, for clients without typeahead). */
  workspaces: WorkspaceChoiceView[];
  /** A large tenant: the input searches this `Data.Query` dataset (application/search), over `total` workspaces. */
  search?: { dataset: string; total: number };
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
  /** The Defender XDR connector check's word, so that the Alerts change says what that check found (absent: not known). */
  xdrConnector?: CheckResultWord;
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
  /** What Submit still needs outside the checks (no SOC channel yet), shown above the buttons. */
  submitNote?: string;
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
  /** Who may decide, as worked out at submit; absent on requests submitted before the bot listed them. */
  approvers?: ApproversView;
  /**
   * Whose view of the undecided card this is (the answer to `request.refresh`): `approver` the
   * comment and Approve / Reject, `requester` the state and Cancel, `other` the state alone.
   * Absent: the base card everyone sees (Approve / Reject, roles re-read at the click).
   */
  viewer?: ApprovalViewer;
  /** The request's state in words ("Waiting for approval…"), shown to the requester and to others. */
  stateText?: string;
}

export type ApprovalViewer = 'approver' | 'requester' | 'other';

/**
 * The people who may decide (names in display order) and the Teams user ids (MRIs) whose
 * clients refresh the card to their own view; or why the list could not be made.
 */
export type ApproversView = { status: 'listed'; names: string[]; refreshUserIds: string[] } | { status: 'unknown'; reason: string };

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
  /** Multi-workspace model: the workspace's role (connect: the one it gets; disconnect: the one it has). */
  role?: 'primary' | 'secondary';
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
  /** What connecting turned off, to turn back on by hand. */
  rollback?: RollbackView;
}

/** The disconnect confirmation: shows the reason back. */
export interface DisconnectConfirmView {
  requestId: string;
  version: number;
  workspaceName: string;
  workspaceId: string;
  reason: string;
  /** What connecting turned off, to turn back on by hand. */
  rollback?: RollbackView;
}

/** The SOC-channel posts: the workflow's notification kinds. */
export type NotificationEventView = NotificationKind;

export interface NotificationView {
  event: NotificationEventView;
  kind: RequestKindView;
  /** Multi-workspace model: the workspace's role (announcements say "primary" or "secondary"). */
  role?: 'primary' | 'secondary';
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
  /** `connected` only: what the portal turned off. */
  turnedOff?: PortalTurnedOffView;
  /** `disconnected` only: what to turn back on by hand. */
  rollback?: RollbackView;
}

export interface ConnectedWorkspaceView {
  workspaceName: string;
  workspaceId: string;
  since: string;
  connectedBy: string;
  approvedBy?: string;
  /** Multi-workspace model: "Primary" or "Secondary". */
  role?: string;
  /** Multi-workspace model: a secondary the bot has no record of, shown by Azure signals only. */
  candidate?: boolean;
  /** Multi-workspace model, the primary: when and by whom it became the primary, when after it was connected. */
  primarySince?: string;
  primaryBy?: string;
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
  /** Multi-workspace model: the secondary workspaces, besides the primary in `connected`. */
  secondaries?: ConnectedWorkspaceView[];
  /** Shown instead of "No workspace is connected" when that could not be established (our own text). */
  connectionNote?: string;
  openRequests: OpenRequestView[];
  recentEvents: AuditEventView[];
  asOf?: string;
  /** After a disconnect, until the rules are on again (read live): what to turn back on by hand. */
  rollback?: { workspaceName: string; disconnectedAt: string; checklist: RollbackView };
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

/** An item of the impact analysis (what connecting changes for the workspace's rules, automation and keys). */
export type ImpactItemKindView = 'automation' | 'alerts-not-shown' | 'customer-managed-key' | 'fusion' | 'incident-creation-rules' | 'grouping';

/** Why an automation rule behaves differently once connected, as the analysis names it. */
export type AutomationEffectView =
  'description-condition' | 'provider-condition' | 'updated-by-defender' | 'fusion-rule-condition' | 'title-condition' | 'alert-trigger';

/** A rule or automation rule an impact item names. */
export interface ImpactEntryView {
  displayName: string;
  /** Microsoft incident creation rules: the product. */
  product?: string;
  /** Grouping: which settings are no longer honoured. */
  settings?: Array<'reopen-closed-incidents' | 'alert-grouping'>;
  /** Automation rules: why they change, worst first. */
  effects?: AutomationEffectView[];
  /** Automation rules: the Logic Apps their RunPlaybook actions run. */
  playbooks?: string[];
}

export interface ImpactItemView {
  kind: ImpactItemKindView;
  /** How many it affects (customer-managed keys: 1 on, 0 off); null when it could not be checked. */
  count: number | null;
  entries: ImpactEntryView[];
  /** The Microsoft Learn section that says so. */
  url: string;
}

/** The impact analysis, most consequential first. */
export interface ImpactView {
  items: ImpactItemView[];
}

/** A rule connecting turned off, to turn back on by hand after a disconnect. */
export interface RollbackRuleView {
  displayName: string;
  kind: 'fusion' | 'incident-creation';
  /** Incident creation rules: the product. */
  product?: string;
}

/** What to turn back on by hand after disconnecting: the rules connecting turned off, and the Defender XDR connector. */
export interface RollbackView {
  /** Where the list comes from: the connect request's snapshot, or the workspace's state (a connection made outside the bot). */
  source: 'snapshot' | 'current-state';
  /** null: the rules could not be read. */
  rules: RollbackRuleView[] | null;
  /** A secondary workspace: the Defender XDR connector stays with the primary; its standalone Microsoft connectors were removed. */
  secondary?: boolean;
  /** Optional note under the list, e.g. that the bot could not check which rules are on again. */
  note?: string;
  /** Where each step is explained: turning the Fusion rule and incident creation rules back on, reconnecting the connector, disconnecting. */
  links: { fusion: string; incidentCreation: string; connector: string; offboard: string };
}

/** What the portal turned off when it connected the workspace (a snapshot at approval compared with Azure at verification). */
export interface PortalTurnedOffView {
  rules: RollbackRuleView[];
  /** Data connectors that were on at approval and are off or gone now. */
  connectors: string[];
  /** Set when there was no snapshot to compare with. */
  note?: string;
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
