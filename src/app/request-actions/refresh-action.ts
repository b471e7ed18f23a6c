import { renderApprovalCard, type ApprovalViewer } from '../../cards';
import { isAzureFailure, withDeadline } from '../../checks/describe-call-error';
import { evaluatePersonRoles } from '../../checks/evaluate-person-roles';
import { samePerson } from '../../workflow';
import { INVOKE_BUDGET_MS } from '../budgets';
import { requestAction } from '../card-actions/define-action';
import { approvalView } from '../request-views';
import { cardResult } from '../respond';

/**
 * `request.refresh`: the Universal Actions refresh of the approval card, answered with the
 * clicker's own view. The requester gets the state and Cancel; a person who may decide (roles read
 * now, as at a click) the comment and Approve / Reject; anyone else the state and who may decide.
 * A decided request answers with its decided card; a request whose approvers could not be listed,
 * or a clicker whose roles cannot be read now, gets the base card (Approve / Reject for everyone,
 * roles re-read at the click). The view changes nothing and is not audited.
 */
export const refreshAction = requestAction('request.refresh', { notFound: 'This request no longer exists.' }, async ({ ctx, by, request }) => {
  const view = (viewer?: ApprovalViewer) => cardResult(renderApprovalCard(approvalView(request, viewer)));
  if (request.state !== 'submitted' || request.approvers?.status !== 'listed') return view();
  if (samePerson(by, request.requester)) return view('requester');
  const deadline = Date.now() + INVOKE_BUDGET_MS;
  try {
    const reading = evaluatePersonRoles(ctx.arm, ctx.graph, by.id, request.workspace, request.kind, { eligibility: 'never', deadline });
    const roles = await withDeadline(reading, deadline);
    return view(roles.qualified ? 'approver' : 'other');
  } catch (err) {
    if (!isAzureFailure(err)) throw err;
    ctx.logger.info({ requestId: request.id, err: err instanceof Error ? err.message : String(err) }, 'refresh: roles not readable, base card');
    return view();
  }
});
