import type { ConnectionRequest, RequestState } from './connection-request';
import type { WorkflowEventType } from './workflow-event';

/** A table cell: the state an accepted event leads to, or `'forbidden'`. */
export type TransitionCell = RequestState | 'forbidden';

/** Terminal states accept nothing. */
const ALL_FORBIDDEN = {
  set_reason: 'forbidden',
  submit: 'forbidden',
  approve: 'forbidden',
  reject: 'forbidden',
  verified: 'forbidden',
  verification_failed: 'forbidden',
  cancel: 'forbidden',
  expire: 'forbidden',
} as const;

/**
 * The whole state machine: for each state and event type, the next state or `'forbidden'`.
 * It is the only place that says where an event leads: `transition` refuses a forbidden cell
 * and takes the next state from here (`nextState`); the rules about who and what (four-eyes,
 * roles, reasons, versions) are checked only for cells that are not forbidden.
 */
export const TRANSITION_TABLE = {
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
  completed: ALL_FORBIDDEN,
  rejected: ALL_FORBIDDEN,
  failed: ALL_FORBIDDEN,
  cancelled: ALL_FORBIDDEN,
  expired: ALL_FORBIDDEN,
} as const satisfies Readonly<Record<RequestState, Readonly<Record<WorkflowEventType, TransitionCell>>>>;

type Table = typeof TRANSITION_TABLE;

/** The states in which the table accepts an event of type `E`. */
export type StatesAccepting<E extends WorkflowEventType> = { [S in RequestState]: Table[S][E] extends 'forbidden' ? never : S }[RequestState];

/** The state the table says an event of type `E` leads to from state `S`. */
export type NextState<S extends RequestState, E extends WorkflowEventType> = Exclude<Table[S][E], 'forbidden'>;

/** A request in one of the states that accept an event of type `E`. */
export type RequestAccepting<E extends WorkflowEventType> = Extract<ConnectionRequest, { state: StatesAccepting<E> }>;

/** Whether the table accepts an event of this type in the request's state (and narrows the request to those states). */
export function accepts<E extends WorkflowEventType>(request: ConnectionRequest, type: E): request is RequestAccepting<E> {
  return TRANSITION_TABLE[request.state][type] !== 'forbidden';
}

/** The next state of an accepted event, as the table says; only for a state that {@link accepts} it. */
export function nextState<S extends StatesAccepting<E>, E extends WorkflowEventType>(state: S, type: E): NextState<S, E> {
  const cell: TransitionCell = TRANSITION_TABLE[state][type];
  if (cell === 'forbidden') throw new Error(`the table forbids ${type} in state ${state}`);
  return cell as NextState<S, E>;
}
