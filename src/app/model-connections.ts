import { checksFor } from '../checks/model-checks';
import type { PrerequisiteCheck } from '../checks/prerequisite-checks';
import type { ConnectionRecord } from '../store/store';
import type { WorkspaceConnection, WorkspaceRole } from '../workflow';
import type { AppContext } from './context';

/** The tenant's recorded connections, each with its role (the primary first). */
export async function tenantConnections(ctx: AppContext, tenantId: string): Promise<(ConnectionRecord & { role: WorkspaceRole })[]> {
  return ctx.store.listConnections(tenantId);
}

/** The connections as the workspace model reads them. */
export const asModelConnections = (records: (ConnectionRecord & { role: WorkspaceRole })[]): WorkspaceConnection[] =>
  records.map((r) => ({ workspace: r.workspace, role: r.role }));

/** The checks of a connect that gives its workspace `role`, under the bot's model (absent: the default list). */
export async function connectChecksFor(ctx: AppContext, tenantId: string, role: WorkspaceRole | undefined): Promise<{ checks?: PrerequisiteCheck[] }> {
  if (ctx.model.name === 'single') return {};
  const primary = (await ctx.store.listConnections(tenantId)).find((c) => c.role === 'primary')?.workspace ?? null;
  const checks = checksFor(ctx.model, role ?? 'primary', primary);
  return checks ? { checks } : {};
}
