import type { TurnOrigin } from '../turn-origin';
import { describeRequest, refusalAudit, refuse, samePerson } from '../../workflow';
import { applyRequestEvent } from '../apply-request-event';
import type { AppContext } from '../context';
import { PERSONAL_ONLY_MESSAGE, personOf, UNKNOWN_PERSON_MESSAGE } from '../turn-guards';
import { messageReply } from '../respond';
import type { Reply } from '../types';

/**
 * `cancel` in 1:1: ends the caller's open request (draft, submitted or approved).
 * A submitted or approved one was announced, so the SOC channel is told and its
 * approval card updated (through the same outbox as every state change).
 */
export async function cancelCommand(ctx: AppContext, origin: TurnOrigin): Promise<Reply[]> {
  if (origin.conversationType !== 'personal') return [{ text: PERSONAL_ONLY_MESSAGE('cancel') }];
  const by = personOf(origin);
  if (!by) return [{ text: UNKNOWN_PERSON_MESSAGE }];
  const at = ctx.now().toISOString();
  const open = await ctx.store.listOpenRequests(origin.tenantId);
  const own = open.filter((r) => samePerson(r.requester, by));
  if (own.length === 0) {
    const message = 'You have no open request to cancel. Type `status` to see the requests in progress.';
    await ctx.store.appendAudit([refusalAudit(null, by, 'cancel', refuse('nothing_open', message), at, origin.tenantId)]);
    return [messageReply({ title: 'Nothing to cancel', text: message })];
  }
  const lines: string[] = [];
  let problem: string | null = null;
  for (const request of own) {
    const outcome = await applyRequestEvent(ctx, request, { type: 'cancel', by, at, expectedVersion: request.version }, by);
    if (!outcome.ok) {
      problem = outcome.refusal.message;
      continue;
    }
    const announced = request.state !== 'draft';
    lines.push(`Your ${describeRequest(request)} is cancelled${announced ? '; the SOC channel has been told' : ''}.`);
    // The portal step cannot be undone by the bot; say so when it may already have happened.
    if (request.state === 'approved')
      lines.push('If the approver already did the step in the Defender portal, that change stays: check the portal, or run `check` on the workspace.');
  }
  if (lines.length === 0)
    return [
      messageReply({ title: 'Could not cancel', text: problem ?? 'Nothing was cancelled. Type `status` to see where your request stands.', style: 'warning' }),
    ];
  return [messageReply({ title: 'Request cancelled', text: `${lines.join(' ')}`, nextStep: problem ?? undefined, style: 'warning' })];
}
