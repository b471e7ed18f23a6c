import type { TurnOrigin } from '../turn-origin';
import { renderApprovalCard, renderPortalStepCard } from '../../cards';
import { evaluatePersonRoles } from '../../checks/evaluate-person-roles';
import { describeCallError } from '../../checks/describe-call-error';
import { refusalAudit, refuse, type RoleEvaluation } from '../../workflow';
import { applyRequestEvent } from '../apply-request-event';
import type { AppContext } from '../context';
import { personOf, UNKNOWN_PERSON_MESSAGE } from '../identity-guard';
import { readOptionalText, readRequestRef } from '../read-action-data';
import { approvalView, portalStepView } from '../request-views';
import { cardResult, refused, refusedAction } from '../respond';
import type { CardAction, CardActionResult } from '../types';
import { withDeadline } from '../../checks/describe-call-error';
import { INVOKE_BUDGET_MS } from './workspace-select-action';

/**
 * `request.approve` / `request.reject` from the SOC channel. The clicker's roles are
 * read from Azure and Graph at the click (groups included), never taken from the card;
 * the requester may not decide; the card's version must still be current.
 */
export async function decideAction(ctx: AppContext, origin: TurnOrigin, action: CardAction, decision: 'approve' | 'reject'): Promise<CardActionResult> {
  const by = personOf(origin);
  if (!by) return refused('unknown_user', UNKNOWN_PERSON_MESSAGE);
  const ref = readRequestRef(action.data);
  if (!ref.ok) return refused('invalid_data', ref.message);
  const comment = readOptionalText(action.data, 'comment');
  if (!comment.ok) return refused('invalid_input', comment.message);
  const request = await ctx.store.getRequest(ref.requestId);
  if (!request || request.tenantId !== origin.tenantId) return refused('not_found', 'This request no longer exists.');

  const at = ctx.now();
  let roles: RoleEvaluation;
  try {
    roles = await withDeadline(evaluatePersonRoles(ctx.arm, ctx.graph, by.id, request.workspace, request.kind), Date.now() + INVOKE_BUDGET_MS);
  } catch (err) {
    const message = `Your roles could not be verified (${describeCallError(err)}), so nothing was changed. Try again in a minute.`;
    await ctx.store.appendAudit([refusalAudit(request, by, decision, refuse('roles_unverified', message), at.toISOString())]);
    return refused('roles_unverified', message);
  }
  const expiresAt = new Date(at.getTime() + ctx.config.requestExpiryHours * 3_600_000).toISOString();
  const outcome = await applyRequestEvent(
    ctx,
    request,
    decision === 'approve'
      ? { type: 'approve', by, at: at.toISOString(), comment: comment.value, approverRoles: roles, expectedVersion: ref.version, expiresAt }
      : { type: 'reject', by, at: at.toISOString(), comment: comment.value, approverRoles: roles, expectedVersion: ref.version },
    by,
  );
  if (!outcome.ok) return refusedAction(outcome.refusal);
  return cardResult(
    decision === 'approve'
      ? renderPortalStepCard(portalStepView(outcome.request, ctx.config.verify.pollSeconds))
      : renderApprovalCard(approvalView(outcome.request)),
  );
}
