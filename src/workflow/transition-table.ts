import type { RequestState } from './connection-request';
import type { WorkflowEventType } from './workflow-event';

/** A table cell: the state an accepted event leads to, or `'forbidden'`. */
export type TransitionCell = RequestState | 'forbidden';

/**
 * The whole state machine: for each state and event type, the next state or
 * `'forbidden'`. Rules about who and what (four-eyes, roles, reasons, versions)
 * are checked by `transition` only for cells that are not forbidden.
 */
export const TRANSITION_TABLE: Readonly<Record<RequestState, Readonly<Record<WorkflowEventType, TransitionCell>>>> = {
  draft: {
    set_reason: 'draft',
    submit: 'submitted',
    approve: 'forbidden',
    reject: 'forbidden',
    verified: 'forbidden',
    verification_failed: 'forbidden',
    cancel: 'cancelled',
    expire: 'forbidden',
  },
  submitted: {
    set_reason: 'forbidden',
    submit: 'forbidden',
    approve: 'approved',
    reject: 'rejected',
    verified: 'forbidden',
    verification_failed: 'forbidden',
    cancel: 'cancelled',
    expire: 'expired',
  },
  approved: {
    set_reason: 'forbidden',
    submit: 'forbidden',
    approve: 'forbidden',
    reject: 'forbidden',
    verified: 'completed',
    verification_failed: 'failed',
    cancel: 'cancelled',
    expire: 'expired',
  },
  completed: allForbidden(),
  rejected: allForbidden(),
  failed: allForbidden(),
  cancelled: allForbidden(),
  expired: allForbidden(),
};

/** Terminal states accept nothing. */
function allForbidden(): Record<WorkflowEventType, TransitionCell> {
  return {
    set_reason: 'forbidden',
    submit: 'forbidden',
    approve: 'forbidden',
    reject: 'forbidden',
    verified: 'forbidden',
    verification_failed: 'forbidden',
    cancel: 'forbidden',
    expire: 'forbidden',
  };
}
