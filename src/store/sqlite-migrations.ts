/** Schema versions of the SQLite store, applied in order at start. */
export const SQLITE_MIGRATIONS: string[] = [
  `
  CREATE TABLE soc_channels (
    tenant_id TEXT PRIMARY KEY,
    record TEXT NOT NULL
  );
  CREATE TABLE conversations (
    key TEXT PRIMARY KEY,
    reference TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE requests (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    version INTEGER NOT NULL,
    requester_id TEXT NOT NULL,
    workspace_key TEXT NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX requests_tenant_state ON requests (tenant_id, state);
  -- One submitted or approved request a tenant: one change at a time, enforced by the database.
  CREATE UNIQUE INDEX requests_one_active ON requests (tenant_id) WHERE state IN ('submitted', 'approved');
  CREATE TABLE connections (
    tenant_id TEXT PRIMARY KEY,
    record TEXT NOT NULL
  );
  CREATE TABLE audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id TEXT NOT NULL,
    request_id TEXT,
    at TEXT NOT NULL,
    record TEXT NOT NULL
  );
  CREATE INDEX audit_tenant ON audit (tenant_id, seq);
  -- The audit log is append-only.
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
  CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    request_id TEXT,
    conversation_key TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    sent_at TEXT
  );
  CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);
  CREATE TABLE posted_activities (
    request_id TEXT NOT NULL,
    purpose TEXT NOT NULL,
    conversation_key TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    PRIMARY KEY (request_id, purpose, conversation_key, activity_id)
  );
  CREATE TABLE bot_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    etag TEXT NOT NULL
  );
  `,
  `
  CREATE TABLE request_leases (
    request_id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    lease_until TEXT NOT NULL
  );
  `,
  `
  -- Version 3: a notification that failed too often is dead-lettered: kept, never claimed again.
  ALTER TABLE outbox ADD COLUMN dead_at TEXT;
  `,
  `
  -- Version 4: the multi-workspace model. One submitted or approved request per active_key: the
  -- tenant (single model) or the tenant's workspace (multi). A tenant's connections are one row per
  -- workspace with its role, and at most one primary.
  ALTER TABLE requests ADD COLUMN active_key TEXT NOT NULL DEFAULT '';
  UPDATE requests SET active_key = tenant_id;
  DROP INDEX requests_one_active;
  CREATE UNIQUE INDEX requests_one_active ON requests (active_key) WHERE state IN ('submitted', 'approved');
  CREATE TABLE workspace_connections (
    tenant_id TEXT NOT NULL,
    workspace_key TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('primary', 'secondary')),
    record TEXT NOT NULL,
    PRIMARY KEY (tenant_id, workspace_key)
  );
  CREATE UNIQUE INDEX workspace_connections_one_primary ON workspace_connections (tenant_id) WHERE role = 'primary';
  INSERT INTO workspace_connections (tenant_id, workspace_key, role, record)
    SELECT tenant_id, json_extract(record, '$.workspaceKey'), 'primary', record FROM connections;
  DROP TABLE connections;
  `,
];
