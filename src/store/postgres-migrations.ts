/**
 * Schema versions of the PostgreSQL store, applied in order at start (one transaction,
 * under an advisory lock, so several instances starting together apply each once).
 *
 * Records are kept as `json` (the text as written, like SQLite keeps it); timestamps are
 * ISO-8601 strings in `COLLATE "C"` columns so they order exactly like the SQLite store.
 */
export const POSTGRES_MIGRATIONS: string[] = [
  `
  CREATE TABLE soc_channels (
    tenant_id TEXT PRIMARY KEY,
    record JSON NOT NULL
  );
  CREATE TABLE conversations (
    key TEXT PRIMARY KEY,
    reference JSON NOT NULL,
    updated_at TEXT COLLATE "C" NOT NULL
  );
  CREATE TABLE requests (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    version INTEGER NOT NULL,
    requester_id TEXT NOT NULL,
    workspace_key TEXT NOT NULL,
    body JSON NOT NULL
  );
  CREATE INDEX requests_tenant_state ON requests (tenant_id, state);
  -- One submitted or approved request a tenant: one change at a time, enforced by the database.
  CREATE UNIQUE INDEX requests_one_active ON requests (tenant_id) WHERE state IN ('submitted', 'approved');
  CREATE TABLE connections (
    tenant_id TEXT PRIMARY KEY,
    workspace_key TEXT NOT NULL,
    record JSON NOT NULL
  );
  CREATE TABLE audit (
    seq BIGSERIAL PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    request_id TEXT,
    at TEXT COLLATE "C" NOT NULL,
    record JSON NOT NULL
  );
  CREATE INDEX audit_tenant ON audit (tenant_id, seq);
  -- The audit log is append-only.
  CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    RAISE EXCEPTION 'audit is append-only' USING ERRCODE = 'insufficient_privilege';
  END;
  $fn$;
  CREATE TRIGGER audit_no_update BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
  CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
  CREATE TABLE outbox (
    id TEXT COLLATE "C" PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    request_id TEXT,
    conversation_key TEXT NOT NULL,
    payload JSON NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT COLLATE "C" NOT NULL,
    sent_at TEXT COLLATE "C"
  );
  CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL;
  CREATE TABLE posted_activities (
    request_id TEXT NOT NULL,
    purpose TEXT NOT NULL,
    conversation_key TEXT COLLATE "C" NOT NULL,
    activity_id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (request_id, purpose, conversation_key, activity_id)
  );
  CREATE TABLE bot_state (
    key TEXT PRIMARY KEY,
    value JSON NOT NULL,
    etag TEXT NOT NULL
  );
  `,
  `
  -- Version 2: one instance at a time works on a request (verification polling); a lease
  -- runs out by itself, so a crashed holder only delays the work.
  CREATE TABLE request_leases (
    request_id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    lease_until TEXT COLLATE "C" NOT NULL
  );
  `,
  `
  -- Version 3: a notification that failed too often is dead-lettered: kept, never claimed again.
  ALTER TABLE outbox ADD COLUMN dead_at TEXT COLLATE "C";
  DROP INDEX outbox_due;
  CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND dead_at IS NULL;
  `,
  `
  -- Version 4: the multi-workspace model. One submitted or approved request per active_key: the
  -- tenant (single model) or the tenant's workspace (multi). A tenant's connections are one row per
  -- workspace with its role, and at most one primary.
  ALTER TABLE requests ADD COLUMN active_key TEXT;
  UPDATE requests SET active_key = tenant_id;
  ALTER TABLE requests ALTER COLUMN active_key SET NOT NULL;
  DROP INDEX requests_one_active;
  CREATE UNIQUE INDEX requests_one_active ON requests (active_key) WHERE state IN ('submitted', 'approved');
  CREATE TABLE workspace_connections (
    tenant_id TEXT NOT NULL,
    workspace_key TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('primary', 'secondary')),
    record JSON NOT NULL,
    PRIMARY KEY (tenant_id, workspace_key)
  );
  CREATE UNIQUE INDEX workspace_connections_one_primary ON workspace_connections (tenant_id) WHERE role = 'primary';
  INSERT INTO workspace_connections (tenant_id, workspace_key, role, record)
    SELECT tenant_id, workspace_key, 'primary', record FROM connections;
  DROP TABLE connections;
  `,
];
