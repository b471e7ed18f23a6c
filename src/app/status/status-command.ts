import type { TurnOrigin } from '../turn-origin';
import { renderStatusCard, type ConnectedWorkspaceView, type OpenRequestView, type StatusView } from '../../cards';
import { portalTurnsOff, rulesStillOff, snapshotRule } from '../../checks/approval-snapshot';
import { describeCallError, isAzureFailure, withDeadline } from '../../checks/describe-call-error';
import { samePerson, workspaceResourceId } from '../../workflow';
import { personOf } from '../turn-guards';
import type { AppContext } from '../context';
import { CONNECTED_OUTSIDE_THE_BOT } from '../disconnect/disconnect-card';
import { displayAge, displayTime } from '../display-time';
import { connectionsAsAzureShows, type TenantConnection } from '../model-connections';
import { rollbackView } from '../request-views';
import type { StoredRequest } from '../stored-request';
import type { Reply } from '../types';
import { auditEventViews } from './describe-audit-entry';
import { loadAuditSubject } from './load-audit-subject';

/** How many state changes `status` lists. */
const STATUS_EVENT_COUNT = 10;
/** How far back `status` looks for them (refused attempts in between are skipped). */
const STATUS_AUDIT_WINDOW = 500;
/** How long `status` waits for Azure when the bot has no record of a connection. */
const SIGNALS_DEADLINE_MS = 4_000;

/**
 * `status`, anywhere: the connected workspace (since when, by whom, approved by whom),
 * the open requests with state and age, and the last state changes; after a disconnect, what
 * to turn back on by hand until it is on again. Refused attempts are not state changes: they
 * are in `history`. Other people's drafts are private.
 */
export async function statusCommand(ctx: AppContext, origin: TurnOrigin): Promise<Reply[]> {
  const tenantId = origin.tenantId;
  const now = ctx.now();
  const multi = ctx.model.name === 'multi';
  // The multi model adds what Azure shows of connections made in the portal (several at once).
  const [shown, open, audit] = await Promise.all([
    connectionsAsAzureShows(ctx, tenantId),
    ctx.store.listOpenRequests(tenantId),
    ctx.store.listAudit(tenantId, STATUS_AUDIT_WINDOW),
  ]);
  const records = shown.connections;
  const caller = personOf(origin);
  const visible = open.filter((r) => r.state !== 'draft' || (caller !== null && samePerson(r.requester, caller)));
  const changes = audit.filter((a) => a.outcome === 'accepted').slice(0, STATUS_EVENT_COUNT);
  const connection = records.find((r) => r.role === 'primary') ?? records[0] ?? null;
  const secondaries = multi ? records.filter((r) => r !== connection).map((r) => connectedView(r, multi)) : [];
  const candidates = records.filter((r) => r.recognised === 'candidate').map((r) => r.workspace.name);
  const [recognised, rollback] = await Promise.all([
    connection ? ({ connected: connectedView(connection, multi), ...connectionsNote(candidates, shown.unread) } as Recognised) : recognisedConnection(ctx),
    connection ? undefined : pendingRollback(ctx, tenantId),
  ]);
  const connected = recognised.connected;
  const card = renderStatusCard({
    ...recognised,
    ...(secondaries.length > 0 ? { secondaries } : {}),
    openRequests: visible.map((r) => openRequestView(r, now)),
    recentEvents: await auditEventViews(changes, (id) => loadAuditSubject(ctx, id)),
    asOf: displayTime(now.toISOString()),
    // Nothing to turn back on while a workspace is connected (or may be).
    ...(rollback && !connected && !recognised.connectionNote ? { rollback } : {}),
  });
  const recorded = secondaries.length - candidates.length;
  const withSecondaries = multi
    ? ` as the primary, with ${recorded} secondary workspace${recorded === 1 ? '' : 's'}` +
      (candidates.length > 0 ? ` and ${candidates.length} more that Azure shows as secondar${candidates.length === 1 ? 'y' : 'ies'}` : '')
    : '';
  const summary = connected
    ? `Status: ${connected.workspaceName} is connected${withSecondaries}`
    : recognised.connectionNote
      ? 'Status: connection not known'
      : 'Status: no workspace connected';
  return [{ card: card, summary }];
}

function connectedView(c: TenantConnection, withRole = false): ConnectedWorkspaceView {
  if (c.recognised) {
    return {
      ...(withRole ? { role: c.role === 'secondary' ? 'Secondary' : 'Primary' } : {}),
      ...(c.recognised === 'candidate' ? { candidate: true } : {}),
      workspaceName: c.workspace.name,
      workspaceId: workspaceResourceId(c.workspace),
      since: CONNECTED_OUTSIDE_THE_BOT,
      connectedBy: 'Not recorded (outside the bot)',
    };
  }
  return {
    ...(withRole ? { role: c.role === 'secondary' ? 'Secondary' : 'Primary' } : {}),
    ...(withRole && c.primarySince ? { primarySince: displayTime(c.primarySince) } : {}),
    ...(withRole && c.primaryBy ? { primaryBy: c.primaryBy.name } : {}),
    workspaceName: c.workspace.name,
    workspaceId: workspaceResourceId(c.workspace),
    since: c.connectedAt ? displayTime(c.connectedAt) : CONNECTED_OUTSIDE_THE_BOT,
    connectedBy: c.connectedBy?.name ?? 'Not recorded',
    ...(c.approvedBy ? { approvedBy: c.approvedBy.name } : {}),
  };
}

/**
 * Beside the recorded connections: the secondary candidates Azure shows (not proof: a workspace
 * disconnected from the portal keeps a secondary's signals), or that Azure could not be read.
 */
function connectionsNote(candidates: string[], unread: string | undefined): { connectionNote?: string } {
  if (unread) return { connectionNote: `The bot could not check Azure for connections made in the portal (${unread}). Try \`status\` again in a minute.` };
  if (candidates.length === 0) return {};
  return {
    connectionNote:
      `Azure shows a secondary's signals for ${candidates.join(', ')}, which the bot has no record of: connected in the portal, or ` +
      `disconnected from it (both leave the same signals). System > Settings > Microsoft Sentinel > Workspaces in the Defender portal ` +
      `tells for sure. \`disconnect WORKSPACE\` and \`primary WORKSPACE\` work on them, \`connect WORKSPACE\` on one that is not connected.`,
  };
}

/** The connected workspace, or a note saying why it is not known. */
type Recognised = { connected?: ConnectedWorkspaceView; connectionNote?: string };

/**
 * Without a record, what Azure shows (a connection made in the portal). When Azure
 * cannot be read, or shows several candidates, the card says so instead of "none".
 */
async function recognisedConnection(ctx: AppContext): Promise<Recognised> {
  try {
    const found = await withDeadline(ctx.connectedWorkspaces.find(ctx.arm, ctx.graph), Date.now() + SIGNALS_DEADLINE_MS);
    if (found.length === 0) return {};
    if (found.length > 1) {
      return {
        connectionNote:
          `The bot has no record of a connection, and Azure shows several workspaces as connected: ` +
          `${found.map((w) => w.name).join(', ')}. Check System > Settings > Microsoft Sentinel > Workspaces in the Defender portal.`,
      };
    }
    return {
      connected: {
        workspaceName: found[0].name,
        workspaceId: workspaceResourceId(found[0]),
        since: CONNECTED_OUTSIDE_THE_BOT,
        connectedBy: 'Not recorded (outside the bot)',
      },
    };
  } catch (err) {
    if (!isAzureFailure(err)) throw err;
    ctx.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'status: connection signals unavailable');
    return {
      connectionNote: `The bot has no record of a connection and could not check Azure for one (${describeCallError(err)}). Try \`status\` again in a minute.`,
    };
  }
}

/**
 * The checklist of the tenant's latest verified disconnect, while any of its rules is still off
 * (read live): gone once they are all on again. Rules that cannot be read now keep the whole list,
 * saying so; a checklist the bot could not read at the disconnect becomes the rules off now.
 */
async function pendingRollback(ctx: AppContext, tenantId: string): Promise<StatusView['rollback']> {
  const disconnects = await ctx.store.listTenantRequests(tenantId, 'disconnect', ['completed']);
  const latest = disconnects
    .filter((r): r is StoredRequest & { state: 'completed' } => r.state === 'completed' && r.rollback !== undefined)
    .sort((a, b) => Date.parse(b.completedAt) - Date.parse(a.completedAt))[0];
  const checklist = latest?.rollback;
  if (!latest || !checklist || checklist.rules?.length === 0) return undefined;
  const base = { workspaceName: latest.workspace.name, disconnectedAt: displayTime(latest.completedAt) };
  try {
    const now = await withDeadline(ctx.arm.listAlertRules(latest.workspace), Date.now() + SIGNALS_DEADLINE_MS);
    const off = checklist.rules ? rulesStillOff(checklist.rules, now) : now.filter((r) => portalTurnsOff(r) && !r.enabled).map(snapshotRule);
    if (off.length === 0) return undefined;
    return { ...base, checklist: rollbackView({ ...checklist, rules: off, ...(checklist.rules ? {} : { source: 'current-state' }) }) };
  } catch (err) {
    if (!isAzureFailure(err)) throw err;
    return { ...base, checklist: rollbackView(checklist, `The bot could not read the rules just now (${describeCallError(err)}), so some may be on again.`) };
  }
}

const STATE_WORDS: Record<string, string> = {
  draft: 'Draft, not submitted',
  submitted: 'Waiting for approval',
  approved: 'Waiting for the portal step',
};

function openRequestView(r: StoredRequest, now: Date): OpenRequestView {
  const since = 'submittedAt' in r && r.submittedAt ? r.submittedAt : r.createdAt;
  return {
    kind: r.kind,
    workspaceName: r.workspace.name,
    state: `${STATE_WORDS[r.state] ?? r.state} (${r.requester.name})`,
    age: displayAge(since, now),
  };
}
