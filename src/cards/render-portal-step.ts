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

function steps(view: PortalStepView): StepData[] {
  const workspace = truncate(view.workspaceName, DISPLAY_LIMITS.workspaceName);
  const parts: StepParts[] =
    view.kind === 'connect'
      ? [
          ...(view.previewPath
            ? [['Open Investigation & response > Incidents and wait a few minutes (this tenant takes the preview path).'] as StepParts]
            : []),
          ['Open Overview and select Connect a workspace.'],
          ['Choose the workspace ', workspace, '.'],
          ['Review the product changes.'],
          ['Select Connect.'],
        ]
      : [
          ['Go to System > Settings > Microsoft Sentinel > Workspaces.'],
          ['Select ', workspace, ' and choose Disconnect workspace.'],
          present(view.reason) ? ['Give the reason: ', truncate(view.reason, DISPLAY_LIMITS.userText)] : ['Give the reason for the disconnect.'],
          ['Confirm.'],
        ];
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
  const connect = view.kind === 'connect';
  const last = view.lastVerification;
  const portalUrl = view.portalUrl ?? DEFENDER_PORTAL_URL;
  return expandCard('portal-step', {
    requestId: view.requestId,
    version: view.version,
    title: connect ? 'Connect the workspace in the Defender portal' : 'Disconnect the workspace in the Defender portal',
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
