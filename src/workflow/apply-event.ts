import { isExpired, type ConnectionRequest } from './connection-request';
import { samePerson } from './person';
import type { Refusal } from './refusal';
import * as refusals from './refusal-messages';
import { accepts, nextState } from './transition-table';
import { validateComment, validateReason } from './validate-text';
import type {
  ApproveEvent,
  CancelEvent,
  ExpireEvent,
  RejectEvent,
  SetReasonEvent,
  SubmitEvent,
  VerificationFailedEvent,
  VerifiedEvent,
  WorkflowEvent,
} from './workflow-event';

/** The request after the event (version and updatedAt not yet bumped) and what to audit. */
export type Applied = { ok: true; request: ConnectionRequest; detail?: string } | { ok: false; refusal: Refusal };

const no = (refusal: Refusal): Applied => ({ ok: false, refusal });

/**
 * Checks the who-and-what rules of one event and builds the next request, in the state the
 * transition table names. The caller has already consulted the table; `accepts` here only
 * narrows the request's type to the states the table accepts the event in.
 */
export function applyEvent(request: ConnectionRequest, event: WorkflowEvent): Applied {
  switch (event.type) {
    case 'set_reason':
      return setReason(request, event);
    case 'submit':
      return submit(request, event);
    case 'approve':
    case 'reject':
      return decide(request, event);
    case 'verified':
      return verified(request, event);
    case 'verification_failed':
      return verificationFailed(request, event);
    case 'cancel':
      return cancel(request, event);
    case 'expire':
      return expire(request, event);
  }
}

function setReason(request: ConnectionRequest, event: SetReasonEvent): Applied {
  if (!accepts(request, 'set_reason')) return no(refusals.forbiddenTransition(request, event.type));
  if (!samePerson(event.by, request.requester)) return no(refusals.notRequester(request, event.type));
  if (request.kind !== 'disconnect') return no(refusals.reasonNotApplicable());
  const reason = validateReason(event.reason);
  if (!reason.ok) return reason;
  return { ok: true, request: { ...request, state: nextState(request.state, 'set_reason'), reason: reason.value }, detail: reason.value };
}

function submit(request: ConnectionRequest, event: SubmitEvent): Applied {
  if (!accepts(request, 'submit')) return no(refusals.forbiddenTransition(request, event.type));
  if (!samePerson(event.by, request.requester)) return no(refusals.notRequester(request, event.type));
  if (request.kind === 'disconnect' && !request.reason) return no(refusals.reasonRequired());
  return {
    ok: true,
    request: { ...request, state: nextState(request.state, 'submit'), submittedAt: event.at, expiresAt: event.expiresAt },
    detail: request.kind === 'disconnect' ? request.reason : undefined,
  };
}

function decide(request: ConnectionRequest, event: ApproveEvent | RejectEvent): Applied {
  if (!accepts(request, event.type)) return no(refusals.forbiddenTransition(request, event.type));
  // Four-eyes before roles: a qualified requester still may not decide on their own change.
  if (samePerson(event.by, request.requester)) return no(refusals.fourEyes(event.type));
  if (!event.approverRoles.qualified) {
    return no(refusals.notQualified(request, event.type, event.approverRoles));
  }
  if (isExpired(request, event.at)) return no(refusals.expired(request.expiresAt));
  const comment = validateComment(event.comment);
  if (!comment.ok) return comment;
  const decision = { by: event.by, at: event.at, ...(comment.value ? { comment: comment.value } : {}) };
  if (event.type === 'reject') {
    return { ok: true, request: { ...request, state: nextState(request.state, 'reject'), decision }, detail: comment.value };
  }
  return {
    ok: true,
    request: {
      ...request,
      state: nextState(request.state, 'approve'),
      decision,
      expiresAt: event.expiresAt ?? request.expiresAt,
    },
    detail: comment.value,
  };
}

function verified(request: ConnectionRequest, event: VerifiedEvent): Applied {
  if (!accepts(request, 'verified')) return no(refusals.forbiddenTransition(request, event.type));
  // Accepted even after expiresAt: the portal step did happen, and the channel should know.
  return { ok: true, request: { ...request, state: nextState(request.state, 'verified'), completedAt: event.at } };
}

function verificationFailed(request: ConnectionRequest, event: VerificationFailedEvent): Applied {
  if (!accepts(request, 'verification_failed')) return no(refusals.forbiddenTransition(request, event.type));
  const failure = { at: event.at, message: event.message };
  return { ok: true, request: { ...request, state: nextState(request.state, 'verification_failed'), failure }, detail: event.message };
}

function cancel(request: ConnectionRequest, event: CancelEvent): Applied {
  if (!accepts(request, 'cancel')) return no(refusals.forbiddenTransition(request, event.type));
  if (!samePerson(event.by, request.requester)) return no(refusals.notRequester(request, event.type));
  return {
    ok: true,
    request: { ...request, state: nextState(request.state, 'cancel'), cancelled: { by: event.by, at: event.at } },
  };
}

function expire(request: ConnectionRequest, event: ExpireEvent): Applied {
  if (!accepts(request, 'expire')) return no(refusals.forbiddenTransition(request, event.type));
  if (!isExpired(request, event.at)) return no(refusals.notExpired(request.expiresAt));
  return { ok: true, request: { ...request, state: nextState(request.state, 'expire'), expiredAt: event.at } };
}
