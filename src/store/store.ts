/**
 * The Store port: everything the bot keeps. SQLite (one instance) and
 * PostgreSQL (several instances) implement it and pass the same test suite.
 * No botbuilder or Azure types here: conversation references are plain JSON.
 */

export type Json = Record<string, unknown>;

export interface PersonRecord {
  id: string;
  name: string;
}

/** The SOC channel of a tenant: where state changes are announced. */
export interface SocChannelRecord {
  tenantId: string;
  teamId: string;
  channelId: string;
  /** Bot Framework ConversationReference of the channel, as JSON. */
  conversationReference: Json;
  setBy: PersonRecord;
  setAt: string;
}

/** An append-only audit entry: an accepted state change or a refused attempt (the workflow's AuditEvent). */
export interface AuditRecord {
  seq?: number;
  at: string;
  tenantId: string;
  requestId: string | null;
  actor: PersonRecord | 'system';
  action: string;
  outcome: 'accepted' | 'refused';
  fromState: string | null;
  toState: string | null;
  version?: number;
  refusalCode?: string;
  detail?: string;
}

/** The minimal shape of a stored request; the rest of it is kept as JSON. */
export interface RequestRecord {
  id: string;
  tenantId: string;
  kind: string;
  state: string;
  version: number;
  requester: PersonRecord;
  workspace: { subscriptionId: string; resourceGroup: string; name: string };
  expiresAt?: string;
  [more: string]: unknown;
}

/** The tenant's connected workspace, as the bot knows it. */
export interface ConnectionRecord {
  tenantId: string;
  workspaceKey: string;
  workspace: { subscriptionId: string; resourceGroup: string; name: string };
  connectedAt: string;
  /** Who performed the portal step (the approver), when the bot saw it. */
  connectedBy: PersonRecord | null;
  approvedBy: PersonRecord | null;
  requestedBy?: PersonRecord | null;
  requestId: string | null;
}

/** A notification to deliver to a conversation; written with the change that causes it. */
export interface OutboxRecord {
  id: string;
  tenantId: string;
  requestId: string | null;
  /** What to deliver: an activity (card + summary), and optionally the activity to update. */
  payload: Json;
  /** Where: a stored conversation key, e.g. `soc:<tenantId>` or `user:<tenantId>:<aadObjectId>`. */
  conversationKey: string;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  sentAt: string | null;
}

/** One atomic change: a request written at a version, with its audit and notifications. */
export interface RequestChange<R extends RequestRecord = RequestRecord> {
  request: R;
  /** `null` inserts a new request; otherwise the version the caller read. */
  expectedVersion: number | null;
  audit: AuditRecord[];
  outbox: OutboxRecord[];
  /** Record or clear the tenant's connected workspace in the same transaction. */
  connection?: { set: ConnectionRecord } | { clear: true };
}

export type CommitResult = { ok: true } | { ok: false; reason: 'stale' | 'one_open_request' | 'already_connected' | 'exists' };

/** A stored botbuilder state item with its eTag (optimistic concurrency). */
export interface StateItem {
  value: Json;
  eTag: string;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Creates or upgrades the schema; safe to run on every start and on several instances. */
  migrate(): Promise<void>;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  /**
   * Writes and removes a 64 KB item in two commits: resolves when the store can still grow,
   * rejects when it cannot write (disk full, read-only, quota reached).
   */
  probeWrite(): Promise<void>;
  close(): Promise<void>;

  getSocChannel(tenantId: string): Promise<SocChannelRecord | null>;
  /** Sets the SOC channel, with its audit entry and announcements, and returns the previous one. */
  setSocChannel(record: SocChannelRecord, audit: AuditRecord, outbox: OutboxRecord[]): Promise<SocChannelRecord | null>;

  saveConversation(key: string, reference: Json): Promise<void>;
  getConversation(key: string): Promise<Json | null>;

  getRequest(id: string): Promise<RequestRecord | null>;
  listOpenRequests(tenantId: string): Promise<RequestRecord[]>;
  /** Open requests (draft, submitted, approved) of every tenant, for expiry and verification. */
  listRequestsInStates(states: string[]): Promise<RequestRecord[]>;
  commit(change: RequestChange): Promise<CommitResult>;

  getConnection(tenantId: string): Promise<ConnectionRecord | null>;

  appendAudit(records: AuditRecord[]): Promise<void>;
  /** Newest first. */
  listAudit(tenantId: string, limit: number): Promise<AuditRecord[]>;
  /** Every audit record, oldest first, for export. */
  exportAudit(): AsyncIterable<AuditRecord>;

  /** Queues notifications that no request change causes. */
  enqueueOutbox(records: OutboxRecord[]): Promise<void>;
  /** Remembers the activity id a notification got, so its card can be updated later. */
  recordPostedActivity(requestId: string, purpose: string, conversationKey: string, activityId: string): Promise<void>;
  /** The posted activities of a request for a purpose (e.g. the approval card in the SOC channel). */
  listPostedActivities(requestId: string, purpose: string): Promise<{ conversationKey: string; activityId: string }[]>;
  /** Claims due notifications for delivery by this instance (others skip them). */
  claimOutbox(limit: number, now: string, leaseUntil: string): Promise<OutboxRecord[]>;
  markOutboxSent(id: string, at: string): Promise<void>;
  rescheduleOutbox(id: string, nextAttemptAt: string): Promise<void>;

  /**
   * Leases a request to one owner (an instance's poller) until `until`, so several instances
   * never work on the same request at once. True when it was free, its lease ran out before
   * `now` (the holder died), or `owner` already holds it (a renewal); false otherwise.
   */
  claimRequestLease(requestId: string, owner: string, now: string, until: string): Promise<boolean>;
  /** Gives a lease back early; only the owner's own lease is removed. */
  releaseRequestLease(requestId: string, owner: string): Promise<void>;

  readState(keys: string[]): Promise<Record<string, StateItem>>;
  /** Writes state; `eTag` `*` or absent overwrites, otherwise it must match. Returns false on a conflict. */
  writeState(key: string, value: Json, eTag: string | undefined): Promise<{ ok: boolean; eTag?: string }>;
  deleteState(keys: string[]): Promise<void>;
}

/** The open states of a request; the store keeps at most one submitted/approved request a tenant. */
export const OPEN_STATES = ['draft', 'submitted', 'approved'] as const;
export const ACTIVE_STATES = ['submitted', 'approved'] as const;

/** The size of the item {@link Store.probeWrite} writes: headroom for a few requests and their audit. */
export const WRITE_PROBE_BYTES = 64 * 1024;

/** A fresh bot_state key for one write probe (never read by anything else). */
export const writeProbeKey = (): string => `readiness-probe:${process.pid}:${Date.now()}:${Math.random().toString(36).slice(2)}`;

/** Key of a workspace for comparisons and the connection record: lower-case `sub/rg/name`. */
export function workspaceKey(ws: { subscriptionId: string; resourceGroup: string; name: string }): string {
  return `${ws.subscriptionId}/${ws.resourceGroup}/${ws.name}`.toLowerCase();
}
