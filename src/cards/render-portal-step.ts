import { DEFENDER_PORTAL_URL, type AdaptiveCard } from './adaptive-card';
import { DISPLAY_LIMITS, factRows, present, truncate } from './display-text';
import { expandCard } from './load-template';
import type { NoticeStyle, PortalStepView } from './views';

interface StepData {
  number: number;
  text: string;
  detail: string;
  hasDetail: boolean;
  after: string;
  hasAfter: boolean;
}

type StepParts = [text: string, detail?: string, after?: string];

/** The numbered steps in the Defender portal, by request kind (the role matters in the multi-workspace model). */
const STEPS: Record<PortalStepView['kind'], (view: PortalStepView, workspace: string) => StepParts[]> = {
  connect: (view, workspace) => [
    ...(view.previewPath ? [['Open Investigation & response > Incidents and wait a few minutes (this tenant takes the preview path).'] as StepParts] : []),
    ['Go to System > Settings > Microsoft Sentinel and select Connect a workspace.'],
    ['Choose the workspace ', workspace, '.'],
    ...(view.role === 'secondary'
      ? [['Leave the current primary as it is: ', workspace, ' joins as a secondary workspace.'] as StepParts]
      : view.role === 'primary'
        ? [['Select ', workspace, ' as the primary workspace.'] as StepParts]
        : []),
    ['Review the product changes.'],
    ['Select Connect.'],
  ],
  disconnect: (view, workspace) => [
    ['Go to System > Settings > Microsoft Sentinel > Workspaces.'],
    ['Select ', workspace, ' and choose Disconnect workspace.'],
    present(view.reason) ? ['Give the reason: ', truncate(view.reason, DISPLAY_LIMITS.userText)] : ['Give the reason for the disconnect.'],
    ['Confirm.'],
    ...(view.role === 'secondary'
      ? [["Then select Check now: Azure shows nothing of a secondary workspace's disconnect, so you confirm it."] as StepParts]
      : []),
  ],
  primary: (_view, workspace) => [
    ['Go to System > Settings > Microsoft Sentinel > Workspaces.'],
    ['Select ', workspace, ' and choose Set as primary.'],
    ['Confirm: the Defender XDR connector moves to it from the former primary.'],
  ],
};

const TITLE: Record<PortalStepView['kind'], string> = {
  connect: 'Connect the workspace in the Defender portal',
  disconnect: 'Disconnect the workspace in the Defender portal',
  primary: 'Make the workspace the primary in the Defender portal',
};

function steps(view: PortalStepView): StepData[] {
  const workspace = truncate(view.workspaceName, DISPLAY_LIMITS.workspaceName);
  const parts: StepParts[] = STEPS[view.kind](view, workspace);
  return parts.map(([text, detail = '', after = ''], i) => ({
    number: i + 1,
    text,
    detail,
    hasDetail: detail !== '',
    after,
    hasAfter: after !== '',
  }));
}

const STYLE: Record<NoticeStyle, string> = { default: 'emphasis', good: 'good', warning: 'warning', attention: 'attention' };

/**
 * The approver's portal step: numbered steps, the portal link, "Open the
 * Defender portal" and `connection.verify` ("Check now"), and the last verification.
 */
export function renderPortalStepCard(view: PortalStepView): AdaptiveCard {
  const last = view.lastVerification;
  const portalUrl = view.portalUrl ?? DEFENDER_PORTAL_URL;
  return expandCard('portal-step', {
    requestId: view.requestId,
    version: view.version,
    title: view.role === 'secondary' && view.kind === 'connect' ? 'Connect the secondary workspace in the Defender portal' : TITLE[view.kind],
    intro: 'The portal has no API for this step: do it in the Defender portal, and the bot verifies it from Azure.',
    facts: factRows([
      ['Workspace', view.workspaceName, DISPLAY_LIMITS.workspaceName],
      ['Resource id', view.workspaceId, DISPLAY_LIMITS.resourceId, 'id'],
    ]),
    steps: steps(view),
    portalUrl,
    portalLink: `[${portalUrl}](${portalUrl})`,
    pollText: `The bot also checks every ${Math.max(1, Math.round(view.pollIntervalSeconds))} seconds.`,
    hasLastVerification: last !== undefined && present(last.text),
    lastVerificationStyle: STYLE[last?.style ?? 'default'] ?? 'emphasis',
    lastVerificationAtText: present(last?.at) ? ` (${truncate(last.at, DISPLAY_LIMITS.shortWord)}): ` : ': ',
    lastVerificationText: truncate(last?.text, DISPLAY_LIMITS.line),
  });
}
