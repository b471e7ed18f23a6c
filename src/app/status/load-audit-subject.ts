import type { AppContext } from '../context';
import type { AuditSubject } from './describe-audit-entry';

/** The kind and workspace of an audited request, or null when it is gone. */
export async function loadAuditSubject(ctx: AppContext, requestId: string): Promise<AuditSubject | null> {
  const request = await ctx.store.getRequest(requestId);
  return request ? { kind: request.kind, workspaceName: request.workspace.name } : null;
}
