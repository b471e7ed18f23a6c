import type { Person } from './person';
import type { RoleEvaluation } from './evaluate-approver-roles';

/** Fields every event carries. Time always comes in the event: the workflow has no clock. */
interface EventBase {
  /** ISO 8601 instant the event happened. */
  at: string;
  /** The version the actor saw (from the card); a mismatch is refused as `stale_version`. */
  expectedVersion?: number;
}

/** Sets the reason of a disconnect draft (requester only). */
export interface SetReasonEvent extends EventBase {
  type: 'set_reason';
  by: Person;
  reason: string;
}

/** Sends a draft for approval (requester only). */
export interface SubmitEvent extends EventBase {
  type: 'submit';
  by: Person;
  /** Deadline for approval and the portal step; the caller's policy sets it. */
  expiresAt: string;
}

/** An approver confirms; `approverRoles` is the server-side evaluation at the moment of the click. */
export interface ApproveEvent extends EventBase {
  type: 'approve';
  by: Person;
  comment?: string;
  approverRoles: RoleEvaluation;
  /** A new deadline for the portal step; without it the submission's deadline stands. */
  expiresAt?: string;
}

/** An approver turns the request down. */
export interface RejectEvent extends EventBase {
  type: 'reject';
  by: Person;
  comment?: string;
  approverRoles: RoleEvaluation;
}

/** Azure signals show the portal step was done. */
export interface VerifiedEvent extends EventBase {
  type: 'verified';
}

/** Verification gave up (timed out, or the signals say the step failed). */
export interface VerificationFailedEvent extends EventBase {
  type: 'verification_failed';
  message: string;
}

/** The requester withdraws the request. */
export interface CancelEvent extends EventBase {
  type: 'cancel';
  by: Person;
}

/** The deadline passed without approval or verification. */
export interface ExpireEvent extends EventBase {
  type: 'expire';
}

/** Everything that can happen to a request, discriminated on `type`. */
export type WorkflowEvent = SetReasonEvent | SubmitEvent | ApproveEvent | RejectEvent | VerifiedEvent | VerificationFailedEvent | CancelEvent | ExpireEvent;

export type WorkflowEventType = WorkflowEvent['type'];

/** Every event type, in the order the table lists them. */
export const WORKFLOW_EVENT_TYPES = [
  'set_reason',
  'submit',
  'approve',
  'reject',
  'verified',
  'verification_failed',
  'cancel',
  'expire',
] as const satisfies readonly WorkflowEventType[];

/** The person behind an event, or `'system'` for events the bot raises itself. */
export function eventActor(event: WorkflowEvent): Person | 'system' {
  return 'by' in event ? event.by : 'system';
}
