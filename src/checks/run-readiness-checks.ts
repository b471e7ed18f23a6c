import type { ArmPort, GraphPort, WorkspaceRef } from '../azure/ports';
import type { PortalLinks } from '../clouds';
import type { Person } from '../workflow';
import { describeCallError, isAzureFailure, retryRemediation, whenAzureFails, withDeadline } from './describe-call-error';
import { isAbsentOrNotOnboarded } from '../azure/sentinel-not-onboarded';
import { memoizePorts } from './memoize-ports';
import { CONNECT_CHECKS, type PrerequisiteCheck } from './prerequisite-checks';
import { allowsSubmit, type CheckOutcome, type ProductChanges, type ReadinessReport } from './readiness';
import { appsHaveContributorOn } from './connection-signals';
import { classifyImpact } from './classify-impact';
import { findConnectedWorkspaces } from './find-connected-workspaces';
import type { WorkspaceInfo } from '../azure/ports';

export interface ReadinessInput {
  workspace: WorkspaceRef;
  requester: Person;
  /** The tenant's connected workspace as the bot recorded it. */
  recordedConnection: WorkspaceRef | null;
  /** Overall deadline for the checks, in ms. */
  deadlineMs: number;
  now: () => Date;
  checks?: PrerequisiteCheck[];
  /** The connected-workspace scan to use (the application's short-lived cache); default a fresh scan. */
  findConnected?: (arm: ArmPort, graph: GraphPort) => Promise<WorkspaceInfo[]>;
  /** The Entra tenant the bot reads: a workspace of another tenant's subscription fails the tenant check. */
  homeTenantId?: string | null;
  /** The cloud's portal pages for the remediations; default the public cloud's. */
  links?: PortalLinks;
}

/**
 * Runs every prerequisite check concurrently under one deadline, sharing ARM and
 * Graph calls. A check whose calls fail or run out of time is `unknown`, never `pass`.
 */
export async function runReadinessChecks(arm: ArmPort, graph: GraphPort, input: ReadinessInput): Promise<ReadinessReport> {
  const ports = memoizePorts(arm, graph);
  const deadline = Date.now() + input.deadlineMs;
  const scan = input.findConnected ?? ((arm: ArmPort, graph: GraphPort) => findConnectedWorkspaces(arm, graph, input.homeTenantId ?? undefined));
  const checkInput = {
    ...ports,
    workspace: input.workspace,
    requester: input.requester,
    recordedConnection: input.recordedConnection,
    findConnected: () => scan(ports.arm, ports.graph),
    homeTenantId: input.homeTenantId,
    links: input.links,
  };
  const decide = async (check: PrerequisiteCheck): Promise<CheckOutcome> => {
    const base = { id: check.id, title: check.title, blocking: check.blocking };
    try {
      return { ...base, ...(await withDeadline(check.run(checkInput), deadline)) };
    } catch (err) {
      // Azure did not answer: Unknown, never Passed. Anything else is the bot's own fault and goes up.
      if (!isAzureFailure(err)) throw err;
      return { ...base, result: 'unknown', reason: `Could not check: ${describeCallError(err)}.`, remediation: retryRemediation(err) };
    }
  };
  const settle = <T>(p: Promise<T>) =>
    withDeadline(p, deadline).then(
      (v) => ({ ok: true as const, v }),
      (err: unknown) => {
        if (!isAzureFailure(err)) throw err;
        return { ok: false as const };
      },
    );

  const [checks, workspaceInfo, xdr, changes] = await Promise.all([
    Promise.all((input.checks ?? CONNECT_CHECKS).map(decide)),
    settle(ports.arm.getWorkspace(input.workspace)),
    settle(ports.graph.hasDefenderXdr()),
    readProductChanges(ports.arm, ports.graph, input.workspace, deadline),
  ]);
  return {
    workspace: input.workspace,
    workspaceInfo: workspaceInfo.ok ? workspaceInfo.v : null,
    checkedFor: input.requester,
    checkedAt: input.now().toISOString(),
    checks,
    portalPath: xdr.ok ? (xdr.v ? 'standard' : 'preview') : null,
    productChanges: changes,
    canSubmit: allowsSubmit(checks),
  };
}

/**
 * For `.catch(…)` of a Sentinel list: a workspace without Sentinel (Azure says so: 404 or the
 * not-onboarded 400) has nothing in it, and the Sentinel check fails; any other failure is `fallback`.
 */
const noSentinelOr =
  <T>(fallback: T) =>
  (err: unknown): [] | T =>
    isAbsentOrNotOnboarded(err) ? [] : whenAzureFails(fallback)(err);

/**
 * The product changes of connecting, and the impact analysis, read live under the checks' deadline.
 * A read that fails leaves its part of the analysis null (could not be checked), never empty.
 */
async function readProductChanges(arm: ArmPort, graph: GraphPort, workspace: WorkspaceRef, deadline: number): Promise<ProductChanges> {
  const [subs, rules, automation, onboarding, apps] = await Promise.all([
    withDeadline(arm.listSubscriptions(), deadline).catch(whenAzureFails(null)),
    withDeadline(arm.listAlertRules(workspace), deadline).catch(noSentinelOr(null)),
    withDeadline(arm.listAutomationRules(workspace), deadline).catch(noSentinelOr(null)),
    // Memoized: the Sentinel check reads the same onboarding state. Without Sentinel there is no Sentinel key.
    withDeadline(arm.getSentinelOnboarding(workspace), deadline).then((state) => state?.customerManagedKey ?? false, whenAzureFails(null)),
    // Memoized: the one-connected check reads the same calls.
    withDeadline(appsHaveContributorOn(arm, graph, workspace.subscriptionId), deadline).catch(whenAzureFails(null)),
  ]);
  const sub = subs?.find((s) => s.subscriptionId.toLowerCase() === workspace.subscriptionId.toLowerCase());
  const impact = classifyImpact({ alertRules: rules, automationRules: automation, customerManagedKey: onboarding });
  return {
    subscriptionId: workspace.subscriptionId,
    subscriptionName: sub?.displayName ?? null,
    rulesKnown: rules !== null,
    appsAlreadyContributors: apps,
    rulesToDeactivate: (impact.incidentCreationRules ?? []).map((r) => ({ name: r.name, displayName: r.displayName, product: r.product ?? 'Unknown product' })),
    impact,
  };
}
