import type { WorkspaceRef } from '../../azure/ports';
import { portalTurnsOff, snapshotRule, type SnapshotRule } from '../../checks/approval-snapshot';
import { isAzureFailure, withDeadline } from '../../checks/describe-call-error';
import type { ConnectionRecord } from '../../store/store';
import type { WorkspaceRole } from '../../workflow';
import type { AppContext } from '../context';
import type { RollbackChecklist, StoredRequest } from '../stored-request';

/** How long a disconnect waits for the workspace's rules when it has no snapshot to go by. */
const RULES_DEADLINE_MS = 4_000;

/**
 * The rules a connect request's connection turned off: what the portal was seen to turn off at
 * verification, else what was enabled at approval, else what the requester saw at submit.
 */
export function rulesConnectingTurnedOff(connect: StoredRequest): SnapshotRule[] | undefined {
  if (connect.portalTurnedOff) return connect.portalTurnedOff.rules;
  const enabled = connect.approvalSnapshot?.rulesEnabled;
  if (enabled) return enabled.filter(portalTurnsOff);
  const impact = connect.readiness?.productChanges.impact;
  if (impact?.fusionRules && impact.incidentCreationRules) return [...impact.fusionRules, ...impact.incidentCreationRules];
  return undefined;
}

/**
 * What to turn back on by hand after disconnecting `workspace`: from the connect request that
 * made the connection (the connection record names it), or, for a connection made outside the
 * bot, the Fusion and Microsoft incident creation rules that are off now. Rules that cannot be
 * read leave the list unknown (null), never empty.
 */
export async function rollbackChecklist(
  ctx: AppContext,
  workspace: WorkspaceRef,
  connection: ConnectionRecord | null,
  role?: WorkspaceRole,
): Promise<RollbackChecklist> {
  const at = ctx.now().toISOString();
  const of = role === 'secondary' ? { secondary: true as const } : {};
  const connect = connection?.requestId ? await ctx.store.getRequest(connection.requestId) : null;
  const fromSnapshot = connect ? rulesConnectingTurnedOff(connect) : undefined;
  if (fromSnapshot) return { source: 'snapshot', rules: fromSnapshot, at, ...of };
  try {
    const rules = await withDeadline(ctx.arm.listAlertRules(workspace), Date.now() + RULES_DEADLINE_MS);
    return { source: 'current-state', rules: rules.filter((r) => portalTurnsOff(r) && !r.enabled).map(snapshotRule), at, ...of };
  } catch (err) {
    if (!isAzureFailure(err)) throw err;
    return { source: 'current-state', rules: null, at, ...of };
  }
}
