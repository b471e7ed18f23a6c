import { CARD_VERBS, type CardVerb } from '../../cards';
import { workspaceSelectAction } from '../connect/workspace-select-action';
import { disconnectReasonAction } from '../disconnect/reason-action';
import { cancelAction } from '../request-actions/cancel-action';
import { decideAction } from '../request-actions/decide-action';
import { refreshAction } from '../request-actions/refresh-action';
import { submitAction } from '../request-actions/submit-action';
import { verifyAction } from '../request-actions/verify-action';
import type { CardActionHandler } from './define-action';

/**
 * Every card verb of the contract and what handles it. Typed by CardVerb: a verb added to
 * CARD_VERBS does not compile until it has a handler (and a schema in ACTION_DATA).
 */
export const CARD_ACTIONS: { readonly [V in CardVerb]: CardActionHandler } = {
  'workspace.select': workspaceSelectAction,
  'request.submit': submitAction,
  'request.cancel': cancelAction,
  'request.approve': decideAction('approve'),
  'request.reject': decideAction('reject'),
  'request.refresh': refreshAction,
  'connection.verify': verifyAction,
  'disconnect.submit': disconnectReasonAction,
};

const VERBS: readonly string[] = Object.values(CARD_VERBS);

/** Whether a verb a client sent is one of the contract's. */
export function isCardVerb(verb: string): verb is CardVerb {
  return VERBS.includes(verb);
}
