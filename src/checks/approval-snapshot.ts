import type { AlertRuleInfo, ArmPort, DataConnectorInfo, WorkspaceRef } from '../azure/ports';
import { automationRulesAffected } from './classify-impact';
import { isEnabledState } from './connection-signals';
import { whenAzureFails, withDeadline } from './describe-call-error';
import type { AffectedAutomationRule } from './readiness';

/** An analytics rule as a snapshot records it. */
export interface SnapshotRule {
  name: string;
  displayName: string;
  kind: string;
  /** Microsoft incident creation rules: the product filter. */
  product?: string;
}

/** A data connector as a snapshot records it. */
export interface SnapshotConnector {
  name: string;
  kind: string;
  incidentsState?: string;
  alertsState?: string;
}

/**
 * What the bot saw of the workspace when the approver approved a connect. Each part is null when
 * it was not read within the approval's time budget (the approval never waits longer for it).
 */
export interface ApprovalSnapshot {
  at: string;
  /** Every enabled analytics rule (the Fusion rule's state among them). */
  rulesEnabled: SnapshotRule[] | null;
  connectors: SnapshotConnector[] | null;
  /** Automation rules whose conditions or trigger change meaning once connected. */
  automationRulesAffected: AffectedAutomationRule[] | null;
}

/** The rule kinds the portal turns off when it connects a workspace (move-to-defender): Fusion and Microsoft incident creation rules. */
export const KINDS_THE_PORTAL_TURNS_OFF = ['fusion', 'microsoftsecurityincidentcreation'] as const;

/** Whether connecting turns this rule off. */
export const portalTurnsOff = (rule: { kind: string }): boolean => (KINDS_THE_PORTAL_TURNS_OFF as readonly string[]).includes(rule.kind.toLowerCase());

/** A rule as a snapshot records it. */
export function snapshotRule(rule: AlertRuleInfo): SnapshotRule {
  return { name: rule.name, displayName: rule.displayName, kind: rule.kind, ...(rule.productFilter ? { product: rule.productFilter } : {}) };
}

const snapshotConnector = (c: DataConnectorInfo): SnapshotConnector => ({
  name: c.name,
  kind: c.kind,
  ...(c.incidentsState !== undefined ? { incidentsState: c.incidentsState } : {}),
  ...(c.alertsState !== undefined ? { alertsState: c.alertsState } : {}),
});

/**
 * Reads the snapshot concurrently, each read under `deadline` (epoch ms): a read that fails or
 * runs late leaves its part null and never delays the caller past the deadline.
 */
export async function takeApprovalSnapshot(arm: ArmPort, workspace: WorkspaceRef, deadline: number, at: string): Promise<ApprovalSnapshot> {
  const [rules, connectors, automation] = await Promise.all([
    withDeadline(arm.listAlertRules(workspace), deadline).catch(whenAzureFails(null)),
    withDeadline(arm.listDataConnectors(workspace), deadline).catch(whenAzureFails(null)),
    withDeadline(arm.listAutomationRules(workspace), deadline).catch(whenAzureFails(null)),
  ]);
  return {
    at,
    rulesEnabled: rules ? rules.filter((r) => r.enabled).map(snapshotRule) : null,
    connectors: connectors ? connectors.map(snapshotConnector) : null,
    automationRulesAffected: automation ? automationRulesAffected(automation, rules) : null,
  };
}

/** What the portal turned off: rules and connectors on before, off (or gone) now. */
export interface PortalTurnedOff {
  /** What the comparison started from: the snapshot at approval, or what the requester saw at submit. */
  basis: 'approval' | 'submit';
  /** Fusion and Microsoft incident creation rules enabled before and not enabled now. */
  rules: SnapshotRule[];
  /** Connectors with incidents or alerts on before that are off or gone now; null when the connectors were not read before. */
  connectors: SnapshotConnector[] | null;
}

const key = (name: string): string => name.toLowerCase();
const streams = (c: SnapshotConnector): boolean => isEnabledState(c.incidentsState) || isEnabledState(c.alertsState);

/**
 * Compares what was on before connecting with what Azure shows after it. Only the rule kinds the
 * portal is documented to turn off count: another rule switched off meanwhile is someone's own doing.
 */
export function comparePortalEffects(
  before: { basis: PortalTurnedOff['basis']; rules: SnapshotRule[]; connectors: SnapshotConnector[] | null },
  nowRules: AlertRuleInfo[],
  nowConnectors: DataConnectorInfo[],
): PortalTurnedOff {
  const enabledNow = new Set(nowRules.filter((r) => r.enabled).map((r) => key(r.name)));
  const connectorsNow = new Map(nowConnectors.map((c) => [key(c.name), snapshotConnector(c)]));
  return {
    basis: before.basis,
    rules: before.rules.filter((r) => portalTurnsOff(r) && !enabledNow.has(key(r.name))),
    connectors: before.connectors
      ? before.connectors.filter((c) => {
          const now = connectorsNow.get(key(c.name));
          return streams(c) && (!now || !streams(now));
        })
      : null,
  };
}

/** The rules of a checklist that are not enabled now; a rule that no longer exists has nothing to turn back on. */
export function rulesStillOff(rules: SnapshotRule[], nowRules: AlertRuleInfo[]): SnapshotRule[] {
  const now = new Map(nowRules.map((r) => [key(r.name), r]));
  return rules.filter((r) => {
    const current = now.get(key(r.name));
    return current !== undefined && !current.enabled;
  });
}
