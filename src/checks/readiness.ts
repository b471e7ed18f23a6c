import type { WorkspaceInfo, WorkspaceRef } from '../azure/ports';
import type { Person } from '../workflow';

/** The result of one prerequisite check. An error while checking is `unknown`, never `pass`. */
export type CheckResult = 'pass' | 'fail' | 'warn' | 'unknown';

export type CheckId = 'workspace' | 'tenant' | 'sentinel' | 'xdr-connector' | 'one-connected' | 'entra-role' | 'azure-roles';

export interface Remediation {
  text: string;
  url: string;
}

export interface CheckOutcome {
  id: CheckId;
  title: string;
  result: CheckResult;
  /** One line: why this result. */
  reason: string;
  /** What to do, for anything but a pass. */
  remediation?: Remediation;
  /** A failed or unknown blocking check means the request cannot be submitted. */
  blocking: boolean;
  /** The workspace checked is itself the connected one: Passed, and nothing is left to connect (no submit). */
  alreadyConnected?: boolean;
}

/** An enabled Microsoft incident creation rule that connecting deactivates. */
export interface RuleToDeactivate {
  name: string;
  displayName: string;
  product: string;
}

/** A grouping setting of a Scheduled or NRT rule that the Defender XDR correlation engine no longer honours. */
export type GroupingSetting = 'reopen-closed-incidents' | 'alert-grouping';

/** An analytics rule that connecting affects. */
export interface AffectedAlertRule {
  name: string;
  displayName: string;
  kind: string;
  /** MicrosoftSecurityIncidentCreation: the product filter. */
  product?: string;
  /** Scheduled / NRT with grouping: which settings are no longer honoured. */
  settings?: GroupingSetting[];
}

/**
 * Why an automation rule behaves differently once connected (move-to-defender, "Configure automation
 * rules and playbooks"), most consequential first: a Description condition "won't work"; an Incident
 * provider condition is removed, so the rule runs on Sentinel and Defender XDR incidents alike;
 * "Microsoft 365 Defender" in an Updated by condition is replaced by "Other"; an analytics rule
 * condition naming the Fusion rule matches nothing once Fusion is off; incident titles may change;
 * an alert trigger acts on Microsoft Sentinel alerts only.
 */
export const AUTOMATION_EFFECTS = [
  'description-condition',
  'provider-condition',
  'updated-by-defender',
  'fusion-rule-condition',
  'title-condition',
  'alert-trigger',
] as const;

export type AutomationEffect = (typeof AUTOMATION_EFFECTS)[number];

/** An enabled automation rule that connecting affects, with the Logic Apps it runs. */
export interface AffectedAutomationRule {
  name: string;
  displayName: string;
  /** In the order of AUTOMATION_EFFECTS. */
  effects: AutomationEffect[];
  /** Names of the Logic Apps its RunPlaybook actions run. */
  playbooks: string[];
}

/**
 * What connecting changes for this workspace's own rules, automation and keys, read live. Each part
 * is null when the read behind it failed or ran out of time: the card then says it could not be
 * checked, never "none".
 */
export interface ImpactAnalysis {
  /** Enabled Fusion rules (BuiltInFusion, or any rule of kind Fusion): the portal turns them off. */
  fusionRules: AffectedAlertRule[] | null;
  /** Enabled Microsoft incident creation rules: deactivated. */
  incidentCreationRules: AffectedAlertRule[] | null;
  /** Enabled Scheduled / NRT rules with incident creation off: their alerts are not shown in the portal. */
  alertsNotShown: AffectedAlertRule[] | null;
  /** Enabled Scheduled / NRT rules that create incidents with alert grouping or reopening: no longer honoured. */
  groupingNotHonoured: AffectedAlertRule[] | null;
  /** Enabled automation rules whose conditions or trigger change meaning; harmless ones are left out. */
  automationRules: AffectedAutomationRule[] | null;
  /** Customer-managed keys on the workspace: alerts and incidents leave CMK encryption. */
  customerManagedKey: boolean | null;
}

/** The items of an impact analysis, by id. */
export type ImpactItemId = 'automation' | 'alerts-not-shown' | 'customer-managed-key' | 'fusion' | 'incident-creation-rules' | 'grouping';

/** The product changes of connecting this workspace, made concrete. */
export interface ProductChanges {
  subscriptionId: string;
  subscriptionName: string | null;
  rulesToDeactivate: RuleToDeactivate[];
  /** False when the rules could not be read: the card then says so instead of "none". */
  rulesKnown: boolean;
  /** Whether both Defender apps already hold Microsoft Sentinel Contributor on the subscription (null: unknown). */
  appsAlreadyContributors: boolean | null;
  /** What connecting changes for the workspace's rules, automation and keys (absent in reports stored before it existed). */
  impact?: ImpactAnalysis;
}

export interface ReadinessReport {
  workspace: WorkspaceRef;
  workspaceInfo: WorkspaceInfo | null;
  checkedFor: Person;
  checkedAt: string;
  checks: CheckOutcome[];
  /** `preview` when the tenant has no Defender XDR; null when that could not be read. */
  portalPath: 'standard' | 'preview' | null;
  productChanges: ProductChanges;
  /** True when every blocking check passed (or warned). */
  canSubmit: boolean;
}

/** Whether a set of outcomes allows submitting: no blocking check failed or unknown. */
export function allowsSubmit(checks: CheckOutcome[]): boolean {
  return checks.every((c) => (!c.blocking || c.result === 'pass' || c.result === 'warn') && !c.alreadyConnected);
}
