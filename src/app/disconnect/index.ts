import type { ApplicationParts } from '../create-application';
import { disconnectCommand } from './disconnect-command';
import { disconnectReasonAction } from './reason-action';

/**
 * The disconnect flow's own parts. Submit, approve/reject, the portal step and its
 * verification are shared with connect (`connectParts`).
 */
export const disconnectParts: ApplicationParts = {
  commands: {
    disconnect: (ctx, origin, argument) => disconnectCommand(ctx, origin, argument),
  },
  actions: {
    'disconnect.submit': disconnectReasonAction,
  },
};
