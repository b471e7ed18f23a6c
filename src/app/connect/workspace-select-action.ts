import { renderMessageCard } from '../../cards';
import { newOutboxItem, outboxPayload } from '../../store/outbox-item';
import { conversationKeys, type CardJson } from '../../store/store';
import { parseWorkspaceArgument } from '../../workflow';
import { INVOKE_BUDGET_MS } from '../budgets';
import { personAction } from '../card-actions/define-action';
import { cardResult, refused } from '../respond';
import { runWithin } from '../run-within';
import { prepareConnect, type PrepareOutcome } from './prepare-connect';

/** `workspace.select` from the picker: as `connect <workspace>`; slow checks finish in the background and update the card. */
export const workspaceSelectAction = personAction(
  'workspace.select',
  { personalOnly: 'Pick the workspace in your 1:1 chat with the bot.' },
  async ({ ctx, origin, by: requester, data, replyToId }) => {
    // The picker sends a resource id; the checks themselves tell whether the workspace exists.
    const parsed = parseWorkspaceArgument(data.workspace);
    if (!parsed.ok || parsed.kind === 'name') return refused('invalid_input', 'Choose a workspace from the list, then select it.');
    const workspace = parsed.workspace;

    const work = prepareConnect(ctx, origin.tenantId, requester, workspace);
    const toCard = (o: PrepareOutcome): CardJson => (o.ok ? o.card : renderMessageCard({ title: o.title, text: o.message, style: 'warning' }));
    const answer = await runWithin(
      work,
      INVOKE_BUDGET_MS,
      async (late) => {
        if (!replyToId) return;
        const to = {
          tenantId: origin.tenantId,
          requestId: late.ok ? late.request.id : null,
          conversationKey: conversationKeys.user(origin.tenantId, requester.id),
        };
        await ctx.store.enqueueOutbox([newOutboxItem(to, outboxPayload.update(replyToId, toCard(late)), { id: ctx.newId(), at: ctx.now().toISOString() })]);
        ctx.kickOutbox();
      },
      ctx.logger,
    );
    if (answer.done) return cardResult(toCard(answer.value));
    return cardResult(
      renderMessageCard({
        title: `Checking ${workspace.name}…`,
        text: 'Azure is slow to answer. This card will show the checks and the product changes as soon as they are done.',
      }),
    );
  },
);
