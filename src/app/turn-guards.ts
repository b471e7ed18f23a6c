import type { TurnOrigin } from './turn-origin';
import type { Person } from '../workflow';

/** The person behind a turn, or null when the client did not say who (no Entra object id). */
export function personOf(origin: TurnOrigin): Person | null {
  return origin.userId ? { id: origin.userId, name: origin.userName } : null;
}

export const UNKNOWN_PERSON_MESSAGE =
  'I cannot tell who you are: your message carries no Microsoft Entra object id. In Teams this is automatic; in the Bot Framework Emulator, set the ' +
  "user id to a sandbox user's object id.";

export const PERSONAL_ONLY_MESSAGE = (command: string) => `\`${command}\` works in a 1:1 chat with me: open a chat with the bot and type it there.`;

/** A connect or disconnect needs the SOC channel: the approval is asked there. */
export const NO_SOC_CHANNEL_MESSAGE =
  'No SOC channel is set, so there is nowhere to ask for approval. Add me to the SOC team and type "notify here" in its channel (mention me there), ' +
  'then try again.';

/** Submit needs the SOC channel (the approval is asked there); the checks and the product changes do not. */
export const SUBMIT_NEEDS_SOC_CHANNEL_MESSAGE =
  'Submit needs a SOC channel, and none is set yet. Add me to the SOC team and type "notify here" in its channel (mention me there); ' +
  'then Submit on this card works, without a new connect.';
