import {
  createDraft,
  transition,
  type ConnectionRequest,
  type Person,
  type RequestKind,
  type RequestState,
  type RoleEvaluation,
  type WorkflowEvent,
  type WorkflowEventType,
  type WorkspaceRef,
} from '../../src/workflow';

export const dana: Person = { id: '11111111-1111-4111-8111-111111111111', name: 'Dana Okafor' };
export const ravi: Person = { id: '22222222-2222-4222-8222-222222222222', name: 'Ravi Menon' };
export const lena: Person = { id: '33333333-3333-4333-8333-333333333333', name: 'Lena Vogt' };

export const workspace: WorkspaceRef = {
  subscriptionId: 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0',
  resourceGroup: 'rg-soc',
  name: 'law-soc-prod',
};
export const otherWorkspace: WorkspaceRef = { ...workspace, name: 'law-soc-test' };

export const TENANT = '72f988bf-0000-4000-8000-00000000c0de';
export const T_CREATED = '2025-01-01T08:00:00.000Z';
export const T_SUBMITTED = '2025-01-01T09:00:00.000Z';
export const T_DECIDED = '2025-01-01T10:00:00.000Z';
export const T_EXPIRES = '2025-01-08T09:00:00.000Z';
/** Before the deadline: when table-test events happen. */
export const T_EVENT = '2025-01-02T12:00:00.000Z';
/** After the deadline. */
export const T_LATE = '2025-01-09T00:00:00.000Z';

export const qualified: RoleEvaluation = { qualified: true, held: ['Owner on subscription x'], missing: [] };
export const unqualified: RoleEvaluation = {
  qualified: false,
  held: [],
  missing: ['needs Global Administrator or Security Administrator in Microsoft Entra ID'],
};

/** Unwraps an accepted transition, failing the test loudly otherwise. */
export function accept(request: ConnectionRequest, event: WorkflowEvent): ConnectionRequest {
  const result = transition(request, event);
  if (!result.ok) throw new Error(`fixture transition refused: ${result.refusal.message}`);
  return result.request;
}

/** A fresh draft; a disconnect draft already has its reason (so it can be submitted). */
export function draft(kind: RequestKind): ConnectionRequest {
  const request = createDraft({ id: 'req-1', tenantId: TENANT, kind, workspace, requester: dana, at: T_CREATED });
  if (kind === 'connect') return request;
  return accept(request, { type: 'set_reason', by: dana, reason: 'Moving to a new workspace', at: T_CREATED });
}

/** A realistic request in `state`, built by real transitions from a draft. */
export function requestIn(state: RequestState, kind: RequestKind): ConnectionRequest {
  const d = draft(kind);
  if (state === 'draft') return d;
  if (state === 'cancelled') return accept(d, { type: 'cancel', by: dana, at: T_SUBMITTED });
  const submitted = accept(d, { type: 'submit', by: dana, at: T_SUBMITTED, expiresAt: T_EXPIRES });
  if (state === 'submitted') return submitted;
  if (state === 'rejected') {
    return accept(submitted, { type: 'reject', by: ravi, at: T_DECIDED, approverRoles: qualified });
  }
  if (state === 'expired') return accept(submitted, { type: 'expire', at: T_LATE });
  const approved = accept(submitted, { type: 'approve', by: ravi, at: T_DECIDED, approverRoles: qualified });
  if (state === 'approved') return approved;
  if (state === 'completed') return accept(approved, { type: 'verified', at: T_EVENT });
  return accept(approved, { type: 'verification_failed', at: T_EVENT, message: 'Timed out' });
}

/** An event of `type` that every who-and-what rule accepts, so only the table decides. */
export function validEvent(type: WorkflowEventType, at = T_EVENT): WorkflowEvent {
  switch (type) {
    case 'set_reason':
      return { type, by: dana, reason: 'Consolidating workspaces', at };
    case 'submit':
      return { type, by: dana, at, expiresAt: T_EXPIRES };
    case 'approve':
    case 'reject':
      return { type, by: ravi, at, approverRoles: qualified, comment: 'Looks right' };
    case 'verified':
      return { type, at };
    case 'verification_failed':
      return { type, at, message: 'Incidents are still created by the workspace rules' };
    case 'cancel':
      return { type, by: dana, at };
    case 'expire':
      return { type, at: T_LATE };
  }
}

/** Freezes an object graph so any mutation throws. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
