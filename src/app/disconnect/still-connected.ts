import { readConnectionSignals } from '../../checks/connection-signals';
import { isAzureFailure } from '../../checks/describe-call-error';
import { formatWorkspace, sameWorkspace } from '../../workflow';
import type { AppContext } from '../context';
import { connectionsAsAzureShows } from '../model-connections';
import type { StoredRequest } from '../stored-request';

/**
 * Whether a disconnect draft is still worth submitting: its workspace is still the
 * connected one (by the bot's record, or by Azure when there is no record). Without
 * this, a workspace disconnected meanwhile would be "verified" at once. When Azure
 * cannot be read the submit goes ahead: verification reads the signals again.
 */
export async function disconnectStillNeeded(ctx: AppContext, request: StoredRequest): Promise<{ ok: true } | { ok: false; message: string }> {
  if (request.workspaceModel === 'multi') {
    // The records and what Azure shows (connected in the portal); unread, the submit goes ahead.
    const { connections, unread } = await connectionsAsAzureShows(ctx, request.tenantId);
    if (unread || connections.some((r) => sameWorkspace(r.workspace, request.workspace))) return { ok: true };
    if (connections.length > 0) {
      return {
        ok: false,
        message: `${formatWorkspace(request.workspace)} is no longer connected to the Defender portal. Type \`status\` to see the connections.`,
      };
    }
  }
  const record = await ctx.store.getConnection(request.tenantId);
  if (record) {
    if (sameWorkspace(record.workspace, request.workspace)) return { ok: true };
    return {
      ok: false,
      message: `${formatWorkspace(request.workspace)} is no longer the connected workspace; ${formatWorkspace(record.workspace)} is. Run \`disconnect\` again.`,
    };
  }
  try {
    const signals = await readConnectionSignals(ctx.arm, ctx.graph, request.workspace);
    if (signals.connectorIncidentsOn) return { ok: true };
  } catch (err) {
    if (!isAzureFailure(err)) throw err;
    return { ok: true };
  }
  return {
    ok: false,
    message:
      `${formatWorkspace(request.workspace)} is no longer connected to the Defender portal, so there is nothing to disconnect. Type \`status\` ` +
      `to see the current state.`,
  };
}
