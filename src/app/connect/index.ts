import type { ApplicationParts } from '../create-application';
import { cancelAction } from './cancel-action';
import { checkCommand } from './check-command';
import { connectCommand } from './connect-command';
import { decideAction } from './decide-action';
import { submitAction } from './submit-action';
import { verifyAction } from './verify-action';
import { workspaceSelectAction } from './workspace-select-action';

/** The connect flow: commands and card actions. */
export const connectParts: ApplicationParts = {
  commands: {
    connect: (ctx, origin, argument) => connectCommand(ctx, origin, argument),
    check: (ctx, origin, argument) => checkCommand(ctx, origin, argument),
  },
  actions: {
    'workspace.select': workspaceSelectAction,
    'request.submit': submitAction,
    'request.cancel': cancelAction,
    'request.approve': (ctx, origin, action) => decideAction(ctx, origin, action, 'approve'),
    'request.reject': (ctx, origin, action) => decideAction(ctx, origin, action, 'reject'),
    'connection.verify': verifyAction,
  },
};

export { createVerificationPoller } from './verification-poller';
