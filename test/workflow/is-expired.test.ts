import { accepts, isExpired, nextState, TRANSITION_TABLE, type RequestState } from '../../src/workflow';
import { requestIn } from './fixtures';

describe('isExpired: the one deadline rule', () => {
  const submitted = { ...requestIn('submitted', 'connect'), expiresAt: '2026-11-30T10:00:00.000Z' };

  test('compares instants, not strings: other offsets and precision give the same answer', () => {
    expect(isExpired(submitted, '2026-11-30T09:59:59.999Z')).toBe(false);
    expect(isExpired(submitted, '2026-11-30T10:00:00Z')).toBe(true);
    // 11:00 at +01:00 is 10:00 UTC, though it sorts after as a string; 10:30 at +01:00 is before.
    expect(isExpired(submitted, '2026-11-30T11:00:00+01:00')).toBe(true);
    expect(isExpired(submitted, '2026-11-30T10:30:00+01:00')).toBe(false);
    expect(isExpired(submitted, new Date('2026-11-30T10:00:01Z'))).toBe(true);
  });

  test('a draft has no deadline and never expires', () => {
    expect(isExpired(requestIn('draft', 'connect'), '2999-01-01T00:00:00Z')).toBe(false);
  });
});

describe('the table is where an event leads', () => {
  test('accepts and nextState read the table', () => {
    for (const state of Object.keys(TRANSITION_TABLE) as RequestState[]) {
      const request = requestIn(state, 'connect');
      for (const [type, cell] of Object.entries(TRANSITION_TABLE[state]) as [keyof (typeof TRANSITION_TABLE)['draft'], string][]) {
        expect(accepts(request, type)).toBe(cell !== 'forbidden');
        if (cell === 'forbidden') expect(() => nextState(state as never, type)).toThrow(/forbids/);
        else expect(nextState(state as never, type)).toBe(cell);
      }
    }
  });
});
