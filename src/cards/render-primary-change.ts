import type { AdaptiveCard } from './adaptive-card';
import { DISPLAY_LIMITS, factRows, truncate } from './display-text';
import { expandCard } from './load-template';

/** What the primary-change card shows: the workspaces and what moves. */
export interface PrimaryChangeView {
  requestId: string;
  version: number;
  workspaceName: string;
  workspaceId: string;
  currentPrimary: string;
}

/**
 * The product changes of making a secondary the primary, with `request.submit` ("Send for
 * approval") and `request.cancel`: the Defender XDR connector moves, one workspace gains the
 * Defender XDR data and the other loses it ("Multiple Microsoft Sentinel workspaces in the Defender portal").
 */
export function renderPrimaryChangeCard(view: PrimaryChangeView): AdaptiveCard {
  const ws = truncate(view.workspaceName, DISPLAY_LIMITS.workspaceName);
  const old = truncate(view.currentPrimary, DISPLAY_LIMITS.workspaceName);
  return expandCard('primary-change', {
    requestId: view.requestId,
    version: view.version,
    workspaceName: ws,
    facts: factRows([
      ['New primary', view.workspaceName, DISPLAY_LIMITS.workspaceName],
      ['Resource id', view.workspaceId, DISPLAY_LIMITS.resourceId, 'id'],
      ['Current primary', view.currentPrimary, DISPLAY_LIMITS.workspaceName],
    ]),
    changes: [
      `The Defender XDR connector (incidents and alerts) moves from ${old} to ${ws}: ` +
        'the portal connects it to the new primary and disconnects it from the former one.',
      `${ws} gains the Defender XDR incidents and alerts and their correlation with its own alerts.`,
      `${old} becomes a secondary and loses them: its analytics rules and automation based on Defender XDR data no longer work.`,
      'The approver does the step in the Defender portal: System > Settings > Microsoft Sentinel > Workspaces, then Set as primary.',
    ].map((line) => ({ line })),
  });
}
