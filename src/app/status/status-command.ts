import type { TurnOrigin } from '../turn-origin';
import { renderStatusCard, type ConnectedWorkspaceView, type OpenRequestView } from '../../cards';
import { describeCallError, isAzureFailure, withDeadline } from '../../checks/describe-call-error';
import { findConnectedWorkspaces } from '../../checks/find-connected-workspaces';
import type { ConnectionRecord } from '../../store/store';
import { samePerson, workspaceResourceId } from '../../workflow';
import { personOf } from '../turn-guards';
import type { AppContext } from '../context';
import { CONNECTED_OUTSIDE_THE_BOT } from '../disconnect/disconnect-card';
import { displayAge, displayTime } from '../display-time';
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
 * the open requests with state and age, and the last state changes. Refused attempts
 * are not state changes: they are in `history`. Other people's drafts are private.
 */
export async function statusCommand(ctx: AppContext, origin: TurnOrigin): Promise<Reply[]> {
  const tenantId = origin.tenantId;
  const now = ctx.now();
  const [connection, open, audit] = await Promise.all([
    ctx.store.getConnection(tenantId),
    ctx.store.listOpenRequests(tenantId),
    ctx.store.listAudit(tenantId, STATUS_AUDIT_WINDOW),
  ]);
  const caller = personOf(origin);
  const visible = open.filter((r) => r.state !== 'draft' || (caller !== null && samePerson(r.requester, caller)));
  const changes = audit.filter((a) => a.outcome === 'accepted').slice(0, STATUS_EVENT_COUNT);
  const recognised = connection ? { connected: connectedView(connection) } : await recognisedConnection(ctx);
  const connected = recognised.connected;
  const card = renderStatusCard({
    ...recognised,
    openRequests: visible.map((r) => openRequestView(r, now)),
    recentEvents: await auditEventViews(changes, (id) => loadAuditSubject(ctx, id)),
    asOf: displayTime(now.toISOString()),
  });
  const summary = connected
    ? `Status: ${connected.workspaceName} is connected`
    : recognised.connectionNote
      ? 'Status: connection not known'
      : 'Status: no workspace connected';
  return [{ card: card, summary }];
}

function connectedView(c: ConnectionRecord): ConnectedWorkspaceView {
  return {
    workspaceName: c.workspace.name,
    workspaceId: workspaceResourceId(c.workspace),
    since: displayTime(c.connectedAt),
    connectedBy: c.connectedBy?.name ?? 'Not recorded',
    ...(c.approvedBy ? { approvedBy: c.approvedBy.name } : {}),
  };
}

/**
 * Without a record, what Azure shows (a connection made in the portal). When Azure
 * cannot be read, or shows several candidates, the card says so instead of "none".
 */
async function recognisedConnection(ctx: AppContext): Promise<{ connected?: ConnectedWorkspaceView; connectionNote?: string }> {
  try {
    const found = await withDeadline(findConnectedWorkspaces(ctx.arm, ctx.graph, ctx.config.azureTenantId ?? undefined), Date.now() + SIGNALS_DEADLINE_MS);
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
