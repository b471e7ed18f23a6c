import { createDraft, refusalAudit, transition, type ConnectionRequest } from '../../src/workflow';
import {
  T_CREATED,
  T_DECIDED,
  T_EVENT,
  T_EXPIRES,
  T_LATE,
  TENANT,
  accept,
  dana,
  deepFreeze,
  lena,
  qualified,
  ravi,
  requestIn,
  unqualified,
  workspace,
} from './fixtures';

function refusalOf(request: ConnectionRequest, event: Parameters<typeof transition>[1]) {
  const result = transition(deepFreeze(request), event);
  if (result.ok) throw new Error(`expected a refusal, got ${result.request.state}`);
  return result.refusal;
}

describe('four-eyes', () => {
  it.each(['approve', 'reject'] as const)('refuses the requester who tries to %s', (type) => {
    const refusal = refusalOf(requestIn('submitted', 'connect'), {
      type,
      by: { ...dana, id: dana.id.toUpperCase() },
      at: T_DECIDED,
      approverRoles: qualified,
    });
    expect(refusal.code).toBe('four_eyes');
    expect(refusal.message).toMatch(/^You asked for this change; another qualified person must approve/);
  });
});

describe('not_qualified', () => {
  it('lists the missing roles in words', () => {
    const refusal = refusalOf(requestIn('submitted', 'connect'), {
      type: 'approve',
      by: ravi,
      at: T_DECIDED,
      approverRoles: unqualified,
    });
    expect(refusal.code).toBe('not_qualified');
    expect(refusal.message).toContain('Approving a connect request needs Global Administrator or Security Administrator in Microsoft Entra ID.');
  });

  it('applies to a rejection too', () => {
    const refusal = refusalOf(requestIn('submitted', 'disconnect'), {
      type: 'reject',
      by: ravi,
      at: T_DECIDED,
      approverRoles: { qualified: false, held: [], missing: ['needs Owner on subscription x', 'needs more'] },
    });
    expect(refusal.code).toBe('not_qualified');
    expect(refusal.message).toMatch(/^Rejecting a disconnect request needs Owner on subscription x; it also needs more\./);
  });
});

describe('stale_version', () => {
  it('refuses an event that saw an older version', () => {
    const request = requestIn('submitted', 'connect');
    const refusal = refusalOf(request, {
      type: 'approve',
      by: ravi,
      at: T_DECIDED,
      approverRoles: qualified,
      expectedVersion: request.version - 1,
    });
    expect(refusal.code).toBe('stale_version');
  });

  it('accepts the current version', () => {
    const request = requestIn('submitted', 'connect');
    const result = transition(request, {
      type: 'approve',
      by: ravi,
      at: T_DECIDED,
      approverRoles: qualified,
      expectedVersion: request.version,
    });
    expect(result.ok).toBe(true);
  });

  it('reports an already decided request as such rather than as stale', () => {
    const request = requestIn('approved', 'connect');
    const refusal = refusalOf(request, {
      type: 'approve',
      by: lena,
      at: T_EVENT,
      approverRoles: qualified,
      expectedVersion: request.version - 1,
    });
    expect(refusal.code).toBe('forbidden_transition');
    expect(refusal.message).toContain('approved and waiting for the step in the Defender portal');
  });

  it('lets exactly one of two concurrent approvals win', () => {
    const request = requestIn('submitted', 'connect');
    const first = accept(request, { type: 'approve', by: ravi, at: T_DECIDED, approverRoles: qualified, expectedVersion: request.version });
    const second = transition(first, { type: 'reject', by: lena, at: T_DECIDED, approverRoles: qualified, expectedVersion: request.version });
    expect(second.ok).toBe(false);
  });
});

describe('not_requester', () => {
  it.each([
    ['submit', { type: 'submit', by: lena, at: T_EVENT, expiresAt: T_EXPIRES }, 'draft'],
    ['cancel a draft', { type: 'cancel', by: lena, at: T_EVENT }, 'draft'],
    ['cancel a submitted request', { type: 'cancel', by: ravi, at: T_EVENT }, 'submitted'],
    ['cancel an approved request', { type: 'cancel', by: ravi, at: T_EVENT }, 'approved'],
    ['set a reason', { type: 'set_reason', by: lena, reason: 'x', at: T_EVENT }, 'draft'],
  ] as const)('refuses someone else trying to %s', (_, event, state) => {
    const refusal = refusalOf(requestIn(state, 'disconnect'), event);
    expect(refusal.code).toBe('not_requester');
    expect(refusal.message).toContain('Only Dana Okafor');
  });

  it('matches the requester by object id, in any case', () => {
    const result = transition(requestIn('draft', 'connect'), {
      type: 'cancel',
      by: { id: dana.id.toUpperCase(), name: 'Another display name' },
      at: T_EVENT,
    });
    expect(result.ok).toBe(true);
  });
});

describe('disconnect reason', () => {
  const bare = () => createDraft({ id: 'req-2', tenantId: TENANT, kind: 'disconnect', workspace, requester: dana, at: T_CREATED });
  const setReason = (reason: string) => transition(deepFreeze(bare()), { type: 'set_reason', by: dana, reason, at: T_EVENT });

  it('is required before submitting', () => {
    const refusal = refusalOf(bare(), { type: 'submit', by: dana, at: T_EVENT, expiresAt: T_EXPIRES });
    expect(refusal.code).toBe('reason_required');
  });

  it.each([
    ['empty', ''],
    ['whitespace only', ' \n\t '],
    ['zero-width characters only', '\u200B\u200C\u200D\u2060\uFEFF'],
    ['bidi controls and white space only', ' \u202E\u2066 \u2069\u200F '],
    ['a soft hyphen and a Hangul filler only', '\u00AD\u3164'],
    ['501 characters', 'a'.repeat(501)],
    ['501 characters after trimming', `  ${'é'.repeat(501)}  `],
  ])('refuses a reason that is %s', (_, reason) => {
    const result = setReason(reason);
    expect(result).toEqual({ ok: false, refusal: expect.objectContaining({ code: 'invalid_reason' }) });
  });

  it.each([
    ['1 character', 'x', 'x'],
    ['500 characters', 'a'.repeat(500), 'a'.repeat(500)],
    ['500 characters with surrounding space', `  ${'b'.repeat(500)}  `, 'b'.repeat(500)],
    ['500 emoji (counted as characters)', '🙂'.repeat(500), '🙂'.repeat(500)],
  ])('accepts %s, trimmed', (_, reason, stored) => {
    const result = setReason(reason);
    if (!result.ok) throw new Error(result.refusal.message);
    expect(result.request.reason).toBe(stored);
    expect(result.notification).toBeNull();
    expect(result.audit.detail).toBe(stored);
  });

  it('can be replaced while still a draft', () => {
    const first = accept(bare(), { type: 'set_reason', by: dana, reason: 'one', at: T_EVENT });
    const second = accept(first, { type: 'set_reason', by: dana, reason: 'two', at: T_EVENT });
    expect(second).toMatchObject({ reason: 'two', version: 3 });
  });

  it('is refused on a connect request', () => {
    const refusal = refusalOf(requestIn('draft', 'connect'), { type: 'set_reason', by: dana, reason: 'x', at: T_EVENT });
    expect(refusal.code).toBe('reason_not_applicable');
  });

  it('goes to the audit of the submission', () => {
    const result = transition(requestIn('draft', 'disconnect'), { type: 'submit', by: dana, at: T_EVENT, expiresAt: T_EXPIRES });
    expect(result.ok && result.audit.detail).toBe('Moving to a new workspace');
  });
});

describe('decision comments', () => {
  const decide = (comment: string | undefined, type: 'approve' | 'reject' = 'approve') =>
    transition(deepFreeze(requestIn('submitted', 'connect')), { type, by: ravi, at: T_DECIDED, approverRoles: qualified, comment });

  it.each(['approve', 'reject'] as const)('refuses a comment over 500 characters on %s', (type) => {
    expect(decide('c'.repeat(501), type)).toEqual({
      ok: false,
      refusal: expect.objectContaining({ code: 'invalid_comment' }),
    });
  });

  it('treats a comment of invisible characters only as no comment', () => {
    const result = decide('\u200B \u202E\u2060');
    if (!result.ok) throw new Error(result.refusal.message);
    expect(result.request.state === 'approved' && result.request.decision.comment).toBeUndefined();
  });

  it('keeps a trimmed comment of 500 characters', () => {
    const result = decide(` ${'c'.repeat(500)} `);
    if (!result.ok) throw new Error(result.refusal.message);
    expect(result.request.state === 'approved' && result.request.decision).toEqual({
      by: ravi,
      at: T_DECIDED,
      comment: 'c'.repeat(500),
    });
  });

  it.each([undefined, '', '   '])('records no comment for %p', (comment) => {
    const result = decide(comment, 'reject');
    if (!result.ok) throw new Error(result.refusal.message);
    expect(result.request.state === 'rejected' && result.request.decision).toEqual({ by: ravi, at: T_DECIDED });
    expect(result.audit.detail).toBeUndefined();
  });
});

describe('expiry', () => {
  it.each(['submitted', 'approved'] as const)('refuses to expire a %s request before its deadline', (state) => {
    const refusal = refusalOf(requestIn(state, 'connect'), { type: 'expire', at: '2025-01-08T08:59:59.999Z' });
    expect(refusal.code).toBe('not_expired');
    expect(refusal.message).toContain(T_EXPIRES);
  });

  it('expires exactly at the deadline, whatever the offset notation', () => {
    const result = transition(requestIn('submitted', 'connect'), { type: 'expire', at: '2025-01-08T10:00:00+01:00' });
    if (!result.ok) throw new Error(result.refusal.message);
    expect(result.request).toMatchObject({ state: 'expired', expiredAt: '2025-01-08T10:00:00+01:00' });
    expect(result.notification).toBe('expired');
    expect(result.audit.actor).toBe('system');
  });

  it.each(['approve', 'reject'] as const)('refuses to %s after the deadline', (type) => {
    const refusal = refusalOf(requestIn('submitted', 'connect'), { type, by: ravi, at: T_LATE, approverRoles: qualified });
    expect(refusal.code).toBe('expired');
  });

  it('lets an approval set a new deadline for the portal step', () => {
    const approved = accept(requestIn('submitted', 'connect'), {
      type: 'approve',
      by: ravi,
      at: T_DECIDED,
      approverRoles: qualified,
      expiresAt: '2025-02-01T00:00:00.000Z',
    });
    expect(approved).toMatchObject({ state: 'approved', expiresAt: '2025-02-01T00:00:00.000Z' });
  });
});

describe('cancel', () => {
  it('posts nothing for a draft that was never submitted', () => {
    const result = transition(requestIn('draft', 'connect'), { type: 'cancel', by: dana, at: T_EVENT });
    if (!result.ok) throw new Error(result.refusal.message);
    expect(result.notification).toBeNull();
    expect(result.request).toMatchObject({ state: 'cancelled', cancelled: { by: dana, at: T_EVENT } });
  });

  it.each(['submitted', 'approved'] as const)('posts a cancellation after submission (%s)', (state) => {
    const result = transition(requestIn(state, 'disconnect'), { type: 'cancel', by: dana, at: T_EVENT });
    expect(result.ok && result.notification).toBe('cancelled');
  });
});

describe('state data', () => {
  it('carries what each state promises', () => {
    expect(requestIn('draft', 'connect')).toMatchObject({ version: 1, portalPath: 'standard', createdAt: T_CREATED });
    expect(requestIn('draft', 'disconnect')).not.toHaveProperty('portalPath');
    expect(requestIn('completed', 'connect')).toMatchObject({
      state: 'completed',
      completedAt: T_EVENT,
      decision: { by: ravi },
      submittedAt: expect.any(String),
    });
    expect(requestIn('failed', 'connect')).toMatchObject({ failure: { at: T_EVENT, message: 'Timed out' } });
  });

  it('createDraft honours the preview portal path', () => {
    const d = createDraft({ id: 'r', tenantId: TENANT, kind: 'connect', workspace, requester: dana, at: T_CREATED, portalPath: 'preview' });
    expect(d.portalPath).toBe('preview');
  });
});

describe('refusalAudit', () => {
  it('records a refused attempt without changing state or version', () => {
    const request = requestIn('submitted', 'connect');
    const refusal = refusalOf(request, { type: 'approve', by: dana, at: T_DECIDED, approverRoles: qualified });
    expect(refusalAudit(request, dana, 'approve', refusal, T_DECIDED)).toEqual({
      at: T_DECIDED,
      requestId: 'req-1',
      tenantId: TENANT,
      actor: dana,
      action: 'approve',
      outcome: 'refused',
      fromState: 'submitted',
      toState: 'submitted',
      version: request.version,
      refusalCode: 'four_eyes',
      detail: refusal.message,
    });
  });

  it('records a refusal that happened before any request existed', () => {
    const audit = refusalAudit(null, lena, 'connect', { code: 'already_connected', message: 'm' }, T_EVENT, TENANT);
    expect(audit).toMatchObject({ requestId: null, tenantId: TENANT, fromState: null, toState: null, version: 0 });
  });
});
