/**
 * The behaviour every Store adapter must have. Not a test file itself: each adapter's
 * test file calls `storeContract` with a harness that makes fresh, isolated databases.
 */
import type { RequestState } from '../../src/workflow';
import type { AuditRecord, ConnectionRecord, OutboxRecord, RequestRecord, SocChannelRecord, Store } from '../../src/store/store';
import { workspaceKey } from '../../src/store/store';

export interface TestDatabase {
  /** Opens a new store instance (its own connection or pool) on this database; not migrated. */
  open(): Store;
  /** Runs raw SQL outside the store (to check what is stored and what the database refuses). */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** Removes the database; stores opened on it are closed first by the contract. */
  dispose(): Promise<void>;
}

export interface StoreHarness {
  /**
   * A new, isolated database without data. With `empty: true` it has no tables at all, as on a
   * first start; otherwise a harness may prepare the schema (the contract still runs migrate()).
   */
  newDatabase(options?: { empty?: boolean }): Promise<TestDatabase>;
}

const T1 = 'tenant-1';
const T2 = 'tenant-2';
const person = (id: string) => ({ id, name: `Person ${id}` });
const WS_A = { subscriptionId: 'sub-1', resourceGroup: 'rg-A', name: 'ws-a' };
const WS_B = { subscriptionId: 'sub-1', resourceGroup: 'rg-b', name: 'ws-b' };

let clock = Date.parse('2030-01-01T00:00:00.000Z');
const tick = () => new Date((clock += 1000)).toISOString();
const iso = (offsetSeconds: number) => new Date(Date.parse('2030-06-01T00:00:00.000Z') + offsetSeconds * 1000).toISOString();

function request(id: string, over: Partial<RequestRecord> = {}): RequestRecord {
  return {
    id,
    tenantId: T1,
    kind: 'connect',
    state: 'draft',
    version: 1,
    requester: person('alice'),
    workspace: WS_A,
    reason: 'onboard the SOC',
    history: [{ at: '2030-01-01T00:00:00.000Z', event: 'created' }],
    ...over,
  };
}

function audit(tenantId: string, action: string, over: Partial<AuditRecord> = {}): AuditRecord {
  return {
    at: tick(),
    tenantId,
    requestId: null,
    actor: person('alice'),
    action,
    outcome: 'accepted',
    fromState: null,
    toState: null,
    ...over,
  };
}

function outbox(id: string, over: Partial<OutboxRecord> = {}): OutboxRecord {
  return {
    id,
    tenantId: T1,
    requestId: null,
    payload: { kind: 'post', card: { type: 'AdaptiveCard', body: [] }, summary: `notification ${id}` },
    conversationKey: `soc:${T1}`,
    createdAt: iso(0),
    attempts: 0,
    nextAttemptAt: iso(0),
    sentAt: null,
    ...over,
  };
}

function connection(ws: typeof WS_A, requestId: string | null = null, tenantId = T1): ConnectionRecord {
  return {
    tenantId,
    workspaceKey: workspaceKey(ws),
    workspace: ws,
    connectedAt: tick(),
    connectedBy: person('alice'),
    approvedBy: person('bob'),
    requestId,
  };
}

function socChannel(channelId: string, tenantId = T1): SocChannelRecord {
  return {
    tenantId,
    teamId: 'team-1',
    channelId,
    conversationReference: { conversation: { id: channelId }, serviceUrl: 'https://smba.example/' },
    setBy: person('alice'),
    setAt: tick(),
  };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export function storeContract(harness: StoreHarness): void {
  let db: TestDatabase;
  let opened: Store[] = [];
  let store: Store;

  /** Another instance on the same database, as a second bot instance would have. */
  const another = (): Store => {
    const s = db.open();
    opened.push(s);
    return s;
  };

  beforeEach(async () => {
    opened = [];
    db = await harness.newDatabase();
    store = another();
    await store.migrate();
  });

  afterEach(async () => {
    for (const s of opened) await s.close();
    await db?.dispose();
  });

  describe('schema', () => {
    test('migrate again, and from another instance, is a no-op that keeps the data', async () => {
      await store.commit({ request: request('r1'), expectedVersion: null, audit: [], outbox: [] });
      await store.migrate();
      await another().migrate();
      expect((await store.getRequest('r1'))?.id).toBe('r1');
      const rows = await db.query('SELECT count(*) AS n FROM schema_migrations');
      expect(Number(rows[0].n)).toBeGreaterThanOrEqual(1);
      const again = await db.query('SELECT count(*) AS n FROM schema_migrations');
      expect(Number(again[0].n)).toBe(Number(rows[0].n));
    });

    test('several instances opening and migrating a brand-new empty database at once all succeed', async () => {
      const fresh = await harness.newDatabase({ empty: true });
      const stores: Store[] = [];
      try {
        // Opening must not need the schema: migrate() creates it.
        for (let i = 0; i < 3; i++) stores.push(fresh.open());
        await Promise.all(stores.map((s) => s.migrate()));
        await stores[1].saveConversation('k', { a: 1 });
        expect(await stores[2].getConversation('k')).toEqual({ a: 1 });
      } finally {
        for (const s of stores) await s.close();
        await fresh.dispose();
      }
    });

    test('probeWrite writes and removes its item, leaving no trace', async () => {
      await expect(store.probeWrite()).resolves.toBeUndefined();
      await expect(store.probeWrite()).resolves.toBeUndefined();
      expect(await db.query("SELECT key FROM bot_state WHERE key LIKE 'readiness-probe:%'")).toEqual([]);
    });

    test('ping resolves and close can be called twice', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
      const s = db.open();
      await s.ping();
      await s.close();
      await s.close();
    });
  });

  describe('SOC channel and conversations', () => {
    test('set returns the previous channel, get returns the latest, each change audited', async () => {
      expect(await store.getSocChannel(T1)).toBeNull();
      const first = socChannel('19:first');
      expect(await store.setSocChannel(first, audit(T1, 'soc_channel_set'), [])).toBeNull();
      expect(await store.getSocChannel(T1)).toEqual(first);
      const second = socChannel('19:second');
      const announce = outbox('o-moved', { conversationKey: 'soc:tenant-1' });
      expect(await store.setSocChannel(second, audit(T1, 'soc_channel_set', { detail: 'moved' }), [announce])).toEqual(first);
      expect(await store.getSocChannel(T1)).toEqual(second);
      expect(await store.getSocChannel(T2)).toBeNull();
      const log = await store.listAudit(T1, 10);
      expect(log.map((a) => a.detail)).toEqual(['moved', undefined]);
      expect((await store.claimOutbox(10, iso(10), iso(60))).map((o) => o.id)).toEqual(['o-moved']);
    });

    test('conversations are saved, overwritten and read by key', async () => {
      expect(await store.getConversation('user:t:1')).toBeNull();
      await store.saveConversation('user:t:1', { conversation: { id: 'a' }, user: { id: '1' } });
      expect(await store.getConversation('user:t:1')).toEqual({ conversation: { id: 'a' }, user: { id: '1' } });
      await store.saveConversation('user:t:1', { conversation: { id: 'b' } });
      expect(await store.getConversation('user:t:1')).toEqual({ conversation: { id: 'b' } });
      expect(await store.getConversation('user:t:2')).toBeNull();
    });
  });

  describe('requests', () => {
    test('insert, read, and update at the expected version', async () => {
      const r1 = request('r1');
      expect(await store.commit({ request: r1, expectedVersion: null, audit: [audit(T1, 'created', { requestId: 'r1' })], outbox: [] })).toEqual({
        ok: true,
      });
      expect(await store.getRequest('r1')).toEqual(r1);
      expect(await store.getRequest('missing')).toBeNull();

      const r1v2: RequestRecord = { ...r1, state: 'submitted', version: 2, history: [...(r1.history as unknown[]), { event: 'submitted' }] };
      expect(await store.commit({ request: r1v2, expectedVersion: 1, audit: [audit(T1, 'submitted', { requestId: 'r1' })], outbox: [outbox('o1')] })).toEqual({
        ok: true,
      });
      expect(await store.getRequest('r1')).toEqual(r1v2);
      expect((await store.listAudit(T1, 10)).map((a) => a.action)).toEqual(['submitted', 'created']);
      expect((await store.claimOutbox(10, iso(0), iso(60))).map((o) => o.id)).toEqual(['o1']);
    });

    test('inserting an id that exists is refused', async () => {
      await store.commit({ request: request('r1'), expectedVersion: null, audit: [], outbox: [] });
      expect(await store.commit({ request: request('r1', { tenantId: T2 }), expectedVersion: null, audit: [audit(T2, 'x')], outbox: [] })).toEqual({
        ok: false,
        reason: 'exists',
      });
      expect((await store.getRequest('r1'))?.tenantId).toBe(T1);
      expect(await store.listAudit(T2, 10)).toEqual([]);
    });

    test('a stale version is refused and nothing of the change is written', async () => {
      const r1 = request('r1');
      await store.commit({ request: r1, expectedVersion: null, audit: [], outbox: [] });
      await store.commit({ request: { ...r1, state: 'submitted', version: 2 }, expectedVersion: 1, audit: [], outbox: [] });

      const result = await store.commit({
        request: { ...r1, state: 'cancelled', version: 2 },
        expectedVersion: 1,
        audit: [audit(T1, 'cancelled', { requestId: 'r1' })],
        outbox: [outbox('o-stale')],
        connection: { set: connection(WS_A, 'r1') },
      });
      expect(result).toEqual({ ok: false, reason: 'stale' });
      expect((await store.getRequest('r1'))?.state).toBe('submitted');
      expect(await store.listAudit(T1, 10)).toEqual([]);
      expect(await store.claimOutbox(10, iso(1000), iso(2000))).toEqual([]);
      expect(await store.getConnection(T1)).toBeNull();

      expect(await store.commit({ request: { ...r1, state: 'approved', version: 9 }, expectedVersion: 1, audit: [], outbox: [] })).toEqual({
        ok: false,
        reason: 'stale',
      });
      expect(await store.commit({ request: request('nope', { version: 2 }), expectedVersion: 1, audit: [], outbox: [] })).toEqual({
        ok: false,
        reason: 'stale',
      });
    });

    test('at most one submitted or approved request a tenant; drafts unlimited; other tenants unaffected', async () => {
      const ok = { ok: true };
      expect(await store.commit({ request: request('s1', { state: 'submitted' }), expectedVersion: null, audit: [], outbox: [] })).toEqual(ok);
      expect(
        await store.commit({
          request: request('s2', { state: 'approved' }),
          expectedVersion: null,
          audit: [audit(T1, 'refused-change')],
          outbox: [outbox('o-x')],
        }),
      ).toEqual({ ok: false, reason: 'one_open_request' });
      expect(await store.getRequest('s2')).toBeNull();
      expect(await store.listAudit(T1, 10)).toEqual([]);
      expect(await store.claimOutbox(10, iso(1000), iso(2000))).toEqual([]);

      for (const id of ['d1', 'd2', 'd3']) {
        expect(await store.commit({ request: request(id), expectedVersion: null, audit: [], outbox: [] })).toEqual(ok);
      }
      // A draft cannot be submitted while another request is open.
      expect(await store.commit({ request: request('d1', { state: 'submitted', version: 2 }), expectedVersion: 1, audit: [], outbox: [] })).toEqual({
        ok: false,
        reason: 'one_open_request',
      });
      expect((await store.getRequest('d1'))?.state).toBe('draft');
      // Another tenant is not affected.
      expect(await store.commit({ request: request('t2s', { tenantId: T2, state: 'submitted' }), expectedVersion: null, audit: [], outbox: [] })).toEqual(ok);
      // The open one moves on to approved (still the one), then completes; then the draft may be submitted.
      expect(await store.commit({ request: request('s1', { state: 'approved', version: 2 }), expectedVersion: 1, audit: [], outbox: [] })).toEqual(ok);
      expect(await store.commit({ request: request('s1', { state: 'completed', version: 3 }), expectedVersion: 2, audit: [], outbox: [] })).toEqual(ok);
      expect(await store.commit({ request: request('d1', { state: 'submitted', version: 2 }), expectedVersion: 1, audit: [], outbox: [] })).toEqual(ok);

      const open = (await store.listOpenRequests(T1)).map((r) => `${r.id}:${r.state}`).sort();
      expect(open).toEqual(['d1:submitted', 'd2:draft', 'd3:draft']);
      const inStates = (await store.listRequestsInStates(['submitted', 'completed'])).map((r) => r.id).sort();
      expect(inStates).toEqual(['d1', 's1', 't2s']);
      expect(await store.listRequestsInStates([])).toEqual([]);
    });

    test('multi model: one submitted or approved request per workspace, two workspaces at once; single-model requests stay one per tenant', async () => {
      const ok = { ok: true };
      const multi = { workspaceModel: 'multi' as const };
      expect(await store.commit({ request: request('ma', { ...multi, state: 'submitted' }), expectedVersion: null, audit: [], outbox: [] })).toEqual(ok);
      expect(
        await store.commit({ request: request('mb', { ...multi, workspace: WS_B, state: 'submitted' }), expectedVersion: null, audit: [], outbox: [] }),
      ).toEqual(ok);
      // The same workspace again (any casing) is refused.
      expect(
        await store.commit({
          request: request('ma2', { ...multi, workspace: { ...WS_A, name: 'WS-A' }, state: 'submitted' }),
          expectedVersion: null,
          audit: [],
          outbox: [],
        }),
      ).toEqual({ ok: false, reason: 'one_open_request' });
      expect((await store.listOpenRequests(T1)).map((r) => r.id).sort()).toEqual(['ma', 'mb']);
      // Requests of the single model keep one per tenant among themselves.
      expect(await store.commit({ request: request('s1', { tenantId: T2, state: 'submitted' }), expectedVersion: null, audit: [], outbox: [] })).toEqual(ok);
      expect(
        await store.commit({ request: request('s2', { tenantId: T2, workspace: WS_B, state: 'submitted' }), expectedVersion: null, audit: [], outbox: [] }),
      ).toEqual({ ok: false, reason: 'one_open_request' });
    });

    test("listTenantRequests: one tenant's requests of one kind in the states asked", async () => {
      await store.commit({ request: request('c1', { state: 'completed' }), expectedVersion: null, audit: [], outbox: [] });
      await store.commit({ request: request('c2', { state: 'completed', kind: 'disconnect' }), expectedVersion: null, audit: [], outbox: [] });
      await store.commit({ request: request('c3', { state: 'failed', kind: 'disconnect' }), expectedVersion: null, audit: [], outbox: [] });
      await store.commit({ request: request('c4', { state: 'completed', kind: 'disconnect', tenantId: T2 }), expectedVersion: null, audit: [], outbox: [] });
      const ids = async (kind: string, states: readonly RequestState[]) => (await store.listTenantRequests(T1, kind, states)).map((r) => r.id).sort();
      expect(await ids('disconnect', ['completed'])).toEqual(['c2']);
      expect(await ids('disconnect', ['completed', 'failed'])).toEqual(['c2', 'c3']);
      expect(await ids('connect', ['completed'])).toEqual(['c1']);
      expect(await ids('disconnect', [])).toEqual([]);
    });
  });

  describe('connected workspace', () => {
    test('set, keep the same workspace, refuse a different one, clear', async () => {
      expect(await store.getConnection(T1)).toBeNull();
      const r1 = request('r1', { state: 'approved' });
      await store.commit({ request: r1, expectedVersion: null, audit: [], outbox: [] });
      const conn = connection(WS_A, 'r1');
      expect(
        await store.commit({ request: { ...r1, state: 'completed', version: 2 }, expectedVersion: 1, audit: [], outbox: [], connection: { set: conn } }),
      ).toEqual({
        ok: true,
      });
      expect(await store.getConnection(T1)).toEqual(conn);
      expect(await store.getConnection(T2)).toBeNull();

      // The same workspace again (any casing of its key's parts) is accepted.
      const same = connection({ ...WS_A, resourceGroup: 'RG-a' }, 'r2');
      await store.commit({ request: request('r2'), expectedVersion: null, audit: [], outbox: [] });
      expect(
        await store.commit({
          request: request('r2', { state: 'completed', version: 2 }),
          expectedVersion: 1,
          audit: [],
          outbox: [],
          connection: { set: same },
        }),
      ).toEqual({
        ok: true,
      });
      expect(await store.getConnection(T1)).toEqual(same);

      // A different workspace is refused and nothing of the change is written.
      await store.commit({ request: request('r3', { workspace: WS_B }), expectedVersion: null, audit: [], outbox: [] });
      expect(
        await store.commit({
          request: request('r3', { workspace: WS_B, state: 'completed', version: 2 }),
          expectedVersion: 1,
          audit: [audit(T1, 'connected')],
          outbox: [outbox('o-b')],
          connection: { set: connection(WS_B, 'r3') },
        }),
      ).toEqual({ ok: false, reason: 'already_connected' });
      expect((await store.getRequest('r3'))?.state).toBe('draft');
      expect(await store.getConnection(T1)).toEqual(same);
      expect(await store.listAudit(T1, 10)).toEqual([]);
      expect(await store.claimOutbox(10, iso(1000), iso(2000))).toEqual([]);

      // Cleared (disconnect), then another workspace may be connected.
      expect(
        await store.commit({
          request: request('r2', { state: 'completed', version: 3 }),
          expectedVersion: 2,
          audit: [],
          outbox: [],
          connection: { clear: true },
        }),
      ).toEqual({
        ok: true,
      });
      expect(await store.getConnection(T1)).toBeNull();
      const b = connection(WS_B, 'r3');
      expect(
        await store.commit({
          request: request('r3', { workspace: WS_B, state: 'completed', version: 2 }),
          expectedVersion: 1,
          audit: [],
          outbox: [],
          connection: { set: b },
        }),
      ).toEqual({ ok: true });
      expect(await store.getConnection(T1)).toEqual(b);
    });
  });

  describe('connected workspaces (multi model)', () => {
    const withRole = (c: ConnectionRecord, role: 'primary' | 'secondary'): ConnectionRecord => ({ ...c, role });
    const WS_C = { subscriptionId: 'sub-2', resourceGroup: 'rg-c', name: 'ws-c' };
    const change = async (id: string, connectionChange: NonNullable<Parameters<Store['commit']>[0]['connection']>, over: Partial<RequestRecord> = {}) => {
      await store.commit({ request: request(id, over), expectedVersion: null, audit: [], outbox: [] });
      return store.commit({
        request: request(id, { ...over, state: 'completed', version: 2 }),
        expectedVersion: 1,
        audit: [],
        outbox: [],
        connection: connectionChange,
      });
    };

    test('a primary and secondaries; a second primary is refused; promote swaps the roles; remove drops one', async () => {
      const a = withRole(connection(WS_A, 'ra'), 'primary');
      const b = withRole(connection(WS_B, 'rb'), 'secondary');
      const c = withRole(connection(WS_C, 'rc'), 'secondary');
      expect(await change('ra', { add: a })).toEqual({ ok: true });
      expect(await change('rb', { add: b }, { workspace: WS_B })).toEqual({ ok: true });
      expect(await change('rc', { add: c }, { workspace: WS_C })).toEqual({ ok: true });
      expect((await store.listConnections(T1)).map((x) => `${x.workspace.name}:${x.role}`)).toEqual(['ws-a:primary', 'ws-b:secondary', 'ws-c:secondary']);
      expect(await store.getConnection(T1)).toEqual(a);
      expect(await store.listConnections(T2)).toEqual([]);

      // A second primary is refused, and nothing of the change is written.
      const other = withRole(connection({ ...WS_C, name: 'ws-d' }, 'rd'), 'primary');
      expect(await change('rd', { add: other }, { workspace: other.workspace })).toEqual({ ok: false, reason: 'already_connected' });
      expect((await store.getRequest('rd'))?.state).toBe('draft');

      // B becomes the primary: A is a secondary, B keeps when it was connected.
      const promoted = { ...b, primarySince: tick(), primaryBy: person('carol') };
      expect(await change('rp', { promote: promoted }, { kind: 'primary', workspace: WS_B })).toEqual({ ok: true });
      const after = await store.listConnections(T1);
      expect(after.map((x) => `${x.workspace.name}:${x.role}`)).toEqual(['ws-b:primary', 'ws-a:secondary', 'ws-c:secondary']);
      expect(after[0]).toEqual({ ...promoted, role: 'primary' });
      expect(after[1]).toEqual({ ...a, role: 'secondary' });
      expect(await store.getConnection(T1)).toEqual({ ...promoted, role: 'primary' });

      // A secondary is removed; the others stay.
      expect(await change('rx', { remove: workspaceKey(WS_C) }, { kind: 'disconnect', workspace: WS_C })).toEqual({ ok: true });
      expect((await store.listConnections(T1)).map((x) => `${x.workspace.name}:${x.role}`)).toEqual(['ws-b:primary', 'ws-a:secondary']);
      const rows = await db.query("SELECT count(*) AS n FROM workspace_connections WHERE role = 'primary'");
      expect(Number(rows[0].n)).toBe(1);
    });

    test('the database refuses a second primary row for a tenant by itself', async () => {
      await change('ra', { add: withRole(connection(WS_A, 'ra'), 'primary') });
      await expect(
        db.query(`INSERT INTO workspace_connections (tenant_id, workspace_key, role, record) VALUES ('${T1}', 'x/y/z', 'primary', '{}')`),
      ).rejects.toThrow();
    });
  });

  describe('audit', () => {
    test('is append-only: the database refuses UPDATE and DELETE', async () => {
      await store.appendAudit([audit(T1, 'a1'), audit(T1, 'a2')]);
      expect(await db.query('SELECT CAST(count(*) AS INTEGER) AS n FROM audit')).toEqual([{ n: 2 }]);
      await expect(db.query("UPDATE audit SET tenant_id = 'evil'")).rejects.toThrow(/append-only/);
      await expect(db.query('DELETE FROM audit')).rejects.toThrow(/append-only/);
      expect((await store.listAudit(T1, 10)).map((a) => a.action)).toEqual(['a2', 'a1']);
    });

    test('listAudit is newest first, per tenant, limited; exportAudit is everything oldest first', async () => {
      const written: AuditRecord[] = [];
      for (let i = 0; i < 5; i++) {
        const a = audit(i % 2 === 0 ? T1 : T2, `act-${i}`, {
          requestId: i === 0 ? null : `r${i}`,
          outcome: i === 3 ? 'refused' : 'accepted',
          fromState: 'draft',
          toState: 'submitted',
          detail: `d${i}`,
          ...(i === 1 ? { actor: 'system' as const, version: 3 } : {}),
          ...(i === 3 ? { refusalCode: 'not_allowed' } : {}),
        });
        written.push(a);
        await store.appendAudit([a]);
      }
      await store.appendAudit([]);
      const latest = await store.listAudit(T1, 2);
      expect(latest.map((a) => a.action)).toEqual(['act-4', 'act-2']);
      expect(latest[0]).toEqual({ ...written[4], seq: expect.any(Number) });
      expect((await store.listAudit(T2, 10)).map((a) => a.action)).toEqual(['act-3', 'act-1']);

      const all = await collect(store.exportAudit());
      expect(all.map((a) => a.action)).toEqual(['act-0', 'act-1', 'act-2', 'act-3', 'act-4']);
      const seqs = all.map((a) => a.seq as number);
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(all.map(({ seq: _s, ...rest }) => rest)).toEqual(written);
    });

    test('exportAudit streams a large log in order', async () => {
      const many = Array.from({ length: 1234 }, (_, i) => audit(T1, `bulk-${i}`));
      await store.appendAudit(many);
      const all = await collect(store.exportAudit());
      expect(all).toHaveLength(1234);
      expect(all.map((a) => a.action)).toEqual(many.map((a) => a.action));
    });
  });

  describe('outbox', () => {
    test('claim leases due rows, skips leased and sent ones; markSent and reschedule', async () => {
      await store.commit({
        request: request('r1'),
        expectedVersion: null,
        audit: [],
        outbox: [
          outbox('o2', { createdAt: iso(2), nextAttemptAt: iso(2) }),
          outbox('o1', { createdAt: iso(1), nextAttemptAt: iso(1), requestId: 'r1' }),
          outbox('o3', { createdAt: iso(3), nextAttemptAt: iso(100) }),
        ],
      });
      expect(await store.claimOutbox(10, iso(0), iso(60))).toEqual([]);

      const claimed = await store.claimOutbox(10, iso(5), iso(60));
      expect(claimed.map((o) => o.id)).toEqual(['o1', 'o2']);
      // What nextAttemptAt a claimed record carries is not pinned (SQLite: the due time; PostgreSQL: the lease).
      expect({ ...claimed[0], nextAttemptAt: undefined }).toEqual({
        ...outbox('o1', { createdAt: iso(1), requestId: 'r1' }),
        attempts: 1,
        nextAttemptAt: undefined,
      });

      // Leased until iso(60): not claimable again before then, even by another instance.
      expect(await store.claimOutbox(10, iso(30), iso(90))).toEqual([]);
      expect(await another().claimOutbox(10, iso(30), iso(90))).toEqual([]);

      await store.markOutboxSent('o1', iso(31));
      await store.rescheduleOutbox('o1', iso(0)); // a sent row stays sent
      await store.rescheduleOutbox('o2', iso(40));
      const retry = await store.claimOutbox(10, iso(45), iso(120));
      expect(retry.map((o) => [o.id, o.attempts])).toEqual([['o2', 2]]);

      // After the lease runs out the row is claimable again (the instance that held it died).
      const later = await store.claimOutbox(1, iso(200), iso(260));
      expect(later.map((o) => [o.id, o.attempts])).toEqual([['o2', 3]]);
      const rest = await store.claimOutbox(10, iso(200), iso(260));
      expect(rest.map((o) => [o.id, o.attempts])).toEqual([['o3', 1]]);
    });

    test('enqueueOutbox queues notifications without a request change', async () => {
      await store.enqueueOutbox([outbox('e1', { createdAt: iso(1) }), outbox('e2', { createdAt: iso(2), requestId: 'r9' })]);
      await store.enqueueOutbox([]);
      const claimed = await store.claimOutbox(10, iso(10), iso(60));
      expect(claimed.map((o) => [o.id, o.requestId, o.attempts])).toEqual([
        ['e1', null, 1],
        ['e2', 'r9', 1],
      ]);
      expect(claimed[1].payload).toEqual(outbox('e2').payload);
    });

    test('posted activities are remembered per request and purpose, without duplicates', async () => {
      expect(await store.listPostedActivities('r1', 'approval')).toEqual([]);
      await store.recordPostedActivity('r1', 'approval', 'soc:t1', 'act-1');
      await store.recordPostedActivity('r1', 'approval', 'soc:t1', 'act-1');
      await store.recordPostedActivity('r1', 'approval', 'user:t1:bob', 'act-2');
      await store.recordPostedActivity('r1', 'status', 'soc:t1', 'act-3');
      await store.recordPostedActivity('r2', 'approval', 'soc:t1', 'act-4');
      const sort = (xs: { conversationKey: string; activityId: string }[]) => [...xs].sort((a, b) => a.activityId.localeCompare(b.activityId));
      expect(sort(await store.listPostedActivities('r1', 'approval'))).toEqual([
        { conversationKey: 'soc:t1', activityId: 'act-1' },
        { conversationKey: 'user:t1:bob', activityId: 'act-2' },
      ]);
      expect(await another().listPostedActivities('r1', 'status')).toEqual([{ conversationKey: 'soc:t1', activityId: 'act-3' }]);
    });

    test('two instances claiming at once get disjoint rows', async () => {
      const rows = Array.from({ length: 60 }, (_, i) => outbox(`o${String(i).padStart(3, '0')}`, { createdAt: iso(i), nextAttemptAt: iso(i) }));
      await store.commit({ request: request('r1'), expectedVersion: null, audit: [], outbox: rows });
      const a = store;
      const b = another();
      await b.ping();
      const claims = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? a : b).claimOutbox(7, iso(1000), iso(5000))));
      const ids = claims.flat().map((o) => o.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(rows.map((o) => o.id));
      expect(claims.flat().every((o) => o.attempts === 1)).toBe(true);
    });
  });

  describe('concurrency between instances', () => {
    test('racing commits at the same expected version: exactly one wins', async () => {
      await store.commit({ request: request('r1'), expectedVersion: null, audit: [], outbox: [] });
      const b = another();
      const results = await Promise.all(
        [store, b, store, b].map((s, i) =>
          s.commit({
            request: request('r1', { state: 'cancelled', version: 2, reason: `writer-${i}` }),
            expectedVersion: 1,
            audit: [audit(T1, `writer-${i}`)],
            outbox: [outbox(`o-${i}`)],
          }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([
        { ok: false, reason: 'stale' },
        { ok: false, reason: 'stale' },
        { ok: false, reason: 'stale' },
      ]);
      const winner = results.findIndex((r) => r.ok);
      expect((await store.getRequest('r1'))?.reason).toBe(`writer-${winner}`);
      expect((await store.listAudit(T1, 10)).map((a) => a.action)).toEqual([`writer-${winner}`]);
      expect((await store.claimOutbox(10, iso(1000), iso(2000))).map((o) => o.id)).toEqual([`o-${winner}`]);
    });

    test('racing submissions of two requests of a tenant: exactly one is open', async () => {
      const b = another();
      const results = await Promise.all(
        [store, b, store, b].map((s, i) =>
          s.commit({ request: request(`race-${i}`, { state: 'submitted' }), expectedVersion: null, audit: [audit(T1, `sub-${i}`)], outbox: [] }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === 'one_open_request')).toBe(true);
      expect(await store.listOpenRequests(T1)).toHaveLength(1);
      expect(await store.listAudit(T1, 10)).toHaveLength(1);
    });

    test('racing connections of two different workspaces: exactly one is recorded', async () => {
      const b = another();
      await store.commit({ request: request('ra', { state: 'approved' }), expectedVersion: null, audit: [], outbox: [] });
      await store.commit({ request: request('rb', { state: 'draft', workspace: WS_B }), expectedVersion: null, audit: [], outbox: [] });
      const results = await Promise.all([
        store.commit({
          request: request('ra', { state: 'completed', version: 2 }),
          expectedVersion: 1,
          audit: [],
          outbox: [],
          connection: { set: connection(WS_A, 'ra') },
        }),
        b.commit({
          request: request('rb', { state: 'completed', version: 2, workspace: WS_B }),
          expectedVersion: 1,
          audit: [],
          outbox: [],
          connection: { set: connection(WS_B, 'rb') },
        }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'already_connected' }]);
      const winner = results[0].ok ? workspaceKey(WS_A) : workspaceKey(WS_B);
      expect((await store.getConnection(T1))?.workspaceKey).toBe(winner);
    });
  });

  describe('request leases', () => {
    test('one owner at a time; renewal by the holder; free again after release or once it runs out', async () => {
      expect(await store.claimRequestLease('r1', 'a', iso(0), iso(60))).toBe(true);
      // Another instance cannot take it while it runs.
      expect(await another().claimRequestLease('r1', 'b', iso(30), iso(90))).toBe(false);
      // Other requests are independent.
      expect(await another().claimRequestLease('r2', 'b', iso(30), iso(90))).toBe(true);
      // The holder renews it.
      expect(await store.claimRequestLease('r1', 'a', iso(50), iso(120))).toBe(true);
      expect(await store.claimRequestLease('r1', 'b', iso(100), iso(160))).toBe(false);
      // Only the holder's release counts.
      await store.releaseRequestLease('r1', 'b');
      expect(await store.claimRequestLease('r1', 'b', iso(100), iso(160))).toBe(false);
      await store.releaseRequestLease('r1', 'a');
      expect(await store.claimRequestLease('r1', 'b', iso(100), iso(160))).toBe(true);
      // A holder that died: its lease runs out and another owner takes over.
      expect(await store.claimRequestLease('r1', 'c', iso(159), iso(200))).toBe(false);
      expect(await store.claimRequestLease('r1', 'c', iso(160), iso(220))).toBe(true);
      await store.releaseRequestLease('missing', 'a');
    });

    test('several instances claiming one request at once: exactly one gets it', async () => {
      const b = another();
      const c = another();
      await Promise.all([b.ping(), c.ping()]);
      const results = await Promise.all([store, b, c, store, b, c].map((s, i) => s.claimRequestLease('contested', `owner-${i}`, iso(0), iso(60))));
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });

  describe('dead letters', () => {
    test('a dead-lettered notification is never claimed again; its audit entry and notices are written with it', async () => {
      await store.enqueueOutbox([outbox('d1', { requestId: 'r1' }), outbox('d2')]);
      const [first] = await store.claimOutbox(1, iso(0), iso(60));
      expect(first.id).toBe('d1');
      const notice = outbox('n1', { conversationKey: `channel:${T1}:soc`, createdAt: iso(1), nextAttemptAt: iso(1) });
      await store.deadLetterOutbox('d1', iso(5), audit(T1, 'notification.dead_letter', { requestId: 'r1', outcome: 'failed', detail: 'gave up' }), [notice]);

      // Past its lease it stays dead; a late reschedule does not revive it.
      await store.rescheduleOutbox('d1', iso(0));
      const later = await store.claimOutbox(10, iso(1000), iso(2000));
      expect(later.map((o) => o.id)).toEqual(['d2', 'n1']);
      expect(later[1].payload).toEqual(notice.payload);
      await store.markOutboxSent('d2', iso(1001));
      await store.markOutboxSent('n1', iso(1001));
      expect(await another().claimOutbox(10, iso(5000), iso(6000))).toEqual([]);
      const [entry] = await store.listAudit(T1, 1);
      expect(entry).toMatchObject({ action: 'notification.dead_letter', outcome: 'failed', requestId: 'r1', detail: 'gave up' });
      const rows = await db.query("SELECT dead_at FROM outbox WHERE id = 'd1'");
      expect(rows).toEqual([{ dead_at: iso(5) }]);
    });

    test('a notification delivered meanwhile is not marked dead', async () => {
      await store.enqueueOutbox([outbox('s1')]);
      await store.markOutboxSent('s1', iso(2));
      await store.deadLetterOutbox('s1', iso(3), audit(T1, 'notification.dead_letter', { outcome: 'failed' }), []);
      expect(await db.query("SELECT sent_at, dead_at FROM outbox WHERE id = 's1'")).toEqual([{ sent_at: iso(2), dead_at: null }]);
    });
  });
}
