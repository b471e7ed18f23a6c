import { describeApproverRequirement } from '../workflow';
import type { AdaptiveCard } from './adaptive-card';
import { requestNoun } from './kind-words';
import { checkSectionData, productChangesSectionData, type CheckSectionData, type ProductChangesSectionData } from './check-rows';
import { DISPLAY_LIMITS, factRows, present, truncate } from './display-text';
import { expandCard } from './load-template';
import type { ApprovalDecisionView, ApprovalView, ApproversView, RequestKindView } from './views';

const KIND_TEXT: Record<RequestKindView, string> = {
  connect: 'Connect to the Defender portal',
  disconnect: 'Disconnect from the Defender portal',
  primary: 'Make the primary workspace in the Defender portal',
};

const DECISION_LOOK: Record<ApprovalDecisionView['outcome'], { word: string; style: string; color: string }> = {
  approved: { word: 'Approved', style: 'good', color: 'Good' },
  rejected: { word: 'Rejected', style: 'attention', color: 'Attention' },
  cancelled: { word: 'Cancelled', style: 'warning', color: 'Warning' },
  expired: { word: 'Expired', style: 'warning', color: 'Warning' },
};

function title(view: ApprovalView): string {
  const noun = requestNoun(view.kind);
  if (!view.decision) return `Approval needed: ${noun.toLowerCase()}`;
  return `${noun} ${DECISION_LOOK[view.decision.outcome].word.toLowerCase()}`;
}

const EMPTY_CHECKS: CheckSectionData = { summary: '', summaryColor: 'Default', checks: [], checkedAt: '' };
const EMPTY_CHANGES: ProductChangesSectionData = {
  workspaceName: '',
  subscription: '',
  rulesIntro: '',
  rules: [],
  hasMoreRules: false,
  moreRulesText: '',
  previewPath: false,
  alertsText: '',
};

/** How many of the people who may decide the card names; the rest are counted. */
export const APPROVER_NAMES_SHOWN = 20;

/** The "Who may decide" section: the names, that there is nobody, or that the list could not be made. */
function approversData(view: ApprovalView, undecided: boolean) {
  const approvers: ApproversView | undefined = undecided ? view.approvers : undefined;
  const names = approvers?.status === 'listed' ? approvers.names : [];
  const shown = names.slice(0, APPROVER_NAMES_SHOWN).map((n) => truncate(n, DISPLAY_LIMITS.name));
  const more = names.length - shown.length;
  const refreshUserIds = approvers?.status === 'listed' ? approvers.refreshUserIds : [];
  return {
    showWho: approvers !== undefined,
    hasApproverNames: shown.length > 0,
    approverNamesText: shown.join(', '),
    hasMoreApprovers: more > 0,
    moreApproversText: more > 0 ? `…and ${more} more.` : '',
    noApprovers: approvers?.status === 'listed' && names.length === 0,
    noApproversText:
      approvers?.status === 'listed' && names.length === 0
        ? truncate(`Nobody but the requester holds the roles this request needs. ${describeApproverRequirement(view.kind)}`, DISPLAY_LIMITS.guidance)
        : '',
    approversUnknown: approvers?.status === 'unknown',
    approversUnknownText:
      approvers?.status === 'unknown'
        ? truncate(
            `The bot could not work out who may decide (${approvers.reason}). ` +
              'Anyone who holds the roles below may approve; the roles are checked at the click.',
            DISPLAY_LIMITS.guidance,
          )
        : '',
    hasRefresh: refreshUserIds.length > 0,
    refreshUserIds,
  };
}

const VIEWER_NOTE = {
  requester: 'You cannot approve your own request. Cancel request withdraws it.',
  other: 'Only the people named above may approve or reject it; the roles are checked at the click.',
} as const;

/**
 * The approval card in the SOC channel (`request.approve` / `request.reject`
 * with an optional `comment`), naming who may decide and, when they could be listed, with a
 * Universal Actions `refresh` (`request.refresh`) for them and the requester; with `viewer`, one
 * person's view of it; with `decision` set, the decided variant without inputs, buttons or refresh.
 */
export function renderApprovalCard(view: ApprovalView): AdaptiveCard {
  const isConnect = view.kind === 'connect' && view.readiness !== undefined && view.changes !== undefined;
  const decision = view.decision;
  const look = decision ? DECISION_LOOK[decision.outcome] : undefined;
  const undecided = decision === undefined;
  const viewer = undecided ? view.viewer : undefined;
  const card = expandCard('approval', {
    requestId: view.requestId,
    version: view.version,
    title: title(view),
    titleColor: look ? look.color : 'Default',
    facts: factRows([
      ['Requested by', view.requester, DISPLAY_LIMITS.name],
      ['Request', KIND_TEXT[view.kind], DISPLAY_LIMITS.title],
      ['Workspace', view.workspaceName, DISPLAY_LIMITS.workspaceName],
      ['Resource id', view.workspaceId, DISPLAY_LIMITS.resourceId, 'id'],
      ['Requested at', view.requestedAt, DISPLAY_LIMITS.shortWord],
    ]),
    isConnect,
    ...(isConnect && view.readiness ? checkSectionData(view.readiness) : EMPTY_CHECKS),
    ...(isConnect && view.changes ? productChangesSectionData(view.workspaceName, view.changes) : EMPTY_CHANGES),
    hasReason: view.kind === 'disconnect' && present(view.reason),
    reason: truncate(view.reason, DISPLAY_LIMITS.userText),
    approverRolesText: truncate(present(view.approverRoles) ? view.approverRoles : describeApproverRequirement(view.kind), DISPLAY_LIMITS.line),
    decided: decision !== undefined,
    decisionStyle: look ? look.style : 'default',
    decisionWord: look ? look.word : '',
    hasDecidedBy: present(decision?.decidedBy),
    decidedBy: truncate(decision?.decidedBy, DISPLAY_LIMITS.name),
    decidedAt: truncate(decision?.decidedAt, DISPLAY_LIMITS.shortWord),
    hasComment: present(decision?.comment),
    comment: truncate(decision?.comment, DISPLAY_LIMITS.userText),
    ...approversData(view, undecided),
    showDecide: undecided && (viewer === undefined || viewer === 'approver'),
    showState: viewer === 'requester' || viewer === 'other',
    stateText: truncate(present(view.stateText) ? `This request is ${view.stateText}.` : '', DISPLAY_LIMITS.line),
    viewerNote: viewer === 'requester' || viewer === 'other' ? VIEWER_NOTE[viewer] : '',
    showCancel: viewer === 'requester',
  });
  // A card without a refresh has no refresh property (the template leaves null).
  if (card.refresh === null || card.refresh === undefined) delete card.refresh;
  return card;
}
