import {
  REQUEST_STATES,
  TRANSITION_TABLE,
  WORKFLOW_EVENT_TYPES,
  transition,
  type NotificationKind,
  type RequestKind,
  type RequestState,
  type WorkflowEventType,
} from '../../src/workflow';
import { deepFreeze, requestIn, validEvent } from './fixtures';

// The allowed cells, written out independently of the table so a change to either is noticed.
const ALLOWED: Record<string, RequestState> = {
  'draft/set_reason': 'draft',
  'draft/submit': 'submitted',
  'draft/cancel': 'cancelled',
  'submitted/approve': 'approved',
  'submitted/reject': 'rejected',
  'submitted/cancel': 'cancelled',
  'submitted/expire': 'expired',
  'approved/verified': 'completed',
  'approved/verification_failed': 'failed',
  'approved/cancel': 'cancelled',
  'approved/expire': 'expired',
};

function expectedNotification(from: RequestState, type: WorkflowEventType, kind: RequestKind): NotificationKind | null {
  if (type === 'set_reason') return null;
  if (type === 'cancel') return from === 'draft' ? null : 'cancelled';
  if (type === 'verified') return kind === 'connect' ? 'connected' : 'disconnected';
  const byType: Partial<Record<WorkflowEventType, NotificationKind>> = {
    submit: 'submitted',
    approve: 'approved',
    reject: 'rejected',
    verification_failed: 'failed',
    expire: 'expired',
  };
  return byType[type] ?? null;
}

const cells = REQUEST_STATES.flatMap((state) => WORKFLOW_EVENT_TYPES.map((type) => ({ state, type, cell: TRANSITION_TABLE[state][type] })));

describe('TRANSITION_TABLE', () => {
  it('has a cell for every state × event type', () => {
    expect(Object.keys(TRANSITION_TABLE).sort()).toEqual([...REQUEST_STATES].sort());
    for (const state of REQUEST_STATES) {
      expect(Object.keys(TRANSITION_TABLE[state]).sort()).toEqual([...WORKFLOW_EVENT_TYPES].sort());
    }
  });

  it.each(cells)('$state × $type matches the written-out rules', ({ state, type, cell }) => {
    expect(cell).toBe(ALLOWED[`${state}/${type}`] ?? 'forbidden');
  });
});

describe.each<RequestKind>(['connect', 'disconnect'])('transition of a %s request', (kind) => {
  const forbidden = cells.filter((c) => c.cell === 'forbidden');
  const allowed = cells.filter((c) => c.cell !== 'forbidden');

  it.each(forbidden)('$state × $type is refused and changes nothing', ({ state, type }) => {
    const request = deepFreeze(requestIn(state, kind));
    const before = structuredClone(request);
    const result = transition(request, validEvent(type));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.refusal.code).toBe('forbidden_transition');
    expect(result.refusal.message).toMatch(/^This (connect|disconnect) request for .+, so it can't be .+\./);
    expect(request).toEqual(before);
  });

  it.each(allowed)('$state × $type → $cell', ({ state, type, cell }) => {
    const request = deepFreeze(requestIn(state, kind));
    const before = structuredClone(request);
    const event = validEvent(type);
    const result = transition(request, event);

    if (kind === 'connect' && type === 'set_reason') {
      // The one kind-dependent cell: a connect takes no reason.
      expect(result).toEqual({ ok: false, refusal: expect.objectContaining({ code: 'reason_not_applicable' }) });
      return;
    }
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.request.state).toBe(cell);
    expect(result.request.version).toBe(request.version + 1);
    expect(result.request.updatedAt).toBe(event.at);
    expect(result.request.id).toBe(request.id);
    expect(result.notification).toBe(expectedNotification(state, type, kind));
    expect(result.audit).toMatchObject({
      at: event.at,
      requestId: request.id,
      tenantId: request.tenantId,
      actor: 'by' in event ? event.by : 'system',
      action: type,
      outcome: 'accepted',
      fromState: state,
      toState: cell,
      version: request.version + 1,
    });
    expect(request).toEqual(before);
  });
});
