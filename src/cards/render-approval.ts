import { describeApproverRequirement } from '../workflow';
import type { AdaptiveCard } from './adaptive-card';
import { requestNoun } from './kind-words';
import { checkSectionData, productChangesSectionData, type CheckSectionData, type ProductChangesSectionData } from './check-rows';
import { DISPLAY_LIMITS, factRows, present, truncate } from './display-text';
import { expandCard } from './load-template';
import type { ApprovalDecisionView, ApprovalView, RequestKindView } from './views';

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
};

/**
 * The approval card in the SOC channel (`request.approve` / `request.reject`
 * with an optional `comment`); with `decision` set, the decided variant without
 * inputs or buttons.
 */
export function renderApprovalCard(view: ApprovalView): AdaptiveCard {
  const isConnect = view.kind === 'connect' && view.readiness !== undefined && view.changes !== undefined;
  const decision = view.decision;
  const look = decision ? DECISION_LOOK[decision.outcome] : undefined;
  return expandCard('approval', {
    requestId: view.requestId,
    version: view.version,
    title: title(view),
    titleColor: look ? look.color : 'Default',
    facts: factRows([
      ['Requested by', view.requester, DISPLAY_LIMITS.name],
      ['Request', KIND_TEXT[view.kind], DISPLAY_LIMITS.title],
      ['Workspace', view.workspaceName, DISPLAY_LIMITS.workspaceName],
      ['Resource id', view.workspaceId, DISPLAY_LIMITS.resourceId],
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
  });
}
