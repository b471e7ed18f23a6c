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
}

/** An enabled Microsoft incident creation rule that connecting deactivates. */
export interface RuleToDeactivate {
  name: string;
  displayName: string;
  product: string;
}

/** The product changes of connecting this workspace, made concrete. */
export interface ProductChanges {
  subscriptionId: string;
  subscriptionName: string | null;
  rulesToDeactivate: RuleToDeactivate[];
  /** False when the rules could not be read: the card then says so instead of "none". */
  rulesKnown: boolean;
  /** Whether both Defender apps already hold Microsoft Sentinel Contributor on the subscription (null: unknown). */
  appsAlreadyContributors: boolean | null;
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
  return checks.every((c) => !c.blocking || c.result === 'pass' || c.result === 'warn');
}
