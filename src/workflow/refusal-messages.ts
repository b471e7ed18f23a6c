import type { ConnectionRequest } from './connection-request';
import { describeRequest, describeState } from './describe-request';
import { activateInPim, type RoleEvaluation } from './evaluate-approver-roles';
import { refuse, type Refusal } from './refusal';
import type { WorkflowEventType } from './workflow-event';

const PAST_TENSE: Record<WorkflowEventType, string> = {
  set_reason: 'given a new reason',
  submit: 'submitted',
  approve: 'approved',
  reject: 'rejected',
  verified: 'marked as verified',
  verification_failed: 'marked as failed',
  cancel: 'cancelled',
  expire: 'expired',
};

/** The event is not allowed in the request's state; says the state in words. */
export function forbiddenTransition(request: ConnectionRequest, type: WorkflowEventType): Refusal {
  return refuse(
    'forbidden_transition',
    `This ${describeRequest(request)} is ${describeState(request)}, so it can't be ${PAST_TENSE[type]}. ` + 'Run `status` to see where it stands.',
  );
}

/** The actor saw an older version of the request (a stale card, or someone else was quicker). */
export function staleVersion(request: ConnectionRequest, expected: number): Refusal {
  return refuse(
    'stale_version',
    `This card is out of date: the request changed after it was shown (version ${expected} then, ` +
      `${request.version} now). Refresh the card or run \`status\`, then try again.`,
  );
}

/** Only the requester may do this. */
export function notRequester(request: ConnectionRequest, type: 'set_reason' | 'submit' | 'cancel'): Refusal {
  const who = request.requester.name;
  const messages = {
    set_reason: `Only ${who}, who started this request, can give its reason.`,
    submit: `Only ${who}, who started this request, can submit it. Run \`connect\` or \`disconnect\` to start your own.`,
    cancel: `Only ${who}, who started this request, can cancel it. Ask them, or reject it if you are an approver.`,
  };
  return refuse('not_requester', messages[type]);
}

/** Four-eyes: the requester may not decide on their own request. */
export function fourEyes(type: 'approve' | 'reject'): Refusal {
  return refuse(
    'four_eyes',
    type === 'approve'
      ? 'You asked for this change; another qualified person must approve it.'
      : 'You asked for this change; another qualified person must approve or reject it. ' + 'To withdraw it, run `cancel` in your chat with the bot.',
  );
}

/**
 * The would-be approver lacks roles; lists them in words. When the person would qualify once
 * PIM-eligible roles are active, says which to activate instead (`role_not_active`).
 */
export function notQualified(request: ConnectionRequest, type: 'approve' | 'reject', roles: RoleEvaluation): Refusal {
  const verb = type === 'approve' ? 'Approving' : 'Rejecting';
  if (roles.activate && roles.activate.length > 0) {
    return refuse(
      'role_not_active',
      `${verb} a ${request.kind} request needs ${roles.activate.join(' and ')} to be active, and you hold ${roles.activate.length > 1 ? 'them' : 'it'} ` +
        `only as eligible: ${activateInPim(roles.activate)}, then click again.`,
    );
  }
  const needs = roles.missing.length > 0 ? roles.missing.join('; it also ') : 'needs roles you do not hold';
  const eligible =
    roles.eligible && roles.eligible.length > 0
      ? ` You are eligible for ${roles.eligible.join(' and ')} in Privileged Identity Management, which is not enough on its own.`
      : '';
  return refuse(
    'not_qualified',
    `${verb} a ${request.kind} request ${needs}.${eligible} ` +
      'Ask a colleague who holds these roles to do it, or ask an administrator to assign them to you.',
  );
}

/** A disconnect cannot be submitted without a reason. */
export function reasonRequired(): Refusal {
  return refuse('reason_required', 'A disconnect needs a reason before it can be submitted: give one, then submit again.');
}

/** A reason was given for a connect request. */
export function reasonNotApplicable(): Refusal {
  return refuse('reason_not_applicable', 'Only a disconnect request takes a reason; submit the connect request without one.');
}

/** An `expire` arrived before the deadline. */
export function notExpired(expiresAt: string): Refusal {
  return refuse('not_expired', `This request does not expire until ${expiresAt}; leave it open until then.`);
}

/** A decision arrived after the deadline. */
export function expired(expiresAt: string): Refusal {
  return refuse('expired', `This request expired at ${expiresAt} and can no longer be decided on. ` + 'Ask the requester to start a new one.');
}
