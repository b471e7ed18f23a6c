import type { AdaptiveCard } from './adaptive-card';
import { DISPLAY_LIMITS, factRows, truncate } from './display-text';
import { expandCard } from './load-template';
import { rollbackSectionData } from './rollback-rows';
import type { DisconnectConfirmView } from './views';

/** Shows the disconnect reason back and what happens; `request.submit` ("Send for approval") or `request.cancel`. */
export function renderDisconnectConfirmCard(view: DisconnectConfirmView): AdaptiveCard {
  return expandCard('disconnect-confirm', {
    requestId: view.requestId,
    version: view.version,
    facts: factRows([
      ['Workspace', view.workspaceName, DISPLAY_LIMITS.workspaceName],
      ['Resource id', view.workspaceId, DISPLAY_LIMITS.resourceId, 'id'],
    ]),
    reason: truncate(view.reason, DISPLAY_LIMITS.userText),
    ...rollbackSectionData(view.rollback, 'before'),
  });
}
