import type { AdaptiveCard } from './adaptive-card';
import { DISPLAY_LIMITS, factRows, truncate } from './display-text';
import { expandCard } from './load-template';
import { rollbackSectionData } from './rollback-rows';
import type { DisconnectView } from './views';

/**
 * The disconnect card: what disconnecting means (the Defender XDR connector goes off too, and what
 * connecting turned off must be turned back on by hand) and the required `reason`, submitted with
 * `disconnect.submit`.
 */
export function renderDisconnectCard(view: DisconnectView): AdaptiveCard {
  return expandCard('disconnect', {
    requestId: view.requestId,
    version: view.version,
    facts: factRows([
      ['Workspace', view.workspaceName, DISPLAY_LIMITS.workspaceName],
      ['Resource id', view.workspaceId, DISPLAY_LIMITS.resourceId, 'id'],
      ['Connected since', view.connectedSince, DISPLAY_LIMITS.shortWord],
      ['Connected by', view.connectedBy, DISPLAY_LIMITS.name],
    ]),
    reasonDraft: truncate(view.reasonDraft, DISPLAY_LIMITS.userText),
    ...rollbackSectionData(view.rollback, 'before'),
  });
}
