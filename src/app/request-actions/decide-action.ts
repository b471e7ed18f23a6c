import { renderApprovalCard, renderPortalStepCard } from '../../cards';
import { describeCallError, isAzureFailure } from '../../checks/describe-call-error';
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
 * A role held only as PIM-eligible is refused with what to activate (`role_not_active`).
 */
export function decideAction(decision: 'approve' | 'reject'): CardActionHandler {
  return requestAction(decision === 'approve' ? 'request.approve' : 'request.reject', { notFound: 'This request no longer exists.' }, async (c) => {
    const { ctx, by, request, data } = c;
    const at = ctx.now();
    let roles: RoleEvaluation;
    try {
      // The active roles decide; PIM eligibility is read only to say what to activate, and never delays the answer past the budget.
      roles = await evaluatePersonRoles(ctx.arm, ctx.graph, by.id, request.workspace, request.kind, { deadline: Date.now() + INVOKE_BUDGET_MS });
    } catch (err) {
      if (!isAzureFailure(err)) throw err;
      const message = `Your roles could not be verified (${describeCallError(err)}), so nothing was changed. Try again in a minute.`;
      await ctx.store.appendAudit([refusalAudit(request, by, decision, refuse('roles_unverified', message), at.toISOString())]);
      return refused('roles_unverified', message);
    }
    const expiresAt = new Date(at.getTime() + ctx.config.requestExpiryHours * 3_600_000).toISOString();
    const common = { by, at: at.toISOString(), comment: data.comment, approverRoles: roles, expectedVersion: data.version };
    const outcome = await applyRequestEvent(
      ctx,
      request,
      decision === 'approve' ? { type: 'approve', ...common, expiresAt } : { type: 'reject', ...common },
      by,
    );
    if (!outcome.ok) return refusedAction(outcome.refusal);
    return cardResult(
      decision === 'approve'
        ? renderPortalStepCard(portalStepView(outcome.request, ctx.config.verify.pollSeconds, portalLinks(ctx.config.cloud).defenderHome))
        : renderApprovalCard(approvalView(outcome.request)),
    );
  });
}
