import { parseHistoryCount } from '../../src/app/status/history-command';
import { describeAuditEntry } from '../../src/app/status/describe-audit-entry';
import type { AuditRecord } from '../../src/store/store';

describe('history [n]', () => {
  test.each([
    ['', 20],
    ['1', 1],
    [' 50 ', 50],
    ['200', 200],
  ])('"%s" → %i entries', (typed, n) => {
    expect(parseHistoryCount(typed)).toEqual({ ok: true, n });
  });

  test.each(['0', '201', '-1', '2.5', 'ten', '1e2', '99999999', '5 6'])('"%s" is refused with what to type', (typed) => {
    const parsed = parseHistoryCount(typed);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/whole number from 1 to 200/);
  });
});

describe('audit entries in words', () => {
  const base: AuditRecord = {
    at: '2026-11-29T10:00:00Z',
    tenantId: 't',
    requestId: 'r',
    actor: { id: 'a', name: 'Dana' },
    action: 'approve',
    outcome: 'accepted',
    fromState: 'submitted',
    toState: 'approved',
    version: 3,
  };
  const subject = { kind: 'disconnect', workspaceName: 'law-soc-prod' };

  test('accepted steps name the request and keep user text verbatim', () => {
    expect(describeAuditEntry(base, subject)).toBe('Approved the disconnect request for law-soc-prod');
    expect(describeAuditEntry({ ...base, action: 'set_reason', detail: '[x](http://e) <b>' }, subject)).toBe(
      'Gave the reason for the disconnect request for law-soc-prod (reason: [x](http://e) <b>)',
    );
    expect(describeAuditEntry({ ...base, action: 'expire', actor: 'system' }, subject)).toBe('The disconnect request for law-soc-prod expired');
    expect(describeAuditEntry({ ...base, action: 'soc_channel.set', requestId: null }, null)).toBe('Made this team channel the SOC channel');
  });

  test('refused attempts say what was tried and why', () => {
    expect(describeAuditEntry({ ...base, outcome: 'refused', refusalCode: 'four_eyes', detail: 'You asked for this change.' }, subject)).toBe(
      'Refused to approve the disconnect request for law-soc-prod: You asked for this change.',
    );
    expect(describeAuditEntry({ ...base, requestId: null, action: 'disconnect', outcome: 'refused', detail: 'Nothing is connected.' }, null)).toBe(
      'Refused to disconnect: Nothing is connected.',
    );
  });
});
