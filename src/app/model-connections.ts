import type { WorkspaceInfo } from '../azure/ports';
import { describeCallError, isAzureFailure, withDeadline } from '../checks/describe-call-error';
import { checksFor } from '../checks/model-checks';
import type { PrerequisiteCheck } from '../checks/prerequisite-checks';
import { workspaceKey, type ConnectionRecord } from '../store/store';
import { sameWorkspace, type WorkspaceConnection, type WorkspaceRef, type WorkspaceRole } from '../workflow';
import type { AppContext } from './context';

/** A connection the bot knows: its record, or (multi model) what Azure shows of one made in the portal. */
export type TenantConnection = ConnectionRecord & {
  role: WorkspaceRole;
  /**
   * Set when the bot has no record: `connected`, the Defender XDR connector streams into it (the
   * primary); `candidate`, it shows a secondary's signals, which a workspace disconnected from the
   * portal keeps too (the portal's Workspaces page tells for sure).
   */
  recognised?: 'connected' | 'candidate';
};

/** How long a command waits for the connected-workspace scan. */
const RECOGNITION_DEADLINE_MS = 4_000;

/** The tenant's recorded connections, each with its role (the primary first). */
export async function tenantConnections(ctx: AppContext, tenantId: string): Promise<TenantConnection[]> {
  return ctx.store.listConnections(tenantId);
}

/**
 * The multi model's connections as Azure shows them: the records, then what the bot has no record
 * of, recognised from Azure signals (connected in the portal before the bot, or beside it): the
 * workspace the Defender XDR connector streams into, when no primary is recorded and it is the only
 * one, and the secondary candidates while there is a primary (a secondary cannot exist without one),
 * leaving out a workspace whose last request the bot completed was its disconnect. `unread`: Azure
 * could not be read, and the records alone are given. The single model: the records.
 */
export async function connectionsAsAzureShows(ctx: AppContext, tenantId: string): Promise<{ connections: TenantConnection[]; unread?: string }> {
  const records = await tenantConnections(ctx, tenantId);
  if (ctx.model.name !== 'multi') return { connections: records };
  let scan;
  try {
    scan = await withDeadline(ctx.connectedWorkspaces.scan(ctx.arm, ctx.graph), Date.now() + RECOGNITION_DEADLINE_MS);
  } catch (err) {
    if (!isAzureFailure(err)) throw err;
    ctx.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'connections: Azure signals unavailable');
    return { connections: records, unread: describeCallError(err) };
  }
  const known = (w: WorkspaceRef) => records.some((r) => sameWorkspace(r.workspace, w));
  const recognised: TenantConnection[] = [];
  const streaming = scan.connected.filter((w) => !known(w));
  if (!records.some((r) => r.role === 'primary') && streaming.length === 1 && scan.connected.length === 1) {
    recognised.push(outsideTheBot(tenantId, streaming[0], 'primary', 'connected'));
  }
  if (records.some((r) => r.role === 'primary') || recognised.length > 0) {
    const disconnected = await disconnectedByTheBot(ctx, tenantId);
    const byName = [...scan.secondaryCandidates].sort((a, b) => a.name.localeCompare(b.name));
    for (const w of byName) {
      if (!known(w) && !disconnected.has(workspaceKey(w))) recognised.push(outsideTheBot(tenantId, w, 'secondary', 'candidate'));
    }
  }
  return { connections: [...records, ...recognised] };
}

function outsideTheBot(tenantId: string, w: WorkspaceInfo, role: WorkspaceRole, recognised: 'connected' | 'candidate'): TenantConnection {
  const workspace = { subscriptionId: w.subscriptionId, resourceGroup: w.resourceGroup, name: w.name };
  return {
    tenantId,
    workspaceKey: workspaceKey(workspace),
    workspace,
    connectedAt: '',
    connectedBy: null,
    approvedBy: null,
    requestId: null,
    role,
    recognised,
  };
}

/** The workspaces whose latest request the bot completed is a disconnect (their signals stay as they were). */
async function disconnectedByTheBot(ctx: AppContext, tenantId: string): Promise<Set<string>> {
  const [connects, disconnects] = await Promise.all([
    ctx.store.listTenantRequests(tenantId, 'connect', ['completed']),
    ctx.store.listTenantRequests(tenantId, 'disconnect', ['completed']),
  ]);
  const latest = new Map<string, { at: number; kind: string }>();
  for (const r of [...connects, ...disconnects]) {
    if (r.state !== 'completed') continue;
    const key = workspaceKey(r.workspace);
    const at = Date.parse(r.completedAt);
    if (!latest.has(key) || latest.get(key)!.at < at) latest.set(key, { at, kind: r.kind });
  }
  return new Set([...latest].filter(([, v]) => v.kind === 'disconnect').map(([k]) => k));
}

/** The connections as the workspace model reads them. */
export const asModelConnections = (records: (ConnectionRecord & { role: WorkspaceRole })[]): WorkspaceConnection[] =>
  records.map((r) => ({ workspace: r.workspace, role: r.role }));

/**
 * The checks of a connect that gives its workspace `role`, under the bot's model (absent: the default
 * list); `connections` when the caller has read them already.
 */
export async function connectChecksFor(
  ctx: AppContext,
  tenantId: string,
  role: WorkspaceRole | undefined,
  connections?: TenantConnection[],
): Promise<{ checks?: PrerequisiteCheck[] }> {
  if (ctx.model.name === 'single') return {};
  const known = connections ?? (await connectionsAsAzureShows(ctx, tenantId)).connections;
  const primary = known.find((c) => c.role === 'primary')?.workspace ?? null;
  const checks = checksFor(ctx.model, role ?? 'primary', primary);
  return checks ? { checks } : {};
}
