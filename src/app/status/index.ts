import { cancelCommand } from '../cancel/cancel-command';
import type { ApplicationParts } from '../create-application';
import { historyCommand } from './history-command';
import { statusCommand } from './status-command';

/** `status` (anywhere), `history [n]` and `cancel` (1:1). */
export const statusParts: ApplicationParts = {
  commands: {
    status: (ctx, origin) => statusCommand(ctx, origin),
    history: (ctx, origin, argument) => historyCommand(ctx, origin, argument),
    cancel: (ctx, origin) => cancelCommand(ctx, origin),
  },
  actions: {},
};
