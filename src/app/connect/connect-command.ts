import type { TurnOrigin } from '../turn-origin';
import type { AppContext } from '../context';
import { PERSONAL_ONLY_MESSAGE, personOf, UNKNOWN_PERSON_MESSAGE } from '../turn-guards';
import { resolveWorkspace } from '../resolve-workspace';
import { messageReply } from '../respond';
import type { Reply } from '../types';
import { prepareConnect } from './prepare-connect';
import { workspacePickerCard } from './workspace-picker';

/**
 * `connect [workspace]` in 1:1: the picker without a workspace, else checks and the product-changes card.
 * No SOC channel is needed for these (only Submit needs one: the card says so).
 */
export async function connectCommand(ctx: AppContext, origin: TurnOrigin, argument: string): Promise<Reply[]> {
  if (origin.conversationType !== 'personal') return [{ text: PERSONAL_ONLY_MESSAGE('connect') }];
  const requester = personOf(origin);
  if (!requester) return [{ text: UNKNOWN_PERSON_MESSAGE }];
  if (argument.trim() === '') {
    const picker = await workspacePickerCard(ctx);
    return [picker.ok ? { card: picker.card } : messageReply({ title: 'No workspaces to show', text: picker.message, style: 'warning' })];
  }
  // As in `check`: the connected-workspace scan starts beside the lookup of the workspace.
  void ctx.connectedWorkspaces.find(ctx.arm, ctx.graph).catch(() => undefined);
  const resolved = await resolveWorkspace(ctx.arm, argument);
  if (!resolved.ok) return [messageReply({ title: 'Which workspace?', text: resolved.message, style: 'warning' })];
  const outcome = await prepareConnect(ctx, origin.tenantId, requester, resolved.workspace);
  if (!outcome.ok) {
    // Switching workspaces (one at a time): the refusal names the connected one; offer the disconnect as the next step.
    // With primary and secondaries the refusal itself says what to do: disconnecting would be the wrong advice.
    const nextStep =
      outcome.code === 'already_connected' && ctx.model.name === 'single'
        ? 'Type `disconnect` to start disconnecting it (with a reason and an approval), then `connect` this workspace again.'
        : undefined;
    return [messageReply({ title: outcome.title, text: outcome.message, style: 'warning', nextStep })];
  }
  return [{ card: outcome.card, summary: `Connect ${resolved.workspace.name}: checks and product changes` }];
}
