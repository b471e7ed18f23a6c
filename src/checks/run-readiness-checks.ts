import type { ArmPort, GraphPort, WorkspaceRef } from '../azure/ports';
import type { PortalLinks } from '../clouds';
import type { Person } from '../workflow';
import { describeCallError, isAzureFailure, retryRemediation, whenAzureFails, withDeadline } from './describe-call-error';
import { memoizePorts } from './memoize-ports';
import { CONNECT_CHECKS, type PrerequisiteCheck } from './prerequisite-checks';
import { allowsSubmit, type CheckOutcome, type ProductChanges, type ReadinessReport } from './readiness';
import { appsHaveContributorOn, INCIDENT_RULE_KIND } from './connection-signals';

export interface ReadinessInput {
  workspace: WorkspaceRef;
  requester: Person;
  /** The tenant's connected workspace as the bot recorded it. */
  recordedConnection: WorkspaceRef | null;
  /** Overall deadline for the checks, in ms. */
  deadlineMs: number;
  now: () => Date;
  checks?: PrerequisiteCheck[];
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
  const checkInput = {
    ...ports,
    workspace: input.workspace,
    requester: input.requester,
    recordedConnection: input.recordedConnection,
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

async function readProductChanges(arm: ArmPort, graph: GraphPort, workspace: WorkspaceRef, deadline: number): Promise<ProductChanges> {
  const [subs, rules, apps] = await Promise.all([
    withDeadline(arm.listSubscriptions(), deadline).catch(whenAzureFails(null)),
    withDeadline(arm.listAlertRules(workspace), deadline).catch(whenAzureFails(null)),
    // Memoized: the one-connected check reads the same calls.
    withDeadline(appsHaveContributorOn(arm, graph, workspace.subscriptionId), deadline).catch(whenAzureFails(null)),
  ]);
  const sub = subs?.find((s) => s.subscriptionId.toLowerCase() === workspace.subscriptionId.toLowerCase());
  return {
    subscriptionId: workspace.subscriptionId,
    subscriptionName: sub?.displayName ?? null,
    rulesKnown: rules !== null,
    appsAlreadyContributors: apps,
    rulesToDeactivate: (rules ?? [])
      .filter((r) => r.kind.toLowerCase() === INCIDENT_RULE_KIND && r.enabled)
      .map((r) => ({ name: r.name, displayName: r.displayName, product: r.productFilter ?? 'Unknown product' })),
  };
}
