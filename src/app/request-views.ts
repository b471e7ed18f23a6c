import { portalTurnsOff, type SnapshotRule } from '../checks/approval-snapshot';
import { DOC_LINKS } from '../checks/doc-links';
import { IMPACT_LINKS, impactCount, impactEntries, impactItemsByConsequence } from '../checks/classify-impact';
import type { ImpactAnalysis, ReadinessReport } from '../checks/readiness';
import {
  checkResultWord,
  type ApprovalView,
  type ApprovalViewer,
  type CheckResultWord,
  type ImpactView,
  type NotificationEventView,
  type NotificationView,
  type PortalStepView,
  type PortalTurnedOffView,
  type ProductChangesFactsView,
  type RollbackRuleView,
  type RollbackView,
  type ReadinessReportView,
} from '../cards';
import { describeState, workspaceResourceId } from '../workflow';
import { refreshUserIds } from './approver-mentions';
import { displayTime } from './display-time';
import type { RollbackChecklist, StoredRequest } from './stored-request';

/** The readiness report as the cards show it. */
export function readinessView(report: ReadinessReport): ReadinessReportView {
  return {
    workspaceName: report.workspace.name,
    workspaceId: report.workspaceInfo?.id ?? workspaceResourceId(report.workspace),
    checkedFor: report.checkedFor.name,
    checkedAt: displayTime(report.checkedAt),
    checks: report.checks.map((c) => ({
      title: c.title,
      result: checkResultWord(c.result),
      reason: c.reason,
      remediation: c.remediation?.text,
      remediationUrl: c.remediation?.url,
    })),
    ...(report.productChanges.impact ? { impact: impactView(report.productChanges.impact) } : {}),
  };
}

/** The impact analysis as the cards show it, most consequential first. */
export function impactView(analysis: ImpactAnalysis): ImpactView {
  return {
    items: impactItemsByConsequence(analysis).map((kind) => ({
      kind,
      count: impactCount(analysis, kind),
      url: IMPACT_LINKS[kind],
      entries: impactEntries(analysis, kind).map((e) => ({
        displayName: e.displayName,
        ...('product' in e && e.product ? { product: e.product } : {}),
        ...('settings' in e && e.settings ? { settings: e.settings } : {}),
        ...('effects' in e ? { effects: e.effects, playbooks: e.playbooks } : {}),
      })),
    })),
  };
}

/** The concrete product changes of a connect. */
export function productChangesView(report: ReadinessReport): ProductChangesFactsView {
  return {
    subscriptionId: report.productChanges.subscriptionId,
    subscriptionName: report.productChanges.subscriptionName ?? undefined,
    incidentCreationRules: report.productChanges.rulesToDeactivate.map((r) => ({ displayName: r.displayName, product: r.product })),
    hasDefenderXdr: report.portalPath !== 'preview',
    ...xdrConnectorWord(report),
  };
}

/** Who may decide, as the approval card shows it (absent for requests submitted before the bot listed them). */
function approversView(request: StoredRequest): Pick<ApprovalView, 'approvers'> {
  const list = request.approvers;
  if (!list) return {};
  if (list.status === 'unknown') return { approvers: { status: 'unknown', reason: list.reason } };
  return { approvers: { status: 'listed', names: list.people.map((p) => p.name), refreshUserIds: refreshUserIds(request) } };
}

/**
 * The approval card of a request; decided when the request is past `submitted`. `viewer` makes it
 * one person's view (the answer to `request.refresh`); without it, the base card everyone sees.
 */
export function approvalView(request: StoredRequest, viewer?: ApprovalViewer): ApprovalView {
  const base: ApprovalView = {
    requestId: request.id,
    version: request.version,
    kind: request.kind,
    requester: request.requester.name,
    requestedAt: displayTime('submittedAt' in request ? request.submittedAt : request.createdAt),
    workspaceName: request.workspace.name,
    workspaceId: workspaceResourceId(request.workspace),
    ...(request.kind === 'connect' && request.readiness ? { readiness: readinessView(request.readiness), changes: productChangesView(request.readiness) } : {}),
    ...(request.kind === 'disconnect' && request.reason ? { reason: request.reason } : {}),
    ...approversView(request),
    ...(viewer ? { viewer, stateText: describeState(request) } : {}),
  };
  if (request.state === 'submitted' || request.state === 'draft') return base;
  const decision = 'decision' in request ? request.decision : undefined;
  const outcome: NonNullable<ApprovalView['decision']>['outcome'] =
    request.state === 'cancelled' ? 'cancelled' : request.state === 'expired' && !decision ? 'expired' : request.state === 'rejected' ? 'rejected' : 'approved';
  const at = outcome === 'cancelled' && 'cancelled' in request ? request.cancelled.at : (decision?.at ?? request.updatedAt);
  return {
    ...base,
    decision: {
      outcome,
      decidedBy: outcome === 'cancelled' ? request.requester.name : decision?.by.name,
      decidedAt: displayTime(at),
      ...(decision?.comment && outcome !== 'cancelled' ? { comment: decision.comment } : {}),
    },
  };
}

/** The SOC-channel card of a state change. */
export function notificationView(request: StoredRequest, event: NotificationEventView, extra: Partial<NotificationView> = {}): NotificationView {
  const decision = 'decision' in request ? request.decision : undefined;
  return {
    event,
    kind: request.kind,
    ...(request.workspaceModel === 'multi' && request.role ? { role: request.role } : {}),
    workspaceName: request.workspace.name,
    workspaceId: workspaceResourceId(request.workspace),
    requester: request.requester.name,
    ...(decision ? { approver: decision.by.name } : {}),
    ...(decision?.comment ? { comment: decision.comment } : {}),
    ...(request.kind === 'disconnect' && request.reason ? { reason: request.reason } : {}),
    at: displayTime(request.updatedAt),
    requestId: request.id,
    ...(request.state === 'failed' ? { guidance: request.failure.message } : {}),
    ...(event === 'connected' && request.kind === 'connect' ? { turnedOff: portalTurnedOffView(request) } : {}),
    ...(event === 'disconnected' && request.rollback ? { rollback: rollbackView(request.rollback) } : {}),
    ...extra,
  };
}

/** A rule connecting turns off, as the rollback and turned-off lists show it. */
function rollbackRuleView(rule: SnapshotRule): RollbackRuleView {
  return {
    displayName: rule.displayName,
    kind: rule.kind.toLowerCase() === 'fusion' ? 'fusion' : 'incident-creation',
    ...(rule.product ? { product: rule.product } : {}),
  };
}

/** What to turn back on by hand after a disconnect. */
export function rollbackView(checklist: RollbackChecklist, note?: string): RollbackView {
  return {
    source: checklist.source,
    rules: checklist.rules ? checklist.rules.filter(portalTurnsOff).map(rollbackRuleView) : null,
    ...(checklist.secondary ? { secondary: true } : {}),
    ...(note ? { note } : {}),
    links: { fusion: DOC_LINKS.fusionRule, incidentCreation: DOC_LINKS.incidentCreationRules, connector: DOC_LINKS.xdrConnector, offboard: DOC_LINKS.offboard },
  };
}

/** What the portal turned off on connect, as the connected post says it. */
function portalTurnedOffView(request: StoredRequest): PortalTurnedOffView {
  const found = request.portalTurnedOff;
  if (!found) {
    return { rules: [], connectors: [], note: 'The bot did not read the rules before connecting, so it cannot say what the portal turned off.' };
  }
  return {
    rules: found.rules.map(rollbackRuleView),
    connectors: (found.connectors ?? []).map((c) => (c.name ? `${c.kind} (${c.name})` : c.kind)),
    ...(found.basis === 'submit' ? { note: 'Compared with what the bot read at submit (the read at approval did not finish in time).' } : {}),
    ...(found.connectors === null ? { note: 'The connectors were not read at approval, so only the rules are compared.' } : {}),
  };
}

/** The approver's portal-step card; `portalUrl` is the Defender portal of the bot's cloud. */
export function portalStepView(request: StoredRequest, pollIntervalSeconds: number, portalUrl?: string): PortalStepView {
  return {
    ...(portalUrl ? { portalUrl } : {}),
    requestId: request.id,
    version: request.version,
    kind: request.kind,
    workspaceName: request.workspace.name,
    workspaceId: workspaceResourceId(request.workspace),
    ...(request.kind === 'connect' ? { previewPath: request.portalPath === 'preview' } : {}),
    ...(request.kind === 'disconnect' && request.reason ? { reason: request.reason } : {}),
    ...(request.workspaceModel === 'multi' && request.role ? { role: request.role } : {}),
    pollIntervalSeconds,
    ...(request.lastVerification
      ? {
          lastVerification: {
            at: displayTime(request.lastVerification.at),
            text: request.lastVerification.text,
            style: request.lastVerification.verified ? ('good' as const) : ('warning' as const),
          },
        }
      : {}),
  };
}

/** The Defender XDR connector check's word, for the Alerts product change; nothing when the report has no such check. */
function xdrConnectorWord(report: ReadinessReport): { xdrConnector?: CheckResultWord } {
  const check = report.checks.find((c) => c.id === 'xdr-connector');
  return check ? { xdrConnector: checkResultWord(check.result) } : {};
}
