import type { TurnOrigin } from '../turn-origin';
import { renderMessageCard } from '../../cards';
import type { Json } from '../../store/store';
import { conversationKeys } from '../../store/store';
import type { AppContext } from '../context';
import { personOf, UNKNOWN_PERSON_MESSAGE } from '../identity-guard';
import { parseWorkspaceArgument } from '../../workflow';
import { cardResult, refused } from '../respond';
import { runWithin } from '../run-within';
import type { CardAction, CardActionResult } from '../types';
import { NO_SOC_CHANNEL_MESSAGE } from './connect-command';
import { prepareConnect, type PrepareOutcome } from './prepare-connect';

/** Time an invoke may spend before answering; Teams gives 5 s. */
export const INVOKE_BUDGET_MS = 3_500;

/** `workspace.select` from the picker: as `connect <workspace>`; slow checks finish in the background. */
export async function workspaceSelectAction(ctx: AppContext, origin: TurnOrigin, action: CardAction): Promise<CardActionResult> {
  const requester = personOf(origin);
  if (!requester) return refused('unknown_user', UNKNOWN_PERSON_MESSAGE);
  if (origin.conversationType !== 'personal') return refused('personal_only', 'Pick the workspace in your 1:1 chat with the bot.');
  const raw = action.data.workspace;
  if (typeof raw !== 'string' || raw.trim() === '' || raw.length > 512) {
    return refused('invalid_input', 'Choose a workspace from the list, then select it.');
  }
  // The picker sends a resource id; the checks themselves tell whether the workspace exists.
  const parsed = parseWorkspaceArgument(raw);
  if (!parsed.ok || parsed.kind === 'name') return refused('invalid_input', 'Choose a workspace from the list, then select it.');
  if (!(await ctx.store.getSocChannel(origin.tenantId))) return refused('no_soc_channel', NO_SOC_CHANNEL_MESSAGE);
  const workspace = parsed.workspace;

  const work = prepareConnect(ctx, origin.tenantId, requester, workspace);
  const toCard = (o: PrepareOutcome): Json => (o.ok ? o.card : renderMessageCard({ title: o.title, text: o.message, style: 'warning' }));
  const answer = await runWithin(work, INVOKE_BUDGET_MS, async (late) => {
    if (!action.replyToId) return;
    const at = ctx.now().toISOString();
    await ctx.store.enqueueOutbox([
      {
        id: ctx.newId(),
        tenantId: origin.tenantId,
        requestId: late.ok ? late.request.id : null,
        conversationKey: conversationKeys.user(origin.tenantId, requester.id),
        payload: { kind: 'update', activityId: action.replyToId, card: toCard(late) },
        createdAt: at,
        attempts: 0,
        nextAttemptAt: at,
        sentAt: null,
      },
    ]);
    ctx.kickOutbox();
  });
  if (answer.done) return cardResult(toCard(answer.value));
  return cardResult(
    renderMessageCard({
      title: `Checking ${workspace.name}…`,
      text: 'Azure is slow to answer. This card will show the checks and the product changes as soon as they are done.',
    }),
  );
}
