import type { WorkspaceRef } from '../../azure/ports';
import { readConnectionSignals, type ConnectionSignals } from '../../checks/connection-signals';
import { describeCallError, isAzureFailure } from '../../checks/describe-call-error';
import { findConnectedWorkspaces } from '../../checks/find-connected-workspaces';
import type { ConnectionRecord } from '../../store/store';
import { formatWorkspace, refuse, sameWorkspace, type Refusal, type WorkspaceConnection, type WorkspaceRole } from '../../workflow';
import type { AppContext } from '../context';
import { asModelConnections, connectionsAsAzureShows } from '../model-connections';
import { resolveWorkspace } from '../resolve-workspace';

/**
 * The workspace a `disconnect` is about. `connection` is the bot's record, or null
 * when the workspace was recognised from Azure signals (connected in the portal
 * before the bot was installed).
 */
export type DisconnectTarget =
  /** `connections`: the multi model's, as Azure shows them (records and recognised); `role`: the workspace's there. */
  | { ok: true; workspace: WorkspaceRef; connection: ConnectionRecord | null; connections?: WorkspaceConnection[]; role?: WorkspaceRole }
  /** `refusal` is set when the answer is a business-rule refusal (audited); absent for lookup problems. */
  | { ok: false; title: string; message: string; refusal?: Refusal };

/**
 * Finds what to disconnect: the bot's record first; without one, the workspace the
 * argument names if Azure shows it connected, or the single workspace Azure shows
 * connected (several → ask which one; never guess).
 */
export async function findDisconnectTarget(ctx: AppContext, tenantId: string, argument: string): Promise<DisconnectTarget> {
  const typed = argument.trim();
  if (ctx.model.name === 'multi') return multiTarget(ctx, tenantId, typed);
  const record = await ctx.store.getConnection(tenantId);
  if (record) {
    if (typed === '') return { ok: true, workspace: record.workspace, connection: record };
    const resolved = await resolveWorkspace(ctx.arm, typed);
    if (!resolved.ok) return { ok: false, title: 'Which workspace?', message: resolved.message };
    // A workspace other than the recorded one is refused by the one-at-a-time policy, naming both.
    return { ok: true, workspace: resolved.workspace, connection: record };
  }
  if (typed !== '') return recognisedByArgument(ctx, typed);
  return recognisedBySignals(ctx);
}

/**
 * The multi model: the workspace typed, else the primary; the connections are the records and what
 * Azure shows (connected in the portal), and the workspace model refuses one that is not connected.
 */
async function multiTarget(ctx: AppContext, tenantId: string, typed: string): Promise<DisconnectTarget> {
  const [shown, resolved] = await Promise.all([
    connectionsAsAzureShows(ctx, tenantId),
    typed === '' ? Promise.resolve(null) : resolveWorkspace(ctx.arm, typed),
  ]);
  if (resolved && !resolved.ok) return { ok: false, title: 'Which workspace?', message: resolved.message };
  const { connections, unread } = shown;
  const workspace = resolved ? resolved.workspace : connections.find((c) => c.role === 'primary')?.workspace;
  const own = workspace ? connections.find((c) => sameWorkspace(c.workspace, workspace)) : undefined;
  if (unread && !own) {
    return {
      ok: false,
      title: 'Could not check the connection',
      message: `Azure did not answer when the bot looked for the connected workspaces (${unread}). Try again in a minute.`,
    };
  }
  if (!workspace) {
    return {
      ok: false,
      title: 'Nothing to disconnect',
      message: 'No workspace is connected to the Defender portal: the bot has no record of one, and Azure shows none. Type `connect` to connect one.',
      refusal: refuse('nothing_connected', 'No workspace is connected to the Defender portal.'),
    };
  }
  return {
    ok: true,
    workspace,
    connection: own && !own.recognised ? own : null,
    connections: asModelConnections(connections),
    ...(own ? { role: own.role } : {}),
  };
}

async function recognisedByArgument(ctx: AppContext, typed: string): Promise<DisconnectTarget> {
  const resolved = await resolveWorkspace(ctx.arm, typed);
  if (!resolved.ok) return { ok: false, title: 'Which workspace?', message: resolved.message };
  try {
    const signals = await readConnectionSignals(ctx.arm, ctx.graph, resolved.workspace);
    if (connectedOutsideTheBot(signals)) return { ok: true, workspace: resolved.workspace, connection: null };
  } catch (err) {
    if (!isAzureFailure(err)) throw err;
    return {
      ok: false,
      title: 'Could not check the connection',
      message: `Azure did not answer when the bot checked whether ${resolved.workspace.name} is connected (${describeCallError(err)}). Try again in a minute.`,
    };
  }
  return {
    ok: false,
    title: 'Nothing to disconnect',
    message:
      `${formatWorkspace(resolved.workspace)} is not connected to the Defender portal: the bot has no record of a connection, and Azure does ` +
      `not show one (its Defender XDR connector does not create incidents for the portal). Type \`status\` to see the current state.`,
    refusal: refuse('nothing_connected', `${formatWorkspace(resolved.workspace)} is not connected to the Defender portal.`),
  };
}

async function recognisedBySignals(ctx: AppContext): Promise<DisconnectTarget> {
  let found;
  try {
    found = await findConnectedWorkspaces(ctx.arm, ctx.graph, ctx.config.azureTenantId ?? undefined);
  } catch (err) {
    if (!isAzureFailure(err)) throw err;
    return {
      ok: false,
      title: 'Could not check the connection',
      message:
        `Azure did not answer when the bot looked for the connected workspace (${describeCallError(err)}). Try again in a minute, or type ` +
        `\`disconnect WORKSPACE\`.`,
    };
  }
  if (found.length === 1) {
    const w = found[0];
    return { ok: true, workspace: { subscriptionId: w.subscriptionId, resourceGroup: w.resourceGroup, name: w.name }, connection: null };
  }
  if (found.length > 1) {
    return {
      ok: false,
      title: 'Which workspace?',
      message:
        `Azure shows several workspaces as connected to the Defender portal: ${found.map(formatWorkspace).join(', ')}. Type \`disconnect ` +
        `WORKSPACE\` with the one to disconnect.`,
    };
  }
  return {
    ok: false,
    title: 'Nothing to disconnect',
    message: 'No workspace is connected to the Defender portal: the bot has no record of one, and Azure shows none. Type `connect` to connect one.',
    refusal: refuse('nothing_connected', 'No workspace is connected to the Defender portal.'),
  };
}

/** A connection made outside the bot, as the sandbox contract defines it: all three signals. */
function connectedOutsideTheBot(s: ConnectionSignals): boolean {
  return s.appsHaveContributor && s.incidentRulesDisabled && s.connectorIncidentsOn;
}
