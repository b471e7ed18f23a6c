import { renderDisconnectCard, renderDisconnectConfirmCard } from '../../cards';
import type { ConnectionRecord, Json } from '../../store/store';
import { workspaceResourceId } from '../../workflow';
import { displayTime } from '../display-time';
import type { StoredRequest } from '../stored-request';

/** Shown as "Connected since" when the connection was made outside the bot. */
export const CONNECTED_OUTSIDE_THE_BOT = 'Not recorded (connected in the portal)';

/** The disconnect card of a draft: the workspace, what disconnecting means, the `reason` input. */
export function disconnectCard(request: StoredRequest, connection: ConnectionRecord | null, reasonDraft?: string): Json {
  return renderDisconnectCard({
    requestId: request.id,
    version: request.version,
    workspaceName: request.workspace.name,
    workspaceId: workspaceResourceId(request.workspace),
    connectedSince: connection ? displayTime(connection.connectedAt) : CONNECTED_OUTSIDE_THE_BOT,
    ...(connection?.connectedBy ? { connectedBy: connection.connectedBy.name } : {}),
    ...(reasonDraft !== undefined ? { reasonDraft } : {}),
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
  });
}
