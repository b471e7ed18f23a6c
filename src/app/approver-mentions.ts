import { withoutBidiControls } from '../cards';
import type { Json } from '../store/store';
import type { StoredRequest } from './stored-request';

/** Teams mentions at most this many people in the SOC post. */
export const MAX_MENTIONS = 20;
/** Universal Actions refresh a card for at most 60 listed users (Teams "User Specific Views"). */
export const MAX_REFRESH_USERS = 60;

/** The Teams user id (MRI) of an Entra user: `8:orgid:<object id>`. */
export const teamsUserId = (objectId: string): string => `8:orgid:${objectId.toLowerCase()}`;

/**
 * A name as it may stand between `<at>` and `</at>`: one line, no markup or markdown characters
 * (a name is user data; it must neither close the tag nor format the post), at most 128 characters.
 */
export function mentionName(name: string): string {
  const clean = Array.from(
    withoutBidiControls(name)
      .replace(/[<>&*_~`[\]\\\r\n\t]/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  return clean.slice(0, 128).join('') || 'approver';
}

/**
 * The text above the approval card in the SOC channel and its Teams `mention` entities (the people
 * who may decide, at most {@link MAX_MENTIONS}; `mentioned.id` is the Entra object id), or null when
 * nobody could be listed.
 */
export function approverMentions(request: StoredRequest): { text: string; entities: Json[] } | null {
  const list = request.approvers;
  if (list?.status !== 'listed' || list.people.length === 0) return null;
  const people = list.people.slice(0, MAX_MENTIONS).map((p) => ({ id: p.id, name: mentionName(p.name) }));
  const more = list.people.length - people.length;
  const tags = people.map((p) => `<at>${p.name}</at>`);
  return {
    text: `Approval needed to ${request.kind} ${mentionName(request.workspace.name)}: ${tags.join(', ')}${more > 0 ? ` and ${more} more` : ''} may decide.`,
    entities: people.map((p, i) => ({ type: 'mention', text: tags[i], mentioned: { id: p.id, name: p.name } })),
  };
}

/** Whose clients refresh the approval card to their own view: the requester, then the people who may decide (at most 60 in all). */
export function refreshUserIds(request: StoredRequest): string[] {
  const list = request.approvers;
  if (list?.status !== 'listed') return [];
  return [...new Set([request.requester.id, ...list.people.map((p) => p.id)].map(teamsUserId))].slice(0, MAX_REFRESH_USERS);
}
