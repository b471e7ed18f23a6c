import { renderDisconnectCard, renderDisconnectConfirmCard } from '../../cards';
import type { ConnectionRecord, Json } from '../../store/store';
import { workspaceResourceId } from '../../workflow';
import { displayTime } from '../display-time';
import { rollbackView } from '../request-views';
import type { RollbackChecklist, StoredRequest } from '../stored-request';

/** Shown as "Connected since" when the connection was made outside the bot. */
export const CONNECTED_OUTSIDE_THE_BOT = 'Not recorded (connected in the portal)';

/** A draft stored before drafts had a checklist: still warned about the connector, and told to check the rules by hand. */
const checklistOf = (request: StoredRequest): RollbackChecklist => request.rollback ?? { source: 'current-state', rules: null, at: request.createdAt };

/** The disconnect card of a draft: the workspace, what disconnecting means, the `reason` input. */
export function disconnectCard(request: StoredRequest, connection: ConnectionRecord | null, reasonDraft?: string): Json {
  return renderDisconnectCard({
    requestId: request.id,
    version: request.version,
    workspaceName: request.workspace.name,
    workspaceId: workspaceResourceId(request.workspace),
    connectedSince: connection?.connectedAt ? displayTime(connection.connectedAt) : CONNECTED_OUTSIDE_THE_BOT,
    ...(connection?.connectedBy ? { connectedBy: connection.connectedBy.name } : {}),
    ...(reasonDraft !== undefined ? { reasonDraft } : {}),
    rollback: rollbackView(checklistOf(request)),
  });
}

/** The confirmation that shows the reason back, with `request.submit` and `request.cancel`. */
export function disconnectConfirmCard(request: StoredRequest): Json {
  return renderDisconnectConfirmCard({
    requestId: request.id,
    version: request.version,
    workspaceName: request.workspace.name,
    workspaceId: workspaceResourceId(request.workspace),
    reason: request.reason ?? '',
    rollback: rollbackView(checklistOf(request)),
  });
}
