import { cancelCommand } from './cancel/cancel-command';
import { checkAllCommand } from './connect/check-all-command';
import { checkCommand } from './connect/check-command';
import { connectCommand } from './connect/connect-command';
import type { AppContext } from './context';
import { disconnectCommand } from './disconnect/disconnect-command';
import { doctorCommand } from './doctor/doctor-command';
import { helpText } from './help-text';
import { notifyHere } from './notify-here';
import { primaryCommand } from './primary/primary-command';
import type { CommandName } from './parse-command';
import { historyCommand } from './status/history-command';
import { statusCommand } from './status/status-command';
import type { TurnOrigin } from './turn-origin';
import type { Json } from '../store/store';
import type { Reply, TurnProgress } from './types';

/** What handles one text command: the turn, what followed the command word, the conversation reference (JSON). */
export type CommandHandler = (ctx: AppContext, origin: TurnOrigin, argument: string, reference: Json, progress: TurnProgress) => Promise<Reply[]>;

/**
 * Every text command of the contract and what handles it. Typed by CommandName: a command added
 * to COMMANDS (parse-command.ts) does not compile until it has a handler here.
 */
export const COMMAND_HANDLERS: { readonly [C in CommandName]: CommandHandler } = {
  help: async () => [{ text: helpText() }],
  connect: (ctx, origin, argument) => connectCommand(ctx, origin, argument),
  check: (ctx, origin, argument) => checkCommand(ctx, origin, argument),
  'check all': (ctx, origin, _argument, _reference, progress) => checkAllCommand(ctx, origin, progress),
  disconnect: (ctx, origin, argument) => disconnectCommand(ctx, origin, argument),
  status: (ctx, origin) => statusCommand(ctx, origin),
  history: (ctx, origin, argument) => historyCommand(ctx, origin, argument),
  cancel: (ctx, origin) => cancelCommand(ctx, origin),
  'notify here': (ctx, origin, _argument, reference) => notifyHere(ctx, origin, reference),
  doctor: (ctx) => doctorCommand(ctx),
  primary: (ctx, origin, argument) => primaryCommand(ctx, origin, argument),
};
