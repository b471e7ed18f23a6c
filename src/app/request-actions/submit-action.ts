import { renderMessageCard } from '../../cards';
import { listApprovers } from '../../checks/list-approvers';
import { runReadinessChecks } from '../../checks/run-readiness-checks';
import { describeState, refusalAudit, refuse, transition, type SubmitEvent } from '../../workflow';
import { applyRequestEvent } from '../apply-request-event';
import { INVOKE_BUDGET_MS } from '../budgets';
import { requestAction } from '../card-actions/define-action';
import { disconnectStillNeeded } from '../disconnect/still-connected';
import { connectChecksFor } from '../model-connections';
import { cardResult, refused, refusedAction } from '../respond';
import type { StoredRequest } from '../stored-request';
import { SUBMIT_NEEDS_SOC_CHANNEL_MESSAGE } from '../turn-guards';
import { checkEnvironment } from '../check-environment';

/**
 * `request.submit`: the requester sends the request, connect or disconnect, to the SOC channel.
 * A connect re-runs the checks first (what passed minutes ago must still pass); a disconnect
 * checks that its workspace is still connected.
 */
export const submitAction = requestAction('request.submit', { notFound: 'This request no longer exists. Start again with `connect`.' }, async (c) => {
  const { ctx, origin, by, request, data } = c;
  if (!(await ctx.store.getSocChannel(origin.tenantId))) return refused('no_soc_channel', SUBMIT_NEEDS_SOC_CHANNEL_MESSAGE);

  const submit = (at: Date): SubmitEvent => ({
    type: 'submit',
    by,
    at: at.toISOString(),
    expiresAt: new Date(at.getTime() + ctx.config.requestExpiryHours * 3_600_000).toISOString(),
    expectedVersion: data.version,
  });
  // The workflow decides whether this submit can happen at all (state, requester, version, reason)
  // before Azure is asked anything; a refused one is refused and audited by applyRequestEvent below.
  const possible = transition(request, submit(ctx.now())).ok;
  // Who may decide is read beside the checks, under the same budget; a list that cannot be made says so on the card.
  const approvers = possible
    ? listApprovers(ctx.arm, ctx.graph, request.workspace, request.kind, request.requester, { deadline: Date.now() + INVOKE_BUDGET_MS, now: ctx.now })
    : undefined;
  approvers?.catch(() => undefined);
  let readiness = request.readiness;
  if (possible && request.kind === 'connect' && !isFresh(readiness, ctx.now())) {
    const connection = await ctx.store.getConnection(origin.tenantId);
    readiness = await runReadinessChecks(ctx.arm, ctx.graph, {
      ...checkEnvironment(ctx),
      workspace: request.workspace,
      requester: request.requester,
      recordedConnection: request.workspaceModel === 'multi' ? null : (connection?.workspace ?? null),
      ...(await connectChecksFor(ctx, request.tenantId, request.role)),
      deadlineMs: INVOKE_BUDGET_MS,
      now: ctx.now,
      findConnected: ctx.connectedWorkspaces.find,
    });
    if (!readiness.canSubmit) {
      const blocking = readiness.checks.filter((c) => c.blocking && (c.result === 'fail' || c.result === 'unknown'));
      const message = `The checks no longer pass: ${blocking.map((c) => `${c.title}: ${c.reason}`).join(' ')} Fix this, then run \`connect\` again.`;
      await ctx.store.appendAudit([refusalAudit(request, by, 'submit', refuse('checks_not_passed', message), ctx.now().toISOString())]);
      return refused('checks_not_passed', message);
    }
  }
  if (possible && request.kind === 'disconnect') {
    // A workspace disconnected meanwhile would otherwise be "verified" at once.
    const still = await disconnectStillNeeded(ctx, request);
    if (!still.ok) {
      await ctx.store.appendAudit([refusalAudit(request, by, 'submit', refuse('nothing_connected', still.message), ctx.now().toISOString())]);
      return refused('nothing_connected', still.message);
    }
  }
  const approverList = await approvers;
  const outcome = await applyRequestEvent(ctx, request, submit(ctx.now()), by, {
    decorate: (next) => ({ ...next, ...(readiness ? { readiness } : {}), ...(approverList ? { approvers: approverList } : {}) }),
  });
  if (!outcome.ok) return refusedAction(outcome.refusal);
  return cardResult(
    renderMessageCard({
      title: 'Sent for approval',
      text:
        `Your request to ${outcome.request.kind} ${outcome.request.workspace.name} is in the SOC channel, ` +
        `${describeState(outcome.request).toLowerCase()}. Someone else with the required roles must approve it; you will hear from me here.`,
      nextStep: 'Type `cancel` to withdraw it, `status` to see where it stands.',
      style: 'good',
    }),
  );
});

/** How long the checks shown on the product-changes card stand for a submit. */
const READINESS_FRESH_MS = 60_000;

/** Whether the report the requester just saw is recent enough to submit on without checking again. */
function isFresh(report: StoredRequest['readiness'], now: Date): boolean {
  return !!report && report.canSubmit && now.getTime() - new Date(report.checkedAt).getTime() < READINESS_FRESH_MS;
}
