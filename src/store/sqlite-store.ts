import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_MIGRATIONS } from './sqlite-migrations';
import {
  IN_FLIGHT_STATES,
  OPEN_STATES,
  workspaceKey,
  type AuditRecord,
  type CommitResult,
  type ConnectionRecord,
  type Json,
  type OutboxRecord,
  type RequestChange,
  type RequestRecord,
  type RequestShape,
  type SocChannelRecord,
  type Store,
  WRITE_PROBE_BYTES,
  writeProbeKey,
  activeRequestKey,
  sortConnections,
} from './store';
import type { WorkspaceRole } from '../workflow/connection-request';

type Row = Record<string, unknown>;

export interface SqliteStoreOptions {
  /** Largest size the database file may grow to (SQLite's max_page_count); writes past it fail as on a full disk. */
  maxBytes?: number;
}

/** The embedded store: one SQLite file, for a single bot instance; `R` is the type of the requests it keeps. */
export function createSqliteStore<R extends RequestShape = RequestRecord>(file: string, options: SqliteStoreOptions = {}): Store<R> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  if (options.maxBytes !== undefined) {
    const pageSize = Number(db.pragma('page_size', { simple: true }));
    db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxBytes / pageSize))}`);
  }

  // Statements are prepared once, on first use (the tables exist only after migrate()), then reused.
  const statements = new Map<string, Database.Statement>();
  const prep = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const appendAuditRows = (records: AuditRecord[]) => {
    const insertAudit = prep('INSERT INTO audit (tenant_id, request_id, at, record) VALUES (?, ?, ?, ?)');
    for (const r of records) {
      const { seq: _seq, ...rest } = r;
      insertAudit.run(r.tenantId, r.requestId, r.at, JSON.stringify(rest));
    }
  };
  const insertOutboxRows = (records: OutboxRecord[]) => {
    const insertOutbox = prep(
      'INSERT INTO outbox (id, tenant_id, request_id, conversation_key, payload, created_at, attempts, next_attempt_at, sent_at) VALUES (?, ?, ?, ?, ' +
        '?, ?, ?, ?, ?)',
    );
    for (const o of records) {
      insertOutbox.run(o.id, o.tenantId, o.requestId, o.conversationKey, JSON.stringify(o.payload), o.createdAt, o.attempts, o.nextAttemptAt, o.sentAt);
    }
  };
  const toAudit = (row: Row): AuditRecord => ({ ...(JSON.parse(row.record as string) as AuditRecord), seq: Number(row.seq) });
  const toOutbox = (row: Row): OutboxRecord => ({
    id: row.id as string,
    tenantId: row.tenant_id as string,
    requestId: (row.request_id as string | null) ?? null,
    conversationKey: row.conversation_key as string,
    payload: JSON.parse(row.payload as string),
    createdAt: row.created_at as string,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at as string,
    sentAt: (row.sent_at as string | null) ?? null,
    ...(typeof row.dead_at === 'string' ? { deadAt: row.dead_at } : {}),
  });
  const toRequest = (row: Row): R => JSON.parse(row.body as string);

  const upsertConnection = (tenantId: string, record: ConnectionRecord, role: WorkspaceRole): void => {
    prep(
      'INSERT INTO workspace_connections (tenant_id, workspace_key, role, record) VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, workspace_key) DO ' +
        'UPDATE SET role = excluded.role, record = excluded.record',
    ).run(tenantId, record.workspaceKey, role, JSON.stringify(record));
  };
  const writeConnection = (tenantId: string, change: NonNullable<RequestChange<R>['connection']>): void => {
    if ('set' in change) {
      const other = prep('SELECT 1 FROM workspace_connections WHERE tenant_id = ? AND workspace_key <> ?').get(tenantId, change.set.workspaceKey);
      if (other) throw new ConnectionTaken();
      upsertConnection(tenantId, change.set, 'primary');
    } else if ('clear' in change) {
      prep('DELETE FROM workspace_connections WHERE tenant_id = ?').run(tenantId);
    } else if ('add' in change) {
      upsertConnection(tenantId, change.add, change.add.role ?? 'primary');
    } else if ('remove' in change) {
      prep('DELETE FROM workspace_connections WHERE tenant_id = ? AND workspace_key = ?').run(tenantId, change.remove);
    } else {
      prep(
        "UPDATE workspace_connections SET role = 'secondary', record = json_set(record, '$.role', 'secondary') WHERE tenant_id = ? AND role = 'primary' " +
          'AND workspace_key <> ?',
      ).run(tenantId, change.promote.workspaceKey);
      upsertConnection(tenantId, { ...change.promote, role: 'primary' }, 'primary');
    }
  };
  const toConnection = (row: Row) => ({ ...(JSON.parse(row.record as string) as ConnectionRecord), role: row.role as WorkspaceRole });

  const commitTx = db.transaction((change: RequestChange<R>): CommitResult => {
    const r = change.request;
    const body = JSON.stringify(r);
    if (change.expectedVersion === null) {
      const exists = prep('SELECT 1 FROM requests WHERE id = ?').get(r.id);
      if (exists) return { ok: false, reason: 'exists' };
      prep('INSERT INTO requests (id, tenant_id, kind, state, version, requester_id, workspace_key, active_key, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        r.id,
        r.tenantId,
        r.kind,
        r.state,
        r.version,
        r.requester.id,
        workspaceKey(r.workspace),
        activeRequestKey(r),
        body,
      );
    } else {
      const info = db
        .prepare('UPDATE requests SET state = ?, version = ?, body = ? WHERE id = ? AND version = ?')
        .run(r.state, r.version, body, r.id, change.expectedVersion);
      if (info.changes !== 1) return { ok: false, reason: 'stale' };
    }
    if (change.connection) writeConnection(r.tenantId, change.connection);
    appendAuditRows(change.audit);
    insertOutboxRows(change.outbox);
    return { ok: true };
  });

  const store: Store<R> = {
    kind: 'sqlite',
    async migrate() {
      db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
      const applied = new Set((prep('SELECT version FROM schema_migrations').all() as Row[]).map((r) => Number(r.version)));
      SQLITE_MIGRATIONS.forEach((sql, i) => {
        const version = i + 1;
        if (applied.has(version)) return;
        db.transaction(() => {
          db.exec(sql);
          prep('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(version, new Date().toISOString());
        })();
      });
    },
    async ping() {
      prep('SELECT 1').get();
    },
    async probeWrite() {
      const key = writeProbeKey();
      prep('INSERT INTO bot_state (key, value, etag) VALUES (?, ?, ?)').run(key, JSON.stringify({ filler: 'x'.repeat(WRITE_PROBE_BYTES) }), 'probe');
      prep('DELETE FROM bot_state WHERE key = ?').run(key);
    },
    async close() {
      if (db.open) db.close();
    },

    async getSocChannel(tenantId) {
      const row = prep('SELECT record FROM soc_channels WHERE tenant_id = ?').get(tenantId) as Row | undefined;
      return row ? (JSON.parse(row.record as string) as SocChannelRecord) : null;
    },
    async setSocChannel(record, audit, outbox) {
      return db.transaction(() => {
        const row = prep('SELECT record FROM soc_channels WHERE tenant_id = ?').get(record.tenantId) as Row | undefined;
        prep('INSERT INTO soc_channels (tenant_id, record) VALUES (?, ?) ON CONFLICT (tenant_id) DO UPDATE SET record = excluded.record').run(
          record.tenantId,
          JSON.stringify(record),
        );
        appendAuditRows([audit]);
        insertOutboxRows(outbox);
        return row ? (JSON.parse(row.record as string) as SocChannelRecord) : null;
      })();
    },

    async saveConversation(key, reference) {
      prep(
        'INSERT INTO conversations (key, reference, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET reference = excluded.reference, ' +
          'updated_at = excluded.updated_at',
      ).run(key, JSON.stringify(reference), new Date().toISOString());
    },
    async getConversation(key) {
      const row = prep('SELECT reference FROM conversations WHERE key = ?').get(key) as Row | undefined;
      return row ? (JSON.parse(row.reference as string) as Json) : null;
    },

    async getRequest(id) {
      const row = prep('SELECT body FROM requests WHERE id = ?').get(id) as Row | undefined;
      return row ? toRequest(row) : null;
    },
    async listOpenRequests(tenantId) {
      const rows = db
        .prepare(`SELECT body FROM requests WHERE tenant_id = ? AND state IN (${OPEN_STATES.map(() => '?').join(',')})`)
        .all(tenantId, ...OPEN_STATES) as Row[];
      return rows.map(toRequest);
    },
    async listRequestsInStates(states) {
      if (states.length === 0) return [];
      const rows = prep(`SELECT body FROM requests WHERE state IN (${states.map(() => '?').join(',')})`).all(...states) as Row[];
      return rows.map(toRequest);
    },
    async listTenantRequests(tenantId, kind, states) {
      if (states.length === 0) return [];
      const rows = prep(`SELECT body FROM requests WHERE tenant_id = ? AND kind = ? AND state IN (${states.map(() => '?').join(',')})`).all(
        tenantId,
        kind,
        ...states,
      ) as Row[];
      return rows.map(toRequest);
    },
    async commit(change) {
      try {
        return commitTx(change);
      } catch (err) {
        if (err instanceof ConnectionTaken || isOnePrimaryViolation(err)) return { ok: false, reason: 'already_connected' };
        if (isUniqueViolation(err) && (IN_FLIGHT_STATES as readonly string[]).includes(change.request.state)) {
          return { ok: false, reason: 'one_open_request' };
        }
        throw err;
      }
    },

    async getConnection(tenantId) {
      const row = prep("SELECT record FROM workspace_connections WHERE tenant_id = ? ORDER BY role = 'primary' DESC LIMIT 1").get(tenantId) as Row | undefined;
      return row ? (JSON.parse(row.record as string) as ConnectionRecord) : null;
    },
    async listConnections(tenantId) {
      return sortConnections((prep('SELECT role, record FROM workspace_connections WHERE tenant_id = ?').all(tenantId) as Row[]).map(toConnection));
    },

    async appendAudit(records) {
      db.transaction(() => appendAuditRows(records))();
    },
    async listAudit(tenantId, limit) {
      const rows = prep('SELECT seq, record FROM audit WHERE tenant_id = ? ORDER BY seq DESC LIMIT ?').all(tenantId, limit) as Row[];
      return rows.map(toAudit);
    },
    async *exportAudit() {
      // Its own statement: an export's iterator may be open while other calls run.
      for (const row of db.prepare('SELECT seq, record FROM audit ORDER BY seq').iterate() as Iterable<Row>) {
        yield toAudit(row);
      }
    },

    async enqueueOutbox(records) {
      db.transaction(() => insertOutboxRows(records))();
    },
    async recordPostedActivity(requestId, purpose, conversationKey, activityId) {
      prep('INSERT OR IGNORE INTO posted_activities (request_id, purpose, conversation_key, activity_id) VALUES (?, ?, ?, ?)').run(
        requestId,
        purpose,
        conversationKey,
        activityId,
      );
    },
    async listPostedActivities(requestId, purpose) {
      const rows = db
        .prepare('SELECT conversation_key, activity_id FROM posted_activities WHERE request_id = ? AND purpose = ?')
        .all(requestId, purpose) as Row[];
      return rows.map((r) => ({ conversationKey: r.conversation_key as string, activityId: r.activity_id as string }));
    },
    async claimOutbox(limit, now, leaseUntil) {
      // One process owns the SQLite file: a lease (next_attempt_at pushed forward) is enough.
      return db.transaction(() => {
        const rows = db
          .prepare('SELECT * FROM outbox WHERE sent_at IS NULL AND dead_at IS NULL AND next_attempt_at <= ? ORDER BY created_at, id LIMIT ?')
          .all(now, limit) as Row[];
        const lease = prep('UPDATE outbox SET next_attempt_at = ?, attempts = attempts + 1 WHERE id = ?');
        for (const row of rows) lease.run(leaseUntil, row.id);
        return rows.map((row) => ({ ...toOutbox(row), attempts: Number(row.attempts) + 1, nextAttemptAt: leaseUntil }));
      })();
    },
    async markOutboxSent(id, at) {
      prep('UPDATE outbox SET sent_at = ? WHERE id = ?').run(at, id);
    },
    async rescheduleOutbox(id, nextAttemptAt) {
      prep('UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND sent_at IS NULL AND dead_at IS NULL').run(nextAttemptAt, id);
    },
    async deadLetterOutbox(id, at, audit, notices) {
      db.transaction(() => {
        prep('UPDATE outbox SET dead_at = ? WHERE id = ? AND sent_at IS NULL').run(at, id);
        appendAuditRows([audit]);
        insertOutboxRows(notices);
      })();
    },

    async claimRequestLease(requestId, owner, now, until) {
      const info = db
        .prepare(
          `INSERT INTO request_leases (request_id, owner, lease_until) VALUES (?, ?, ?)
           ON CONFLICT (request_id) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
           WHERE request_leases.lease_until <= ? OR request_leases.owner = excluded.owner`,
        )
        .run(requestId, owner, until, now);
      return info.changes === 1;
    },
    async releaseRequestLease(requestId, owner) {
      prep('DELETE FROM request_leases WHERE request_id = ? AND owner = ?').run(requestId, owner);
    },
  };
  return store;
}

class ConnectionTaken extends Error {}

/** A violation of the one-active-request index (SQLite names the indexed column). */
function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && String(message).includes('requests.active_key');
}

/** A second primary for a tenant (the one-primary index). */
function isOnePrimaryViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && String(message).includes('workspace_connections.tenant_id');
}
