import { Pool, type PoolClient, type PoolConfig, type QueryResultRow } from 'pg';
import { POSTGRES_MIGRATIONS } from './postgres-migrations';
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

export interface PostgresStoreOptions {
  /** Keep the tables in this schema (created by migrate()); default: the URL's search_path (`public`). */
  schema?: string;
  /** Connections in the pool (default 10). */
  maxConnections?: number;
  /** Milliseconds to wait for a connection before a call rejects (default 5000). */
  connectTimeoutMs?: number;
  /** `application_name` of the connections, shown in pg_stat_activity. */
  applicationName?: string;
  /** Called (with a message free of credentials) when an idle connection fails, e.g. the server went away. */
  onPoolError?: (err: Error) => void;
  /**
   * How long idempotent bookkeeping writes (outbox sent / posted activity / lease release) keep
   * retrying while the server is briefly away, e.g. restarting (default 10000 ms). A notification
   * already delivered is then not delivered again once the server is back.
   */
  reconnectBudgetMs?: number;
}

type Row = QueryResultRow;

const MIGRATION_LOCK = 'sentinel-onboarding-bot:migrations';
const EXPORT_PAGE = 500;

/**
 * The shared store: PostgreSQL, for several bot instances behind a load balancer.
 * Synchronous to create; it connects on the first call (migrate, ping, ...).
 */
export function createPostgresStore<R extends RequestShape = RequestRecord>(url: string, options: PostgresStoreOptions = {}): Store<R> {
  const secrets = secretsOf(url);
  const clean = (err: unknown): Error => sanitizeError(err, secrets);

  if (options.schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(options.schema)) {
    throw new Error('PostgreSQL schema name must be a plain identifier');
  }
  const config: PoolConfig = {
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: options.applicationName ?? 'sentinel-onboarding-bot',
  };
  if (options.schema) config.options = `-c search_path=${options.schema}`;
  const pool = new Pool(config);
  // An idle connection that fails (server restart, network) must not crash the process:
  // the pool drops it and the next call opens a new one or rejects.
  pool.on('error', (err) => options.onPoolError?.(clean(err)));
  let closed = false;

  /** Runs a query on any pooled connection; errors never carry the URL or password. */
  const query = async <T extends Row = Row>(text: string, values?: unknown[]) => {
    try {
      return await pool.query<T>(text, values);
    } catch (err) {
      throw clean(err);
    }
  };

  const reconnectBudgetMs = options.reconnectBudgetMs ?? 10_000;
  /** Runs an idempotent single statement, retrying while the connection to the server is lost. */
  const queryRetrying = async <T extends Row = Row>(text: string, values?: unknown[]) => {
    const deadline = Date.now() + reconnectBudgetMs;
    for (let delay = 100; ; delay = Math.min(delay * 2, 1_000)) {
      try {
        return await query<T>(text, values);
      } catch (err) {
        if (closed || !isConnectionLoss(err) || Date.now() + delay > deadline) throw err;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  };

  /** Runs fn in a transaction on one connection; rolls back on an exception. */
  const transaction = async <T>(fn: (client: PoolClient) => Promise<T>): Promise<T> => {
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      throw clean(err);
    }
    // While checked out, the pool's idle error listener is detached: keep one so a dropped
    // connection rejects the running query instead of crashing the process.
    let broken: Error | undefined;
    const onError = (err: Error) => {
      broken = err;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      if (!broken) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackErr) {
          broken = rollbackErr as Error;
        }
      }
      throw clean(err);
    } finally {
      client.removeListener('error', onError);
      // Passing an error destroys the connection instead of returning it to the pool.
      client.release(broken ?? undefined);
    }
  };

  const appendAuditRows = async (client: PoolClient, records: AuditRecord[]) => {
    for (const r of records) {
      const { seq: _seq, ...rest } = r;
      await client.query('INSERT INTO audit (tenant_id, request_id, at, record) VALUES ($1, $2, $3, $4)', [
        r.tenantId,
        r.requestId,
        r.at,
        JSON.stringify(rest),
      ]);
    }
  };
  const insertOutboxRows = async (client: PoolClient, records: OutboxRecord[]) => {
    for (const o of records) {
      await client.query(
        'INSERT INTO outbox (id, tenant_id, request_id, conversation_key, payload, created_at, attempts, next_attempt_at, sent_at) VALUES ($1, $2, ' +
          '$3, $4, $5, $6, $7, $8, $9)',
        [o.id, o.tenantId, o.requestId, o.conversationKey, JSON.stringify(o.payload), o.createdAt, o.attempts, o.nextAttemptAt, o.sentAt],
      );
    }
  };
  const toAudit = (row: Row): AuditRecord => ({ ...(row.record as AuditRecord), seq: Number(row.seq) });
  const toOutbox = (row: Row): OutboxRecord => ({
    id: row.id as string,
    tenantId: row.tenant_id as string,
    requestId: (row.request_id as string | null) ?? null,
    conversationKey: row.conversation_key as string,
    payload: row.payload,
    createdAt: row.created_at as string,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at as string,
    sentAt: (row.sent_at as string | null) ?? null,
    ...(typeof row.dead_at === 'string' ? { deadAt: row.dead_at } : {}),
  });
  const toRequest = (row: Row): R => row.body;

  const store: Store<R> = {
    kind: 'postgres',

    async migrate() {
      await transaction(async (c) => {
        // Several instances may start together: one applies the migrations, the others wait and find them applied.
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${MIGRATION_LOCK}:${options.schema ?? ''}`]);
        if (options.schema) await c.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
        await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
        const applied = new Set((await c.query('SELECT version FROM schema_migrations')).rows.map((r: Row) => Number(r.version)));
        for (let i = 0; i < POSTGRES_MIGRATIONS.length; i++) {
          const version = i + 1;
          if (applied.has(version)) continue;
          await c.query(POSTGRES_MIGRATIONS[i]);
          await c.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [version, new Date().toISOString()]);
        }
      });
    },
    async ping() {
      await query('SELECT 1');
    },
    async probeWrite() {
      const key = writeProbeKey();
      await query('INSERT INTO bot_state (key, value, etag) VALUES ($1, $2, $3)', [key, JSON.stringify({ filler: 'x'.repeat(WRITE_PROBE_BYTES) }), 'probe']);
      await query('DELETE FROM bot_state WHERE key = $1', [key]);
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },

    async getSocChannel(tenantId) {
      const { rows } = await query('SELECT record FROM soc_channels WHERE tenant_id = $1', [tenantId]);
      return rows[0] ? (rows[0].record as SocChannelRecord) : null;
    },
    async setSocChannel(record, audit, outbox) {
      return transaction(async (c) => {
        const body = JSON.stringify(record);
        const inserted = await c.query('INSERT INTO soc_channels (tenant_id, record) VALUES ($1, $2) ON CONFLICT (tenant_id) DO NOTHING', [
          record.tenantId,
          body,
        ]);
        let previous: SocChannelRecord | null = null;
        if (inserted.rowCount !== 1) {
          const { rows } = await c.query('SELECT record FROM soc_channels WHERE tenant_id = $1 FOR UPDATE', [record.tenantId]);
          previous = (rows[0]?.record as SocChannelRecord | undefined) ?? null;
          await c.query('UPDATE soc_channels SET record = $2 WHERE tenant_id = $1', [record.tenantId, body]);
        }
        await appendAuditRows(c, [audit]);
        await insertOutboxRows(c, outbox);
        return previous;
      });
    },

    async saveConversation(key, reference) {
      await query(
        'INSERT INTO conversations (key, reference, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET reference = excluded.reference, ' +
          'updated_at = excluded.updated_at',
        [key, JSON.stringify(reference), new Date().toISOString()],
      );
    },
    async getConversation(key) {
      const { rows } = await query('SELECT reference FROM conversations WHERE key = $1', [key]);
      return rows[0] ? (rows[0].reference as Json) : null;
    },

    async getRequest(id) {
      const { rows } = await query('SELECT body FROM requests WHERE id = $1', [id]);
      return rows[0] ? toRequest(rows[0]) : null;
    },
    async listOpenRequests(tenantId) {
      const { rows } = await query('SELECT body FROM requests WHERE tenant_id = $1 AND state = ANY($2::text[])', [tenantId, [...OPEN_STATES]]);
      return rows.map(toRequest);
    },
    async listRequestsInStates(states) {
      if (states.length === 0) return [];
      const { rows } = await query('SELECT body FROM requests WHERE state = ANY($1::text[])', [states]);
      return rows.map(toRequest);
    },
    async listTenantRequests(tenantId, kind, states) {
      if (states.length === 0) return [];
      const { rows } = await query('SELECT body FROM requests WHERE tenant_id = $1 AND kind = $2 AND state = ANY($3::text[])', [tenantId, kind, [...states]]);
      return rows.map(toRequest);
    },
    async commit(change) {
      try {
        return await transaction(async (c): Promise<CommitResult> => {
          const r = change.request;
          const body = JSON.stringify(r);
          if (change.expectedVersion === null) {
            const info = await c.query(
              'INSERT INTO requests (id, tenant_id, kind, state, version, requester_id, workspace_key, active_key, body) ' +
                'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING',
              [r.id, r.tenantId, r.kind, r.state, r.version, r.requester.id, workspaceKey(r.workspace), activeRequestKey(r), body],
            );
            if (info.rowCount !== 1) throw new Refused('exists');
          } else {
            // Under READ COMMITTED a concurrent writer holds the row lock; once it commits the
            // version no longer matches and this update touches nothing: stale.
            const info = await c.query('UPDATE requests SET state = $1, version = $2, body = $3 WHERE id = $4 AND version = $5', [
              r.state,
              r.version,
              body,
              r.id,
              change.expectedVersion,
            ]);
            if (info.rowCount !== 1) throw new Refused('stale');
          }
          if (change.connection) await writeConnection(c, r.tenantId, change.connection);
          await appendAuditRows(c, change.audit);
          await insertOutboxRows(c, change.outbox);
          return { ok: true };
        });
      } catch (err) {
        if (err instanceof Refused) return { ok: false, reason: err.reason };
        if (isOnePrimaryViolation(err)) return { ok: false, reason: 'already_connected' };
        if (isOneActiveViolation(err) && (IN_FLIGHT_STATES as readonly string[]).includes(change.request.state)) {
          return { ok: false, reason: 'one_open_request' };
        }
        throw err;
      }
    },

    async getConnection(tenantId) {
      const { rows } = await query("SELECT record FROM workspace_connections WHERE tenant_id = $1 ORDER BY role = 'primary' DESC LIMIT 1", [tenantId]);
      return rows[0] ? (rows[0].record as ConnectionRecord) : null;
    },
    async listConnections(tenantId) {
      const { rows } = await query('SELECT role, record FROM workspace_connections WHERE tenant_id = $1', [tenantId]);
      return sortConnections(rows.map((row) => ({ ...(row.record as ConnectionRecord), role: row.role as WorkspaceRole })));
    },

    async appendAudit(records) {
      if (records.length === 0) return;
      await transaction((c) => appendAuditRows(c, records));
    },
    async listAudit(tenantId, limit) {
      const { rows } = await query('SELECT seq, record FROM audit WHERE tenant_id = $1 ORDER BY seq DESC LIMIT $2', [tenantId, limit]);
      return rows.map(toAudit);
    },
    async *exportAudit() {
      let after = 0;
      for (;;) {
        const { rows } = await query('SELECT seq, record FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2', [after, EXPORT_PAGE]);
        for (const row of rows) yield toAudit(row);
        if (rows.length < EXPORT_PAGE) return;
        after = Number(rows[rows.length - 1].seq);
      }
    },

    async enqueueOutbox(records) {
      if (records.length === 0) return;
      await transaction((c) => insertOutboxRows(c, records));
    },
    async recordPostedActivity(requestId, purpose, conversationKey, activityId) {
      await queryRetrying('INSERT INTO posted_activities (request_id, purpose, conversation_key, activity_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
        requestId,
        purpose,
        conversationKey,
        activityId,
      ]);
    },
    async listPostedActivities(requestId, purpose) {
      const { rows } = await query(
        'SELECT conversation_key, activity_id FROM posted_activities WHERE request_id = $1 AND purpose = $2 ORDER BY conversation_key, activity_id',
        [requestId, purpose],
      );
      return rows.map((r) => ({ conversationKey: r.conversation_key as string, activityId: r.activity_id as string }));
    },
    async claimOutbox(limit, now, leaseUntil) {
      // Rows another instance is claiming right now are skipped, not waited for; the lease
      // (next_attempt_at pushed forward) keeps them away from other instances afterwards.
      const { rows } = await query(
        `WITH due AS (
           SELECT id FROM outbox
           WHERE sent_at IS NULL AND dead_at IS NULL AND next_attempt_at <= $1
           ORDER BY created_at, id
           LIMIT $2
           FOR UPDATE SKIP LOCKED
         )
         UPDATE outbox o SET next_attempt_at = $3, attempts = o.attempts + 1
         FROM due WHERE o.id = due.id
         RETURNING o.*`,
        [now, limit, leaseUntil],
      );
      return rows.map(toOutbox).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
    async markOutboxSent(id, at) {
      await queryRetrying('UPDATE outbox SET sent_at = $2 WHERE id = $1', [id, at]);
    },
    async rescheduleOutbox(id, nextAttemptAt) {
      await query('UPDATE outbox SET next_attempt_at = $2 WHERE id = $1 AND sent_at IS NULL AND dead_at IS NULL', [id, nextAttemptAt]);
    },
    async deadLetterOutbox(id, at, audit, notices) {
      await transaction(async (c) => {
        await c.query('UPDATE outbox SET dead_at = $2 WHERE id = $1 AND sent_at IS NULL', [id, at]);
        await appendAuditRows(c, [audit]);
        await insertOutboxRows(c, notices);
      });
    },

    async claimRequestLease(requestId, owner, now, until) {
      // A concurrent claimer waits on the primary key, then re-checks the WHERE against the
      // committed row: exactly one of several instances gets a free or expired lease.
      const info = await query(
        `INSERT INTO request_leases (request_id, owner, lease_until) VALUES ($1, $2, $4)
         ON CONFLICT (request_id) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
         WHERE request_leases.lease_until <= $3 OR request_leases.owner = excluded.owner`,
        [requestId, owner, now, until],
      );
      return info.rowCount === 1;
    },
    async releaseRequestLease(requestId, owner) {
      await queryRetrying('DELETE FROM request_leases WHERE request_id = $1 AND owner = $2', [requestId, owner]);
    },
  };
  return store;
}

/** A refused commit: the transaction is rolled back and the reason returned. */
class Refused extends Error {
  constructor(readonly reason: 'stale' | 'exists' | 'already_connected') {
    super(reason);
  }
}

/**
 * The server went away or is restarting (refused, reset, terminated, shutting down, starting up):
 * worth retrying. SQL errors (constraints, syntax) are not.
 */
export function isConnectionLoss(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03'].includes(code)) return true;
    if (code.startsWith('08')) return true; // connection exception class
  }
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    String(message ?? ''),
  );
}

/** A second primary for a tenant (the one-primary index). */
function isOnePrimaryViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; constraint?: unknown };
  return e.code === '23505' && e.constraint === 'workspace_connections_one_primary';
}

/** Writes a request change's connection part in its transaction (see RequestChange.connection). */
async function writeConnection(c: PoolClient, tenantId: string, change: NonNullable<RequestChange['connection']>): Promise<void> {
  const upsert = (record: ConnectionRecord, role: WorkspaceRole) =>
    c.query(
      `INSERT INTO workspace_connections (tenant_id, workspace_key, role, record) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, workspace_key) DO UPDATE SET role = excluded.role, record = excluded.record`,
      [tenantId, record.workspaceKey, role, JSON.stringify(record)],
    );
  if ('set' in change) {
    // A different workspace recorded (or being recorded by a concurrent transaction, whose primary
    // row the one-primary index waits for) is refused.
    const other = await c.query('SELECT 1 FROM workspace_connections WHERE tenant_id = $1 AND workspace_key <> $2', [tenantId, change.set.workspaceKey]);
    if ((other.rowCount ?? 0) > 0) throw new Refused('already_connected');
    await upsert(change.set, 'primary');
  } else if ('clear' in change) {
    await c.query('DELETE FROM workspace_connections WHERE tenant_id = $1', [tenantId]);
  } else if ('add' in change) {
    await upsert(change.add, change.add.role ?? 'primary');
  } else if ('remove' in change) {
    await c.query('DELETE FROM workspace_connections WHERE tenant_id = $1 AND workspace_key = $2', [tenantId, change.remove]);
  } else {
    await c.query(
      `UPDATE workspace_connections SET role = 'secondary', record = jsonb_set(record::jsonb, '{role}', '"secondary"')::json
       WHERE tenant_id = $1 AND role = 'primary' AND workspace_key <> $2`,
      [tenantId, change.promote.workspaceKey],
    );
    await upsert({ ...change.promote, role: 'primary' }, 'primary');
  }
}

function isOneActiveViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; constraint?: unknown };
  return e.code === '23505' && e.constraint === 'requests_one_active';
}

/**
 * The strings that must never appear in an error: the URL itself and its password in userinfo
 * form (`:password@`), raw and decoded; the bare password too when it is long enough not to
 * mangle ordinary words of a message (pg never puts the password in its errors anyway).
 */
function secretsOf(url: string): string[] {
  const out = [url];
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^:/@]*:([^@]*)@/i.exec(url);
  if (m && m[1]) {
    const passwords = [m[1]];
    try {
      passwords.push(decodeURIComponent(m[1]));
    } catch {
      // not percent-encoded
    }
    for (const p of passwords) {
      out.push(`:${p}@`);
      if (p.length >= 8) out.push(p);
    }
  }
  // Longest first, so the URL is replaced before the password inside it.
  return [...new Set(out.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
}

/** Returns err with the URL and password removed from its message and stack (pg errors keep their fields). */
function sanitizeError(err: unknown, secrets: string[]): Error {
  const scrub = (s: string) => secrets.reduce((acc, secret) => acc.split(secret).join('***'), s);
  if (err instanceof Error) {
    if (secrets.some((s) => err.message.includes(s) || (err.stack ?? '').includes(s))) {
      err.message = scrub(err.message);
      if (err.stack) err.stack = scrub(err.stack);
    }
    // Node's URL errors keep the input on `.input`.
    const withInput = err as Error & { input?: unknown };
    if (typeof withInput.input === 'string') withInput.input = scrub(withInput.input);
    return err;
  }
  return new Error(scrub(String(err)));
}
