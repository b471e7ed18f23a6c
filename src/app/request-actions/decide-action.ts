import { renderApprovalCard, renderPortalStepCard } from '../../cards';
import { describeCallError, isAzureFailure, withDeadline } from '../../checks/describe-call-error';
import { takeApprovalSnapshot } from '../../checks/approval-snapshot';
import { evaluatePersonRoles } from '../../checks/evaluate-person-roles';
import { refusalAudit, refuse, type RoleEvaluation } from '../../workflow';
import { applyRequestEvent } from '../apply-request-event';
import { INVOKE_BUDGET_MS } from '../budgets';
import { requestAction, type CardActionHandler } from '../card-actions/define-action';
import { approvalView, portalStepView } from '../request-views';
import { cardResult, refused, refusedAction } from '../respond';
import { portalLinks } from '../../clouds';

/**
 * `request.approve` / `request.reject` from the SOC channel, for connect and disconnect. The
 * clicker's roles are read from Azure and Graph at the click (groups included), never taken from
 * the card; whether they suffice, and four-eyes, state and version, are the workflow's to decide.
 * Approving a connect also stores what the bot saw of the workspace at that moment (its enabled
 * rules, connectors and the automation rules affected), read under the same deadline as the roles.
 * A role held only as PIM-eligible is refused with what to activate (`role_not_active`).
 */
export function decideAction(decision: 'approve' | 'reject'): CardActionHandler {
  return requestAction(decision === 'approve' ? 'request.approve' : 'request.reject', { notFound: 'This request no longer exists.' }, async (c) => {
    const { ctx, by, request, data } = c;
    const at = ctx.now();
    const deadline = Date.now() + INVOKE_BUDGET_MS;
    // Read beside the roles and under their deadline, so an approval waits no longer for it; a late part is left out.
    const snapshot =
      decision === 'approve' && request.kind === 'connect' ? takeApprovalSnapshot(ctx.arm, request.workspace, deadline, at.toISOString()) : undefined;
    snapshot?.catch(() => undefined);
    let roles: RoleEvaluation;
    try {
      // The active roles decide; PIM eligibility is read only to say what to activate, and never delays the answer past the budget.
      roles = await withDeadline(evaluatePersonRoles(ctx.arm, ctx.graph, by.id, request.workspace, request.kind, { deadline }), deadline);
    } catch (err) {
      if (!isAzureFailure(err)) throw err;
      const message = `Your roles could not be verified (${describeCallError(err)}), so nothing was changed. Try again in a minute.`;
      await ctx.store.appendAudit([refusalAudit(request, by, decision, refuse('roles_unverified', message), at.toISOString())]);
      return refused('roles_unverified', message);
    }
    const expiresAt = new Date(at.getTime() + ctx.config.requestExpiryHours * 3_600_000).toISOString();
    const common = { by, at: at.toISOString(), comment: data.comment, approverRoles: roles, expectedVersion: data.version };
    const approvalSnapshot = await snapshot;
    const outcome = await applyRequestEvent(
      ctx,
      request,
      decision === 'approve' ? { type: 'approve', ...common, expiresAt } : { type: 'reject', ...common },
      by,
      approvalSnapshot ? { decorate: (next) => ({ ...next, approvalSnapshot }) } : {},
    );
    if (!outcome.ok) return refusedAction(outcome.refusal);
    return cardResult(
      decision === 'approve'
        ? renderPortalStepCard(portalStepView(outcome.request, ctx.config.verify.pollSeconds, portalLinks(ctx.config.cloud).defenderHome))
        : renderApprovalCard(approvalView(outcome.request)),
    );
  });
}
