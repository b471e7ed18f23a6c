/**
 * The Store port: everything the bot keeps, split by concern. SQLite (one instance) and
 * PostgreSQL (several instances) implement it and pass the same test suite.
 * No botbuilder or Azure types here: conversation references and cards are plain JSON.
 */

import { IN_FLIGHT_STATES, OPEN_STATES, type RequestState } from '../workflow/connection-request';
import type { WorkspaceRole } from '../workflow/connection-request';
import type { WorkspaceRef } from '../workflow/workspace-ref';

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

/**
 * An append-only audit entry: an accepted state change, a refused attempt, or a failure the bot
 * gave up on (a notification it could not deliver). Read back as stored, so its codes are strings.
 */
export interface AuditRecord {
  seq?: number;
  at: string;
  tenantId: string;
  requestId: string | null;
  actor: PersonRecord | 'system';
  action: string;
  outcome: 'accepted' | 'refused' | 'failed';
  fromState: string | null;
  toState: string | null;
  version?: number;
  refusalCode?: string;
  detail?: string;
}

/** What the store itself reads of a request (for its columns and constraints); the whole request is kept as JSON. */
export interface RequestShape {
  id: string;
  tenantId: string;
  kind: string;
  state: RequestState;
  version: number;
  requester: { id: string };
  workspace: WorkspaceRef;
  /** `multi`: the store keeps one submitted or approved request per workspace; otherwise one per tenant. */
  workspaceModel?: 'multi';
}

/** A request as plain JSON: the store's request type when none is given (its own contract suite uses it). */
export interface RequestRecord extends RequestShape {
  requester: PersonRecord;
  expiresAt?: string;
  [more: string]: unknown;
}

/** A connected workspace of the tenant, as the bot knows it. */
export interface ConnectionRecord {
  tenantId: string;
  workspaceKey: string;
  workspace: WorkspaceRef;
  /** ISO time; empty when the bot did not see the connect (a secondary connected in the portal, then made primary through the bot). */
  connectedAt: string;
  /** Who performed the portal step (the approver), when the bot saw it. */
  connectedBy: PersonRecord | null;
  approvedBy: PersonRecord | null;
  requestedBy?: PersonRecord | null;
  requestId: string | null;
  /** Its role in the Defender portal; a record without one (single model) is the primary. */
  role?: WorkspaceRole;
  /** When and by whom (the approver) it became the primary, when that was after it was connected. */
  primarySince?: string;
  primaryBy?: PersonRecord | null;
}

/** An Adaptive Card (the content of a card attachment) as JSON. */
export type CardJson = Json;

/** Remember the activity id a post gets, under this request and purpose, so that its card can be updated later. */
export interface PostTracking {
  requestId: string;
  purpose: string;
}

/**
 * What an outbox item delivers: a new post (text or card), or an update of a card posted before. A
 * card post may carry text above the card and its entities (Teams `mention`s of the `<at>` names in it).
 */
export type OutboxPayload =
  | { kind: 'post'; text: string; card?: undefined; summary?: string; track?: undefined }
  | { kind: 'post'; card: CardJson; text?: string; entities?: Json[]; summary?: string; track?: PostTracking }
  | { kind: 'update'; activityId: string; card: CardJson; summary?: string };

/** A notification to deliver to a conversation; written with the change that causes it. */
export interface OutboxRecord {
  id: string;
  tenantId: string;
  requestId: string | null;
  payload: OutboxPayload;
  /** Where: a stored conversation key (see {@link conversationKeys}). */
  conversationKey: string;
  createdAt: string;
  /** Delivery attempts so far (each claim counts as one). */
  attempts: number;
  nextAttemptAt: string;
  sentAt: string | null;
  /** When delivery was given up (dead-lettered); such an item is never claimed again. */
  deadAt?: string | null;
}

/** One atomic change: a request written at a version, with its audit and notifications. */
export interface RequestChange<R extends RequestShape = RequestRecord> {
  request: R;
  /** `null` inserts a new request; otherwise the version the caller read. */
  expectedVersion: number | null;
  audit: AuditRecord[];
  outbox: OutboxRecord[];
  /**
   * Changes the tenant's connections in the same transaction. `set`: the tenant's one connected
   * workspace (single model; a different one recorded is refused); `clear`: none is connected.
   * Multi model: `add` records one more (a second primary is refused), `remove` drops one
   * workspace (by its key), `promote` makes this one the primary and the primary a secondary.
   */
  connection?: { set: ConnectionRecord } | { clear: true } | { add: ConnectionRecord } | { remove: string } | { promote: ConnectionRecord };
}

/**
 * A refused commit: `stale` (the request changed since it was read), `one_open_request` (another
 * request of the tenant is submitted or approved), `already_connected` (another workspace is
 * recorded as connected), `exists` (a new request's id is taken).
 */
export type CommitConflict = 'stale' | 'one_open_request' | 'already_connected' | 'exists';

export type CommitResult = { ok: true } | { ok: false; reason: CommitConflict };

/** The database itself: schema, reachability, writability (GET /readyz), closing. */
export interface StoreLifecycle {
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
}

/** Requests and the tenant's connected workspace: every change is one version-guarded transaction. */
export interface RequestStore<R extends RequestShape> {
  getRequest(id: string): Promise<R | null>;
  /** The tenant's open requests (draft, submitted, approved). */
  listOpenRequests(tenantId: string): Promise<R[]>;
  /** Requests of every tenant in these states, for expiry and verification. */
  listRequestsInStates(states: readonly RequestState[]): Promise<R[]>;
  /** The tenant's requests of one kind in these states (e.g. its completed disconnects), in no particular order. */
  listTenantRequests(tenantId: string, kind: string, states: readonly RequestState[]): Promise<R[]>;
  /** Writes the request at the version read, with its audit entries, notifications and connection change, or nothing. */
  commit(change: RequestChange<R>): Promise<CommitResult>;
  /** The tenant's connected workspace: its primary (single model: its only one). */
  getConnection(tenantId: string): Promise<ConnectionRecord | null>;
  /** Every connected workspace of the tenant, each with its role: the primary first, then by time connected. */
  listConnections(tenantId: string): Promise<(ConnectionRecord & { role: WorkspaceRole })[]>;
}

/** The append-only audit log. */
export interface AuditStore {
  appendAudit(records: AuditRecord[]): Promise<void>;
  /** Newest first. */
  listAudit(tenantId: string, limit: number): Promise<AuditRecord[]>;
  /** Every audit record, oldest first, for export. */
  exportAudit(): AsyncIterable<AuditRecord>;
}

/** Notifications waiting for delivery, and the activities they became. */
export interface OutboxStore {
  /** Queues notifications that no request change causes. */
  enqueueOutbox(records: OutboxRecord[]): Promise<void>;
  /** Claims due notifications for delivery by this instance (others skip them); a claim counts as an attempt. */
  claimOutbox(limit: number, now: string, leaseUntil: string): Promise<OutboxRecord[]>;
  markOutboxSent(id: string, at: string): Promise<void>;
  rescheduleOutbox(id: string, nextAttemptAt: string): Promise<void>;
  /**
   * Gives up on a notification, so that it is never claimed again, in one transaction with the
   * audit entry that says so and the notices that tell someone about it (the SOC channel).
   */
  deadLetterOutbox(id: string, at: string, audit: AuditRecord, notices: OutboxRecord[]): Promise<void>;
  /** Remembers the activity id a notification got, so its card can be updated later. */
  recordPostedActivity(requestId: string, purpose: string, conversationKey: string, activityId: string): Promise<void>;
  /** The posted activities of a request for a purpose (e.g. the approval card in the SOC channel). */
  listPostedActivities(requestId: string, purpose: string): Promise<{ conversationKey: string; activityId: string }[]>;
}

/** Leases of requests to one owner (an instance's poller) at a time, so several instances never work on the same one at once. */
export interface LeaseStore {
  /** True when it was free, its lease ran out before `now` (the holder died), or `owner` already holds it (a renewal). */
  claimRequestLease(requestId: string, owner: string, now: string, until: string): Promise<boolean>;
  /** Gives a lease back early; only the owner's own lease is removed. */
  releaseRequestLease(requestId: string, owner: string): Promise<void>;
}

/** Conversation references (plain JSON), under {@link conversationKeys}. */
export interface ConversationStore {
  saveConversation(key: string, reference: Json): Promise<void>;
  getConversation(key: string): Promise<Json | null>;
}

/** The SOC channel of each tenant. */
export interface SocChannelStore {
  getSocChannel(tenantId: string): Promise<SocChannelRecord | null>;
  /** Sets the SOC channel, with its audit entry and announcements, and returns the previous one. */
  setSocChannel(record: SocChannelRecord, audit: AuditRecord, outbox: OutboxRecord[]): Promise<SocChannelRecord | null>;
}

/**
 * Everything the bot keeps. The adapters implement it for any request type `R` (the bot's is
 * the workflow's request plus what its cards need); a consumer asks for the parts it uses.
 */
export interface Store<R extends RequestShape = RequestRecord>
  extends StoreLifecycle, RequestStore<R>, AuditStore, OutboxStore, LeaseStore, ConversationStore, SocChannelStore {}

/** Keys under which conversation references are stored; notifications name one. */
export const conversationKeys = {
  channel: (tenantId: string, channelId: string) => `channel:${tenantId}:${channelId}`,
  user: (tenantId: string, userId: string) => `user:${tenantId}:${userId}`,
};

/** The states the store lists as open, and those it keeps at most one of per tenant: the workflow's own lists. */
export { IN_FLIGHT_STATES, OPEN_STATES };

/** The size of the item {@link StoreLifecycle.probeWrite} writes: headroom for a few requests and their audit. */
export const WRITE_PROBE_BYTES = 64 * 1024;

/** A fresh key for one write probe, in the bot_state table (which holds nothing else). */
export const writeProbeKey = (): string => `readiness-probe:${process.pid}:${Date.now()}:${Math.random().toString(36).slice(2)}`;

/** The key the one-active-request index is on: the tenant, or in the multi model the tenant's workspace. */
export function activeRequestKey(r: Pick<RequestShape, 'tenantId' | 'workspace' | 'workspaceModel'>): string {
  return r.workspaceModel === 'multi' ? `${r.tenantId} ${workspaceKey(r.workspace)}` : r.tenantId;
}

/** Connections as listed: the primary first, then by the time they were connected. */
export function sortConnections<C extends ConnectionRecord & { role: WorkspaceRole }>(records: C[]): C[] {
  return [...records].sort((a, b) => (a.role === b.role ? a.connectedAt.localeCompare(b.connectedAt) : a.role === 'primary' ? -1 : 1));
}

/** Key of a workspace for comparisons and the connection record: lower-case `sub/rg/name`. */
export function workspaceKey(ws: WorkspaceRef): string {
  return `${ws.subscriptionId}/${ws.resourceGroup}/${ws.name}`.toLowerCase();
}
