import type { WorkspaceRef } from './workspace-ref';
import type { Person } from './person';

/**
 * What a request asks for: connect the workspace to the Defender portal, disconnect it, or
 * (multi-workspace model only) make a connected secondary the primary.
 */
export type RequestKind = 'connect' | 'disconnect' | 'primary';

/** A connected workspace's role in the Defender portal: one primary, any number of secondaries. */
export type WorkspaceRole = 'primary' | 'secondary';

/** Every state a request can be in. */
export const REQUEST_STATES = ['draft', 'submitted', 'approved', 'completed', 'rejected', 'failed', 'cancelled', 'expired'] as const;

export type RequestState = (typeof REQUEST_STATES)[number];

/** States in which a request can still move; the rest are terminal. */
export const OPEN_STATES = ['draft', 'submitted', 'approved'] as const satisfies readonly RequestState[];

/** States in which a request waits on someone other than its requester; a tenant has at most one such request. */
export const IN_FLIGHT_STATES = ['submitted', 'approved'] as const satisfies readonly RequestState[];

/**
 * Which portal flow a connect takes: `preview` is the path for tenants without
 * Defender XDR (no connector needed, one extra step in the portal).
 */
export type PortalPath = 'standard' | 'preview';

/** An approver's (or rejecter's) decision. */
export interface Decision {
  by: Person;
  at: string;
  comment?: string;
}

/** Fields every request carries, whatever its state. */
export interface RequestBase {
  id: string;
  tenantId: string;
  kind: RequestKind;
  /** Starts at 1 and grows by 1 on every accepted transition; guards concurrent writes. */
  version: number;
  workspace: WorkspaceRef;
  requester: Person;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601; the time of the last accepted transition. */
  updatedAt: string;
  /** Why the workspace is being disconnected (disconnect requests only). */
  reason?: string;
  /** Set on connect requests only. */
  portalPath?: PortalPath;
  /** Multi-workspace model only: the store keeps one active request per workspace instead of per tenant. */
  workspaceModel?: 'multi';
  /** Multi-workspace model, connect requests: the role the workspace gets once connected. */
  role?: WorkspaceRole;
}

/** Fields a request has once it was submitted for approval. */
export interface SubmissionFields {
  submittedAt: string;
  /** After this instant an `expire` event is accepted. */
  expiresAt: string;
}

export interface DraftRequest extends RequestBase {
  state: 'draft';
}

export interface SubmittedRequest extends RequestBase, SubmissionFields {
  state: 'submitted';
}

export interface ApprovedRequest extends RequestBase, SubmissionFields {
  state: 'approved';
  decision: Decision;
}

/** Verified: connected (connect) or disconnected (disconnect). */
export interface CompletedRequest extends RequestBase, SubmissionFields {
  state: 'completed';
  decision: Decision;
  completedAt: string;
}

export interface RejectedRequest extends RequestBase, SubmissionFields {
  state: 'rejected';
  decision: Decision;
}

export interface FailedRequest extends RequestBase, SubmissionFields {
  state: 'failed';
  decision: Decision;
  failure: { at: string; message: string };
}

/** Cancelled by the requester; carries whatever it had reached before. */
export interface CancelledRequest extends RequestBase, Partial<SubmissionFields> {
  state: 'cancelled';
  cancelled: { by: Person; at: string };
  decision?: Decision;
}

/** Ran past `expiresAt` while waiting for approval or for the portal step. */
export interface ExpiredRequest extends RequestBase, SubmissionFields {
  state: 'expired';
  expiredAt: string;
  decision?: Decision;
}

/** A connection request, discriminated on `state`. */
export type ConnectionRequest =
  DraftRequest | SubmittedRequest | ApprovedRequest | CompletedRequest | RejectedRequest | FailedRequest | CancelledRequest | ExpiredRequest;

/** Whether the request can still change (draft, submitted or approved). */
export function isOpen(request: ConnectionRequest): boolean {
  return (OPEN_STATES as readonly RequestState[]).includes(request.state);
}

/** Whether the request is waiting on someone other than its requester (submitted or approved). */
export function isInFlight(request: ConnectionRequest): boolean {
  return (IN_FLIGHT_STATES as readonly RequestState[]).includes(request.state);
}

/**
 * Whether the request's deadline (`expiresAt`) has passed at `at`: instants are compared, not
 * strings, so offsets and precision do not matter. A request without a deadline (a draft) never expires.
 */
export function isExpired(request: ConnectionRequest, at: string | Date): boolean {
  const expiresAt = 'expiresAt' in request ? request.expiresAt : undefined;
  if (!expiresAt) return false;
  return (typeof at === 'string' ? Date.parse(at) : at.getTime()) >= Date.parse(expiresAt);
}
