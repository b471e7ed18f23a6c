import { approverMentions, mentionName, refreshUserIds } from '../../src/app/approver-mentions';
import type { StoredRequest } from '../../src/app/stored-request';

const DANA = { id: '11111111-1111-4111-8111-111111111111', name: 'Dana Okafor' };
const person = (i: number) => ({ id: `a0000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Person ${i}` });

function submitted(people: { id: string; name: string }[]): StoredRequest {
  return {
    id: 'r1',
    kind: 'connect',
    requester: DANA,
    workspace: { subscriptionId: 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0', resourceGroup: 'rg-soc', name: 'law-soc-prod' },
    approvers: { status: 'listed', people, at: '2026-12-02T10:00:00.000Z' },
  } as unknown as StoredRequest;
}

describe('the SOC post’s mentions and the refresh user ids', () => {
  test('at most 20 mentions, each `<at>name</at>` in the text with its entity naming the object id; the rest counted', () => {
    const mentions = approverMentions(submitted(Array.from({ length: 25 }, (_, i) => person(i))))!;
    expect(mentions.entities).toHaveLength(20);
    expect(mentions.entities[0]).toEqual({ type: 'mention', text: '<at>Person 0</at>', mentioned: { id: person(0).id, name: 'Person 0' } });
    for (const e of mentions.entities) expect(mentions.text).toContain(String(e.text));
    expect(mentions.text).toMatch(/<at>Person 19<\/at> and 5 more may decide\.$/);
  });

  test('a name cannot close the tag or format the post', () => {
    expect(mentionName('Eve</at><at>Mallory **bold** [x](http://evil) \u202Eevil')).toBe('Eve/atatMallory bold x(http://evil) evil');
    expect(mentionName('<>')).toBe('approver');
  });

  test('refresh user ids: the requester first, then the people who may decide, as Teams MRIs, at most 60', () => {
    const ids = refreshUserIds(submitted(Array.from({ length: 70 }, (_, i) => person(i))));
    expect(ids).toHaveLength(60);
    expect(ids[0]).toBe(`8:orgid:${DANA.id}`);
    expect(ids[1]).toBe(`8:orgid:${person(0).id}`);
  });

  test('nothing to mention or refresh when the list is empty or unknown', () => {
    expect(approverMentions(submitted([]))).toBeNull();
    const unknown = { ...submitted([]), approvers: { status: 'unknown', reason: 'x', at: '' } } as StoredRequest;
    expect(approverMentions(unknown)).toBeNull();
    expect(refreshUserIds(unknown)).toEqual([]);
  });
});
