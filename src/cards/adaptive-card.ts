/** An Adaptive Card as JSON, ready to send as an attachment or invoke response. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: string;
  body: unknown[];
  actions?: unknown[];
  [property: string]: unknown;
}

/** The `Action.Execute` verbs of contracts/conversation.md, exactly. */
export const CARD_VERBS = {
  workspaceSelect: 'workspace.select',
  requestSubmit: 'request.submit',
  requestCancel: 'request.cancel',
  requestApprove: 'request.approve',
  requestReject: 'request.reject',
  /** The Universal Actions refresh of the approval card (each person's own view). */
  requestRefresh: 'request.refresh',
  connectionVerify: 'connection.verify',
  disconnectSubmit: 'disconnect.submit',
} as const;

export type CardVerb = (typeof CARD_VERBS)[keyof typeof CARD_VERBS];

/** Input ids of contracts/conversation.md, exactly. */
export const CARD_INPUT_IDS = {
  workspace: 'workspace',
  comment: 'comment',
  reason: 'reason',
} as const;

/** The Defender portal's home page in the public cloud, where the approver performs the step (AZURE_CLOUD may name another). */
export const DEFENDER_PORTAL_URL = 'https://security.microsoft.com/homepage';
